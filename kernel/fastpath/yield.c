/* The Yield fast path: seL4_Yield when no other thread is ready at or
 * above the caller's priority. seL4 then dequeues the caller, appends it,
 * reschedules and chooses it again; what remains of all that is the
 * switchToThread to itself (FPU and VSpace switch). Anything else (a
 * thread to hand over to, a VSpace not yet checked for this thread) goes
 * to yieldCurrent() in the general path. Off with -DCONFIG_NO_FASTPATH. */
#include "kernel.h"
#include "invariants.h"
#include "../arch/x86_64/include/fastpath_arch.h"

#pragma GCC optimize("omit-frame-pointer")   /* no returning call here */

void fastpath_yield(void)
{
    tcb_t *cur = ksCurThread;
    paddr_t vroot;

    /* a thread of the same or a higher priority is ready: it runs next */
    if (unlikely(ksReadyQueues[cur->priority].head || !isHighestPrio(cur->priority)))
        return;
    /* the scheduler's decision is made here, so none may be pending */
    if (unlikely(ksSchedulerAction != SCHEDULER_ACTION_RESUME_CURRENT))
        return;
    /* setVMRoot(cur)'s answer, from the cache the general path fills */
    if (unlikely(!fastpath_vspace_root_cached(cur, &vroot)))
        return;

    fastpath_set_vspace_root(vroot);
    check_invariants();
    arch_fastpath_exit(cur);
}
