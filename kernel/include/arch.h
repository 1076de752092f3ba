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

/* Interrupts. IRQ n arrives on IDT vector IRQ_VECTOR_BASE + n.
 * IRQs 0..23 are IOAPIC inputs (legacy ISA lines 0..15 identity mapped,
 * with the MADT's source overrides applied), 24..123 are for MSIs, and 124
 * is the kernel's own LAPIC timer, never handed to user space. The 8259
 * PICs are disabled. Every IOAPIC input starts masked. */
#define IRQ_VECTOR_BASE   32
#define IRQ_IOAPIC_MIN    0
#define IRQ_IOAPIC_MAX    23
#define IRQ_MSI_MIN       24
#define IRQ_MSI_MAX       123
#define KERNEL_TIMER_IRQ  124
#define MAX_IRQ           124
void arch_irq_set_mask(word_t irq, bool masked);   /* IOAPIC inputs only; no-op for MSI */
void arch_irq_ack(word_t irq);                     /* EOI to the LAPIC */
/* Route IOAPIC input `pin` of IOAPIC `ioapic` to IRQ `irq` (masked). Returns
 * false if that IOAPIC or pin does not exist. level: 1 = level triggered;
 * polarity: 1 = active low. */
bool arch_ioapic_route(word_t irq, word_t ioapic, word_t pin, word_t level, word_t polarity);
word_t arch_num_ioapic_pins(word_t ioapic);        /* 0 if no such IOAPIC */

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
/* syscall_entry calls syscall_handlers[sysno + 8] for -8 <= sysno <= -1,
 * c_handle_syscall() for any other number. */
typedef void (*syscall_handler_t)(word_t cptr, word_t msginfo) NORETURN;
extern const syscall_handler_t syscall_handlers[8];
NORETURN void c_handle_syscall(word_t cptr, word_t msginfo, word_t sysno);
/* vector < 32: a CPU exception from user mode other than #NM (handled in the
 * arch). For #PF (14), addr = CR2; otherwise addr = 0. */
NORETURN void c_handle_user_exception(word_t vector, word_t error_code, word_t addr);
NORETURN void c_handle_interrupt(word_t irq);    /* irq = IDT vector - IRQ_VECTOR_BASE */
