/* CPU set-up after the switch to long mode: control-register features,
 * the SYSCALL MSRs, and the TSC frequency if the CPU tells it. */
#include "cpu.h"
#include "gdt.h"
#include "traps.h"

void cpu_init(void)
{
    /* FPU: MP so WAIT honours TS, EM off (real FPU), NE for #MF, and TS on
     * because no thread owns the FPU yet (fpu.c switches it lazily). */
    word_t cr0 = read_cr0();
    cr0 = (cr0 | CR0_MP | CR0_NE | CR0_TS | CR0_WP) & ~(word_t)CR0_EM;
    write_cr0(cr0);

    /* FXSAVE/SSE for user threads. No SMEP (and no EFER.NXE): either
     * would make instruction-fetch page faults report bit 4 (I/D) in
     * their error code, which seL4's default configuration never does, and
     * fault messages show that code to user space. */
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);

    /* SYSCALL: CS/SS from STAR[47:32], SYSRET's from STAR[63:48] (gdt.h).
     * SFMASK clears IF (the kernel runs with interrupts off), DF (the C ABI
     * wants it clear), TF (no single-stepping kernel code), AC and NT (an
     * iretq with NT set would fault). */
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    wrmsr(MSR_STAR, ((word_t)SEL_SYSRET_BASE << 48) | ((word_t)SEL_KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (word_t)syscall_entry);
    wrmsr(MSR_CSTAR, 0);   /* no 32-bit user code segment exists (gdt.h) */
    wrmsr(MSR_SFMASK, FLAGS_IF | FLAGS_DF | FLAGS_TF | FLAGS_AC | FLAGS_NT);
}

/* TSC frequency from CPUID leaf 0x15 (TSC/crystal ratio) or 0x16 (base
 * MHz); 0 when the CPU does not say (QEMU's TCG CPUs usually don't). */
word_t cpu_tsc_khz(void)
{
    uint32_t max, a, b, c, d;
    cpuid(0, 0, &max, &b, &c, &d);
    if (max >= 0x15) {
        cpuid(0x15, 0, &a, &b, &c, &d);
        if (a && b && c)
            return (word_t)c / 1000 * b / a;
    }
    if (max >= 0x16) {
        cpuid(0x16, 0, &a, &b, &c, &d);
        if (a & 0xffff)
            return (word_t)(a & 0xffff) * 1000;
    }
    return 0;
}
