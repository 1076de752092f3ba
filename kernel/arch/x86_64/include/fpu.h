/* FPU switching (fpu.c): lazy until a thread's first FPU use, eager after.
 * The kernel itself never touches x87/SSE state. */
#pragma once
#include "types.h"
#include "object.h"
#include "cpu.h"

struct tcb;
void fpu_init(void);                   /* boot: CR0/CR4 already set by cpu_init */
void fpu_handle_nm(void);              /* #NM from user: give ksCurThread the FPU */
void fpu_take(struct tcb *t);          /* save the owner's state, load t's: t owns the FPU */
void fpu_set_ts(void);
void fpu_clear_ts(void);

extern struct tcb *fpu_owner;
extern bool fpu_ts_set;                /* what CR0.TS holds */

void fpu_tick(void);                   /* timer tick: the owner goes lazy until it next traps */

/* An eager switch with TS clear: then the owner exists and its state is
 * live (the invariant in fpu.c); an eager thread has used the FPU, so its
 * own state is in its area. */
static FORCE_INLINE void fpu_swap_live(struct tcb *to)
{
    /* memory operands: the area's offset from the TCB goes into the
     * instruction instead of an address computed first */
    __asm__ volatile("fxsave64 %0" : "=m"(*(char (*)[512])tcb_fpu_area(fpu_owner)) :: "memory");
    __asm__ volatile("fxrstor64 %0" :: "m"(*(char (*)[512])tcb_fpu_area(to)) : "memory");
    fpu_owner = to;
}

/* On every switch to `to`: a thread in its eager period gets its FPU state
 * loaded (and TS clear); any other runs with CR0.TS set. Inline: the fast
 * path's exit calls it. */
static FORCE_INLINE void fpu_switch_to(struct tcb *to)
{
    if (likely(!to->fpu_eager)) {
        if (unlikely(!fpu_ts_set))
            fpu_set_ts();
    } else if (to != fpu_owner) {
        if (likely(!fpu_ts_set)) {
            fpu_swap_live(to);
        } else {
            fpu_take(to);
        }
    } else if (fpu_ts_set) {
        fpu_clear_ts();
    }
}
