/* Kernel panics: a report on the console, then the run ends with a
 * nonzero status (PANIC_STATUS 103, as for a failed boot: QEMU exits 207). */
#include "arch.h"
#include "printf.h"
#include "cpu.h"
#include "gdt.h"
#include "traps.h"

#define PANIC_STATUS 103
#define STACK_DUMP_WORDS 16

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
    "invalid opcode", "device not available", "double fault", "coprocessor overrun",
    "invalid TSS", "segment not present", "stack fault", "general protection",
    "page fault", "reserved", "x87 error", "alignment check", "machine check",
    "SIMD error", "virtualisation", "control protection",
};

/* Print up to STACK_DUMP_WORDS words from rsp, if rsp lies inside the kernel
 * stack (anything else might fault while we report). */
static void dump_stack(word_t rsp)
{
    word_t lo = (word_t)kernel_stack, hi = KERNEL_STACK_TOP;
    if (rsp < lo || rsp >= hi || (rsp & 7)) {
        kprintf("stack: rsp %p is not on the kernel stack\n", (void *)rsp);
        return;
    }
    kprintf("stack:\n");
    for (int i = 0; i < STACK_DUMP_WORDS && rsp < hi; i++, rsp += 8)
        kprintf("  %p: 0x%016lx\n", (void *)rsp, *(word_t *)rsp);
}

void kernel_trap_panic(const kernel_frame_t *f)
{
    const char *name = f->vector < 32 && exception_names[f->vector] ? exception_names[f->vector]
                                                                    : "interrupt";
    kprintf("\nKERNEL PANIC: vector %lu (%s) in kernel mode, error code 0x%lx, cr2 0x%lx\n",
            f->vector, name, f->error, read_cr2());
    kprintf("rip 0x%016lx  cs  0x%04lx  rflags 0x%08lx\n", f->rip, f->cs, f->rflags);
    kprintf("rsp 0x%016lx  ss  0x%04lx\n", f->rsp, f->ss);
    kprintf("rax 0x%016lx  rbx 0x%016lx  rcx 0x%016lx\n", f->rax, f->rbx, f->rcx);
    kprintf("rdx 0x%016lx  rsi 0x%016lx  rdi 0x%016lx\n", f->rdx, f->rsi, f->rdi);
    kprintf("rbp 0x%016lx  r8  0x%016lx  r9  0x%016lx\n", f->rbp, f->r8, f->r9);
    kprintf("r10 0x%016lx  r11 0x%016lx  r12 0x%016lx\n", f->r10, f->r11, f->r12);
    kprintf("r13 0x%016lx  r14 0x%016lx  r15 0x%016lx\n", f->r13, f->r14, f->r15);
    kprintf("cr0 0x%016lx  cr3 0x%016lx  cr4 0x%016lx\n", read_cr0(), read_cr3(), read_cr4());
    dump_stack(f->rsp);
    arch_halt_system(PANIC_STATUS);
}

void arch_kernel_panic(const char *why)
{
    word_t rsp;
    __asm__ volatile("movq %%rsp, %0" : "=r"(rsp));
    kprintf("\nKERNEL PANIC: %s\n", why);
    kprintf("called from %p\n", __builtin_return_address(0));
    dump_stack(rsp);
    arch_halt_system(PANIC_STATUS);
}
