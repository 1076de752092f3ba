/* Endpoints: synchronous IPC rendezvous. */
#include "kernel.h"

static void ep_append(endpoint_t *ep, tcb_t *t, word_t state)
{
    queue_append((word_t *)ep, t, state);
}

static void ep_remove(endpoint_t *ep, tcb_t *t)
{
    queue_remove((word_t *)ep, t);
}

void sendIPC(bool blocking, bool do_call, word_t badge, bool can_grant, bool can_grant_reply,
             tcb_t *thread, endpoint_t *ep)
{
    word_t *q = (word_t *)ep;
    switch (queue_state(q)) {
    case EPState_Idle:
    case EPState_Send:
        if (blocking) {
            thread->blocking_object = (word_t)ep;
            thread->blocking_badge = badge;
            thread->blocking_can_grant = can_grant;
            thread->blocking_can_grant_reply = can_grant_reply;
            thread->blocking_is_call = do_call;
            setThreadState(thread, ThreadState_BlockedOnSend);
            ep_append(ep, thread, EPState_Send);
        }
        break;
    case EPState_Recv: {
        tcb_t *dest = queue_head(q);
        ep_remove(ep, dest);
        doIPCTransfer(thread, ep, badge, can_grant, dest);
        bool reply_can_grant = dest->blocking_can_grant;
        setThreadState(dest, ThreadState_Running);
        possibleSwitchTo(dest);
        if (do_call || thread->fault.type != fault_null) {
            if (can_grant || can_grant_reply)
                setupCallerCap(thread, dest, reply_can_grant);
            else
                setThreadState(thread, ThreadState_Inactive);
        }
        break;
    }
    }
}

/* A bound notification that is already active is delivered instead. */
void receiveIPC(tcb_t *thread, cap_t cap, bool is_blocking)
{
    endpoint_t *ep = cap_object_ptr(cap);
    word_t *q = (word_t *)ep;
    notification_t *n = thread->bound_notification;

    if (n && queue_state((word_t *)n) == NtfnState_Active) {
        setRegister(thread, REG_BADGE, n->msg);
        n->msg = 0;
        queue_set((word_t *)n, NULL, NULL, NtfnState_Idle);
        return;
    }
    switch (queue_state(q)) {
    case EPState_Idle:
    case EPState_Recv:
        if (is_blocking) {
            thread->blocking_object = (word_t)ep;
            thread->blocking_can_grant = cap_ep_can_grant(cap);
            setThreadState(thread, ThreadState_BlockedOnReceive);
            ep_append(ep, thread, EPState_Recv);
        } else {
            setRegister(thread, REG_BADGE, 0);   /* NBRecv found nothing */
        }
        break;
    case EPState_Send: {
        tcb_t *sender = queue_head(q);
        ep_remove(ep, sender);
        doIPCTransfer(sender, ep, sender->blocking_badge, sender->blocking_can_grant, thread);
        if (sender->blocking_is_call || sender->fault.type != fault_null) {
            if (sender->blocking_can_grant || sender->blocking_can_grant_reply)
                setupCallerCap(sender, thread, cap_ep_can_grant(cap));
            else
                setThreadState(sender, ThreadState_Inactive);
        } else {
            setThreadState(sender, ThreadState_Running);
            possibleSwitchTo(sender);
        }
        break;
    }
    }
}

void cancelIPC(tcb_t *t)
{
    switch (t->state) {
    case ThreadState_BlockedOnSend:
    case ThreadState_BlockedOnReceive:
        ep_remove((endpoint_t *)t->blocking_object, t);
        setThreadState(t, ThreadState_Inactive);
        break;
    case ThreadState_BlockedOnNotification:
        cancelSignal(t, (notification_t *)t->blocking_object);
        break;
    case ThreadState_BlockedOnReply: {
        t->fault.type = fault_null;
        /* The master reply cap's only possible neighbour is its one child. */
        cte_t *caller = mdb_next(tcb_cte(t, TCB_REPLY));
        if (caller && cap_get_type(caller->cap) == cap_reply)
            cteDeleteOne(caller);
        break;
    }
    default:
        break;
    }
}

/* The endpoint is going away: restart everyone queued on it (they will
 * find their cap gone), except threads sending a fault. */
void cancelAllIPC(endpoint_t *ep)
{
    word_t *q = (word_t *)ep;
    if (queue_state(q) == EPState_Idle)
        return;
    tcb_t *t = queue_head(q);
    queue_set(q, NULL, NULL, EPState_Idle);
    while (t) {
        tcb_t *next = t->ep_next;
        t->ep_next = t->ep_prev = NULL;
        if (t->fault.type == fault_null) {
            setThreadState(t, ThreadState_Restart);
            tcbSchedEnqueue(t);
        } else {
            setThreadState(t, ThreadState_Inactive);
        }
        t = next;
    }
    rescheduleRequired();
}

void cancelBadgedSends(endpoint_t *ep, word_t badge)
{
    word_t *q = (word_t *)ep;
    if (queue_state(q) != EPState_Send)
        return;
    tcb_t *t = queue_head(q);
    while (t) {
        tcb_t *next = t->ep_next;
        if (t->blocking_badge == badge) {
            ep_remove(ep, t);
            setThreadState(t, ThreadState_Restart);
            tcbSchedEnqueue(t);
        }
        t = next;
    }
    rescheduleRequired();
}
