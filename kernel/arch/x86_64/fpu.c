/* Lazy FPU switching.
 *
 * At most one thread's x87/SSE state is live in the CPU: fpu_owner's.
 * Whenever another thread runs, CR0.TS is set, so its first FPU/SSE
 * instruction raises #NM; only then is the owner's state saved (FXSAVE into
 * its TCB) and the new thread's restored. Threads that never touch the FPU
 * never pay for it. */
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

static void set_ts(bool on)
{
    if (on == ts_set)
        return;
    if (on)
        write_cr0(read_cr0() | CR0_TS);
    else
        __asm__ volatile("clts");
    ts_set = on;
}

void fpu_update_ts(tcb_t *to)
{
    set_ts(to != fpu_owner);
}

void fpu_handle_nm(void)
{
    tcb_t *cur = ksCurThread;

    set_ts(false);
    if (fpu_owner == cur)
        return;
    if (fpu_owner) {
        __asm__ volatile("fxsave64 (%0)" :: "r"(tcb_fpu_area(fpu_owner)) : "memory");
        fpu_owner->fpu_valid = 1;
    }
    const void *state = cur->fpu_valid ? tcb_fpu_area(cur) : fpu_initial_state;
    __asm__ volatile("fxrstor64 (%0)" :: "r"(state) : "memory");
    fpu_owner = cur;
}

void arch_fpu_forget(struct tcb *t)
{
    if (fpu_owner == t) {
        fpu_owner = NULL;
        set_ts(true);
    }
}
