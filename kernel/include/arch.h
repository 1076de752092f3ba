/* The contract between the architecture layer (kernel/arch/x86_64) and the
 * generic kernel (kernel/kernel, kernel/object, kernel/api).
 *
 * Control flow: the multiboot entry brings the CPU to long mode, sets up the
 * kernel window, GDT/TSS/IDT, the serial console, SYSCALL and the timer, then
 * calls boot_kernel() with what it learnt from the boot loader. boot_kernel()
 * builds the root task and returns; the arch layer prints
 * "Booting all finished, dropped to user space" and enters user space with
 * arch_restore_user_context().
 *
 * Every later kernel entry arrives in one of the c_handle_* functions below
 * with interrupts disabled, on the single kernel stack, with the interrupted
 * thread's registers already saved in ksCurThread->ctx (see context.h). They
 * never return: each ends in arch_restore_user_context(). */
#pragma once
#include "types.h"
#include "context.h"

struct tcb;

/* ---------------- provided by the arch layer ---------------- */

typedef struct p_region { paddr_t start, end; } p_region_t;   /* [start, end) */

#define MAX_BOOT_RAM_REGIONS 16
typedef struct boot_params {
    p_region_t ram[MAX_BOOT_RAM_REGIONS];  /* usable RAM from the multiboot map, sorted, page aligned, inside the kernel window */
    int num_ram;
    p_region_t kernel_image;               /* physical extent of the loaded kernel (text, data, bss, boot stacks and tables) */
    p_region_t module;                     /* physical extent of the root task ELF (first multiboot module) */
    char module_name[64];
    paddr_t acpi_rsdp;                     /* 0 if not found */
    word_t tsc_khz;                        /* 0 if unknown */
} boot_params_t;

/* Console: raw byte out on COM1. kputchar() in the core adds CR before LF. */
void arch_serial_putc(char c);

/* Leave the kernel and run ksCurThread. Handles user threads (sysret or
 * iret depending on ctx.r[REG_ENTRY_KIND]) and the idle thread (ring 0). */
NORETURN void arch_restore_user_context(void);

/* Make the idle thread's context: ring 0, interrupts on, halting in a loop. */
void arch_init_idle_thread(struct tcb *idle);

/* Address spaces. */
void arch_set_vspace_root(paddr_t pml4);         /* loads CR3 if different */
paddr_t arch_kernel_pml4(void);                  /* PML4 whose upper half every VSpace shares */
void arch_invalidate_page(vptr_t vaddr);         /* invlpg, only matters for the current CR3 */
void arch_invalidate_tlb(void);                  /* reload CR3 */

/* Thread switch hooks: FS/GS bases (written with wrmsr only when they
 * change) and lazy FPU ownership (CR0.TS; #NM is handled inside the arch). */
void arch_switch_thread(struct tcb *from, struct tcb *to);
void arch_fpu_forget(struct tcb *t);             /* a TCB is being destroyed */

/* Interrupts. IRQ numbers are IOAPIC/legacy lines 0..23; the kernel's own
 * timer line is KERNEL_TIMER_IRQ and is never handed to user space. */
#define KERNEL_TIMER_IRQ 0
#define MAX_IRQ 23
void arch_irq_set_mask(word_t irq, bool masked);
void arch_irq_ack(word_t irq);

/* I/O ports, for IOPort invocations. */
word_t arch_port_in(word_t port, int size);      /* size 1, 2 or 4 */
void arch_port_out(word_t port, word_t value, int size);

/* End the QEMU run: status 0 powers off (QEMU exits 0); a nonzero status
 * leaves through isa-debug-exit (QEMU exits 2*status+1). */
NORETURN void arch_halt_system(int status);

/* Kernel-mode exception (a kernel bug): dump registers and halt. */
NORETURN void arch_kernel_panic(const char *why);

/* ---------------- provided by the generic kernel ---------------- */

extern struct tcb *ksCurThread;    /* thread whose context the entry code saves into */
extern struct tcb *ksIdleThread;

void boot_kernel(const boot_params_t *bp);
NORETURN void c_handle_syscall(word_t cptr, word_t msginfo, word_t sysno);
/* vector < 32: a CPU exception from user mode other than #NM (handled in the
 * arch). For #PF (14), addr = CR2; otherwise addr = 0. */
NORETURN void c_handle_user_exception(word_t vector, word_t error_code, word_t addr);
NORETURN void c_handle_interrupt(word_t irq);    /* irq = IDT vector - IRQ_VECTOR_BASE */
#define IRQ_VECTOR_BASE 32
