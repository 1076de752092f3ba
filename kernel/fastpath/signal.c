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

static inline cap_t lookup_fp(tcb_t *t, cptr_t cptr)
{
    resolve_ret_t r = resolveAddressBits(tcb_cte(t, TCB_CTABLE)->cap, cptr, WORD_BITS);
    return likely(r.status == EXCEPTION_NONE) ? r.slot->cap : null_cap;
}

static inline notification_t *ntfn_of(cap_t cap) { return ptr_from_paddr(cap_ntfn_paddr(cap)); }

static NORETURN void resume_current(void)
{
    check_invariants();
    arch_restore_user_context();
}

/* switchToThread() and activateThread(), as schedule() would run them. */
static NORETURN void switch_to(tcb_t *cur, tcb_t *to)
{
    arch_switch_thread(cur, to);
    setVMRoot(to);
    ksCurThread = to;
    if (unlikely(to->state == ThreadState_Restart))
        activateThread();
    check_invariants();
    arch_restore_user_context();
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
        /* the signaller keeps the CPU only if schedule() would choose it again */
        if (unlikely(dest->priority <= cur->priority && !isHighestPrio(cur->priority)))
            return;
        /* the scheduler's decision is made here, so none may be pending */
        if (unlikely(ksSchedulerAction != SCHEDULER_ACTION_RESUME_CURRENT))
            return;

        /* --- no way back from here --- */
        ntfn_remove(n, dest);
        dest->state = ThreadState_Running;
        dest->ctx.r[REG_BADGE] = badge;
        if (dest->priority > cur->priority) {
            tcbSchedEnqueue(cur);
            switch_to(cur, dest);
        }
        if (dest->priority == cur->priority)
            tcbSchedAppend(dest);
        else
            tcbSchedEnqueue(dest);
        /* schedule() chooses the signaller again, through switchToThread */
        arch_switch_thread(cur, cur);
        setVMRoot(cur);
        resume_current();
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

    /* --- no way back from here --- */
    cur->blocking_object = (word_t)n;
    cur->state = ThreadState_BlockedOnNotification;
    ntfn_append(n, cur);
    tcb_t *next = ksReadyQueues[sched_highest_prio()].head;
    tcbSchedDequeue(next);
    switch_to(cur, next);
}
