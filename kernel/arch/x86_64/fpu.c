/* FPU switching: lazy until a thread uses the FPU, eager after.
 *
 * At most one thread's x87/SSE state is live in the CPU: fpu_owner's.
 * A thread that has never used the FPU runs with CR0.TS set, so its first
 * FPU/SSE instruction raises #NM; then the owner's state is saved (FXSAVE
 * into its TCB), the thread's own loaded, and the thread marked as an FPU
 * user (fpu_used). From then on every switch to it loads its state at once
 * (one FXSAVE + FXRSTOR, no #NM round trip with its iretq), as seL4's
 * eager switch does. Threads that never touch the FPU never pay for it.
 *
 * Invariant, on every exit to user space: CR0.TS is clear exactly when
 * ksCurThread owns the FPU. fpu_switch_to() keeps it on every switch,
 * fpu_handle_nm() and arch_fpu_forget() keep it in between. */
#include "arch.h"
#include "object.h"
#include "cpu.h"
#include "fpu.h"

static tcb_t *fpu_owner;
static bool ts_set = true;            /* cpu_init() sets CR0.TS */

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

static inline void clear_ts(void)
{
    if (ts_set) {
        __asm__ volatile("clts");
        ts_set = false;
    }
}

static inline void set_ts(void)
{
    if (!ts_set) {
        write_cr0(read_cr0() | CR0_TS);
        ts_set = true;
    }
}

/* Save the owner's state (if any) and load t's: its own if it has used the
 * FPU before, else the initial state. t becomes the owner; TS is clear. */
static void take_fpu(tcb_t *t)
{
    clear_ts();
    if (fpu_owner)
        __asm__ volatile("fxsave64 (%0)" :: "r"(tcb_fpu_area(fpu_owner)) : "memory");
    const void *state = t->fpu_used ? tcb_fpu_area(t) : fpu_initial_state;
    __asm__ volatile("fxrstor64 (%0)" :: "r"(state) : "memory");
    fpu_owner = t;
    t->fpu_used = 1;
}

void fpu_switch_to(tcb_t *to)
{
    if (to == fpu_owner)
        clear_ts();
    else if (to->fpu_used)
        take_fpu(to);
    else
        set_ts();
}

void fpu_handle_nm(void)
{
    tcb_t *cur = ksCurThread;

    if (fpu_owner == cur)
        clear_ts();
    else
        take_fpu(cur);
}

void arch_fpu_forget(struct tcb *t)
{
    if (fpu_owner == t) {
        fpu_owner = NULL;
        set_ts();
    }
}
