/* FPU switching: lazy, and eager for threads that use the FPU.
 *
 * At most one thread's x87/SSE state is live in the CPU: fpu_owner's.
 * A thread runs with CR0.TS set unless it owns the FPU, so its first
 * FPU/SSE instruction raises #NM; then the owner's state is saved (FXSAVE
 * into its TCB) and the thread's own loaded (fpu_take()). That #NM also
 * makes the thread eager (fpu_eager): every switch to it then loads its
 * state at once, with no #NM round trip and its iretq, as seL4's eager
 * switch does. A timer tick makes the owner lazy again: if it still uses
 * the FPU it traps once more and is eager again; if it has stopped, it no
 * longer makes every switch save, load, or toggle CR0.TS.
 * Threads that never touch the FPU never pay for it.
 *
 * Invariant, on every exit to user space: CR0.TS is clear only when
 * ksCurThread owns the FPU (fpu_switch_to() on every switch,
 * fpu_handle_nm() and arch_fpu_forget() in between); so, with TS clear,
 * there is an owner and its state is live. */
#include "arch.h"
#include "object.h"
#include "cpu.h"
#include "fpu.h"

tcb_t *fpu_owner;
bool fpu_ts_set = true;               /* cpu_init() sets CR0.TS */

/* The state a thread starts with: what FNINIT gives (FCW 0x37f, empty
 * tags) with MXCSR 0x1f80 (all SSE exceptions masked) and zeroed
 * registers, so nothing of the previous owner shows through. */
static uint8_t fpu_initial_state[512] ALIGN(16);

void fpu_init(void)
{
    fpu_initial_state[0] = 0x7f;      /* FCW = 0x037f */
    fpu_initial_state[1] = 0x03;
    *(uint32_t *)&fpu_initial_state[24] = 0x1f80;   /* MXCSR */
}

void fpu_clear_ts(void)
{
    __asm__ volatile("clts");
    fpu_ts_set = false;
}

void fpu_set_ts(void)
{
    write_cr0(read_cr0() | CR0_TS);
    fpu_ts_set = true;
}

/* Save the owner's state (if any) and load t's: its own if it has used the
 * FPU before, else the initial state. t becomes the owner; TS is clear. */
void fpu_take(tcb_t *t)
{
    if (fpu_ts_set)
        fpu_clear_ts();
    if (fpu_owner)
        __asm__ volatile("fxsave64 (%0)" :: "r"(tcb_fpu_area(fpu_owner)) : "memory");
    const void *state = t->fpu_used ? tcb_fpu_area(t) : fpu_initial_state;
    __asm__ volatile("fxrstor64 (%0)" :: "r"(state) : "memory");
    fpu_owner = t;
    t->fpu_used = 1;
}

void fpu_handle_nm(void)
{
    tcb_t *cur = ksCurThread;

    cur->fpu_eager = 1;
    if (fpu_owner == cur)
        fpu_clear_ts();    /* its state is still live: a lazy switch back to the owner */
    else
        fpu_take(cur);
}

void fpu_tick(void)
{
    if (fpu_owner)
        fpu_owner->fpu_eager = 0;
}

void arch_fpu_forget(struct tcb *t)
{
    if (fpu_owner == t) {
        fpu_owner = NULL;
        if (!fpu_ts_set)
            fpu_set_ts();
    }
}
