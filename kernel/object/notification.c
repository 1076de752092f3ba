/* Notifications: a word of OR-ed badges and a queue of waiting threads. */
#include "kernel.h"

static inline word_t *nq(notification_t *n) { return (word_t *)n; }

static void ntfn_append(notification_t *n, tcb_t *t)
{
    tcb_t *tail = queue_tail(nq(n));
    t->ep_prev = tail;
    t->ep_next = NULL;
    if (tail)
        tail->ep_next = t;
    queue_set(nq(n), tail ? queue_head(nq(n)) : t, t, NtfnState_Waiting);
}

static void ntfn_remove(notification_t *n, tcb_t *t)
{
    tcb_t *head = queue_head(nq(n)), *tail = queue_tail(nq(n));
    if (t->ep_prev)
        t->ep_prev->ep_next = t->ep_next;
    else
        head = t->ep_next;
    if (t->ep_next)
        t->ep_next->ep_prev = t->ep_prev;
    else
        tail = t->ep_prev;
    t->ep_next = t->ep_prev = NULL;
    queue_set(nq(n), head, tail, head ? NtfnState_Waiting : NtfnState_Idle);
}

static void ntfn_set_active(notification_t *n, word_t badge)
{
    n->msg = badge;
    queue_set(nq(n), NULL, NULL, NtfnState_Active);
}

void sendSignal(notification_t *n, word_t badge)
{
    switch (queue_state(nq(n))) {
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
        tcb_t *dest = queue_head(nq(n));
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
    notification_t *n = cap_object_ptr(cap);
    switch (queue_state(nq(n))) {
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
        queue_set(nq(n), NULL, NULL, NtfnState_Idle);
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
    if (queue_state(nq(n)) != NtfnState_Waiting)
        return;
    tcb_t *t = queue_head(nq(n));
    queue_set(nq(n), NULL, NULL, NtfnState_Idle);
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
