/* Where traps.S hands over after an exception or interrupt: sorts the
 * vector into the arch's own business (#NM, spurious interrupts) and the
 * generic kernel's (user exceptions, IRQs). */
#include "arch.h"
#include "object.h"
#include "cpu.h"
#include "fpu.h"
#include "traps.h"

static bool is_irq_vector(word_t v)
{
    return v >= IRQ_VECTOR_BASE && v <= IRQ_VECTOR_BASE + MAX_IRQ;
}

/* From user mode; ksCurThread->ctx holds the thread's registers. */
void c_handle_trap(word_t vector, word_t error)
{
    if (vector == VEC_NM) {
        fpu_handle_nm();
        arch_restore_user_context();
    }
    if (vector < 32)
        c_handle_user_exception(vector, error, vector == VEC_PAGE_FAULT ? read_cr2() : 0);
    if (vector == IRQ_VECTOR_BASE + KERNEL_TIMER_IRQ)
        fpu_tick();
    if (is_irq_vector(vector))
        c_handle_interrupt(vector - IRQ_VECTOR_BASE);
    /* LAPIC spurious vector (no EOI wanted), the parked 8259s, or a vector
     * nothing is programmed to send: resume the thread. */
    arch_restore_user_context();
}

/* An interrupt woke the idle thread. Nothing was saved: if the kernel
 * keeps idling, arch_restore_user_context() restarts the idle loop. */
void c_handle_idle_interrupt(word_t vector)
{
    if (is_irq_vector(vector))
        c_handle_interrupt(vector - IRQ_VECTOR_BASE);
    arch_restore_user_context();
}

/* An exception in ring 0. One is not a kernel bug: iretq faulting on a
 * user frame it refuses (a non-canonical RIP on Intel CPUs raises #GP
 * before leaving ring 0). The thread's registers are intact in its ctx,
 * so report the fault as the thread's own, at the RIP it was resuming.
 * (We are a few hundred bytes down the kernel stack; nothing returns.) */
void c_handle_kernel_trap(kernel_frame_t *f)
{
    if (f->rip == (word_t)restore_iretq && f->vector < 32 && ksCurThread != ksIdleThread) {
        user_context_t *ctx = &ksCurThread->ctx;
        ctx->r[REG_FAULTIP] = ctx->r[REG_NEXTIP];
        ctx->r[REG_ERROR] = f->error;
        ctx->r[REG_ENTRY_KIND] = ENTRY_TRAP;
        c_handle_user_exception(f->vector, f->error, 0);
    }
    kernel_trap_panic(f);
}
