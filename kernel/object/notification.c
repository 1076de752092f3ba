/* Notifications: a word of OR-ed badges and a queue of waiting threads. */
#include "kernel.h"
#include "notification.h"

void sendSignal(notification_t *n, word_t badge)
{
    switch (queue_state(ntfn_queue(n))) {
    case NtfnState_Idle: {
        tcb_t *t = n->bound_tcb;
        /* A bound thread waiting on its endpoint takes the signal at once. */
        if (t && t->state == ThreadState_BlockedOnReceive) {
            cancelIPC(t);
            setThreadState(t, ThreadState_Running);
            setRegister(t, REG_BADGE, badge);
            possibleSwitchTo(t);
        } else {
            ntfn_set_active(n, badge);
        }
        break;
    }
    case NtfnState_Waiting: {
        tcb_t *dest = queue_head(ntfn_queue(n));
        ntfn_remove(n, dest);
        setThreadState(dest, ThreadState_Running);
        setRegister(dest, REG_BADGE, badge);
        possibleSwitchTo(dest);
        break;
    }
    case NtfnState_Active:
        n->msg |= badge;
        break;
    }
}

void receiveSignal(tcb_t *t, cap_t cap, bool is_blocking)
{
    notification_t *n = ptr_from_paddr(cap_ntfn_paddr(cap));
    switch (queue_state(ntfn_queue(n))) {
    case NtfnState_Idle:
    case NtfnState_Waiting:
        if (is_blocking) {
            t->blocking_object = (word_t)n;
            setThreadState(t, ThreadState_BlockedOnNotification);
            ntfn_append(n, t);
        } else {
            setRegister(t, REG_BADGE, 0);   /* Poll found nothing */
        }
        break;
    case NtfnState_Active:
        setRegister(t, REG_BADGE, n->msg);
        n->msg = 0;
        queue_set(ntfn_queue(n), NULL, NULL, NtfnState_Idle);
        break;
    }
}

void cancelSignal(tcb_t *t, notification_t *n)
{
    ntfn_remove(n, t);
    setThreadState(t, ThreadState_Inactive);
}

void cancelAllSignals(notification_t *n)
{
    if (queue_state(ntfn_queue(n)) != NtfnState_Waiting)
        return;
    tcb_t *t = queue_head(ntfn_queue(n));
    queue_set(ntfn_queue(n), NULL, NULL, NtfnState_Idle);
    while (t) {
        tcb_t *next = t->ep_next;
        t->ep_next = t->ep_prev = NULL;
        setThreadState(t, ThreadState_Restart);
        tcbSchedEnqueue(t);
        t = next;
    }
    rescheduleRequired();
}

void bindNotification(tcb_t *t, notification_t *n)
{
    n->bound_tcb = t;
    t->bound_notification = n;
}

void unbindNotification(tcb_t *t)
{
    notification_t *n = t->bound_notification;
    if (n) {
        n->bound_tcb = NULL;
        t->bound_notification = NULL;
    }
}

void unbindMaybeNotification(notification_t *n)
{
    if (n->bound_tcb)
        unbindNotification(n->bound_tcb);
}
