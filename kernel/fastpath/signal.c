/* The notification fast path: seL4_Signal (Send or NBSend on a notification
 * cap) and seL4_Wait / seL4_Poll (Recv or NBRecv on one).
 *
 * As in fastpath.c, each function is a list of checks; a failed check
 * returns and the general path (kernel/api/syscall.c, object/notification.c)
 * handles the call from the start. Past the checks nothing can fail, and
 * the result (registers, queues, who runs next, the VSpace loaded) is the
 * general path's. Who runs after a Signal follows seL4's non-MCS
 * possibleSwitchTo and schedule(): a woken thread of higher priority runs
 * at once and the signaller goes to the head of its ready queue; one of
 * equal priority is appended to its ready queue, one of lower priority
 * queued at the head of its own, and the signaller goes on. Build with
 * KERNEL_EXTRA_CFLAGS=-DCONFIG_NO_FASTPATH to switch it off. */
#include "kernel.h"
#include "invariants.h"
#include "notification.h"
#include "../arch/x86_64/include/fastpath_arch.h"

/* Every instruction here counts (docs/performance.md): the common case has
 * no call that returns, so nothing to save and no frame. What would need
 * one (a CSpace of more than one level, a VSpace not yet checked for this
 * thread) goes the general way, which also fills the VSpace cache. */
#pragma GCC optimize("omit-frame-pointer")

/* The cap cptr names in a one-level CSpace (guard + radix = 64); a null
 * cap, so a fallback, for any other shape or a failed lookup. */
static FORCE_INLINE cap_t lookup_fp(tcb_t *t, cptr_t cptr)
{
    cte_t *slot = lookup_slot_one_level(tcb_cte(t, TCB_CTABLE)->cap, cptr);
    return likely(slot != NULL) ? slot->cap : null_cap;
}

/* setVMRoot(t)'s PML4 from t's cache; false on a miss (or where setVMRoot
 * would fall back to the kernel's PML4). */
static FORCE_INLINE bool vspace_root_fp(tcb_t *t, paddr_t *root)
{
    return fastpath_vspace_root_cached(t, root);
}

static inline notification_t *ntfn_of(cap_t cap) { return ptr_from_paddr(cap_ntfn_paddr(cap)); }

/* Back to the current thread, with no scheduling decision made. */
static FORCE_INLINE NORETURN void resume_current(void)
{
    check_invariants();
    arch_restore_user_context();
}

/* What schedule() does once it has chosen `to` (switchToThread: the FPU
 * and VSpace switch, even to the current thread; vroot is to's PML4), then
 * activateThread(). */
static FORCE_INLINE NORETURN void switch_to(tcb_t *to, paddr_t vroot)
{
    fastpath_set_vspace_root(vroot);
    ksCurThread = to;
    /* activateThread(): a thread restarted while queued redoes its syscall */
    if (unlikely(to->state == ThreadState_Restart)) {
        to->ctx.r[REG_NEXTIP] = to->ctx.r[REG_FAULTIP];
        to->state = ThreadState_Running;
    }
    check_invariants();
    arch_fastpath_exit(to);
}

void fastpath_signal(cptr_t cptr, word_t info)
{
    tcb_t *cur = ksCurThread;

    /* extra caps are looked up first, and a failed lookup faults */
    if (unlikely(mi_extra_caps(info) != 0))
        return;
    /* the cap must be a notification we may signal */
    cap_t cap = lookup_fp(cur, cptr);
    if (unlikely(cap_get_type(cap) != cap_notification || !cap_ntfn_can_send(cap)))
        return;
    notification_t *n = ntfn_of(cap);
    word_t badge = cap_ntfn_badge(cap);

    switch (queue_state(ntfn_queue(n))) {
    case NtfnState_Active:
        n->msg |= badge;
        resume_current();

    case NtfnState_Idle: {
        /* a bound thread blocked in Recv on its endpoint is taken out of that IPC */
        tcb_t *bound = n->bound_tcb;
        if (unlikely(bound && bound->state == ThreadState_BlockedOnReceive))
            return;
        ntfn_set_active(n, badge);
        resume_current();
    }

    default: {   /* NtfnState_Waiting */
        tcb_t *dest = queue_head(ntfn_queue(n));
        /* a higher priority runs at once; else the signaller goes on, if
         * schedule() would choose it again */
        bool preempt = dest->priority > cur->priority;
        if (unlikely(!preempt && !isHighestPrio(cur->priority)))
            return;
        /* the scheduler's decision is made here, so none may be pending */
        if (unlikely(ksSchedulerAction != SCHEDULER_ACTION_RESUME_CURRENT))
            return;
        /* the VSpace of the thread that runs next must be usable */
        paddr_t vroot;
        if (unlikely(!vspace_root_fp(preempt ? dest : cur, &vroot)))
            return;

        /* --- no way back from here --- */
        ntfn_take_head(n);
        dest->state = ThreadState_Running;
        dest->ctx.r[REG_BADGE] = badge;
        if (preempt) {
            tcbSchedEnqueue(cur);
            switch_to(dest, vroot);
        }
        if (dest->priority == cur->priority)
            tcbSchedAppend(dest);
        else
            tcbSchedEnqueue(dest);
        /* schedule() chooses the signaller again, through switchToThread */
        switch_to(cur, vroot);
    }
    }
}

void fastpath_wait(cptr_t cptr, bool is_blocking)
{
    tcb_t *cur = ksCurThread;

    /* the cap must be a notification (an endpoint is an IPC receive) */
    cap_t cap = lookup_fp(cur, cptr);
    if (unlikely(cap_get_type(cap) != cap_notification))
        return;
    notification_t *n = ntfn_of(cap);
    /* no Read right, or bound to another thread: a cap fault */
    if (unlikely(!cap_ntfn_can_receive(cap) || (n->bound_tcb && n->bound_tcb != cur)))
        return;

    if (queue_state(ntfn_queue(n)) == NtfnState_Active) {
        cur->ctx.r[REG_BADGE] = n->msg;
        n->msg = 0;
        queue_set(ntfn_queue(n), NULL, NULL, NtfnState_Idle);
        resume_current();
    }
    if (!is_blocking) {
        cur->ctx.r[REG_BADGE] = 0;   /* a Poll that found nothing */
        resume_current();
    }
    /* with no thread to run, the general path decides whether the run is over */
    if (unlikely(!sched_any_ready()))
        return;
    if (unlikely(ksSchedulerAction != SCHEDULER_ACTION_RESUME_CURRENT))
        return;
    /* the chosen thread's VSpace must be usable */
    word_t prio = sched_highest_prio();
    tcb_t *next = ksReadyQueues[prio].head;
    paddr_t vroot;
    if (unlikely(!vspace_root_fp(next, &vroot)))
        return;

    /* --- no way back from here --- */
    cur->blocking_object = (word_t)n;
    cur->state = ThreadState_BlockedOnNotification;
    ntfn_append(n, cur);
    sched_take_head(prio);
    switch_to(next, vroot);
}
