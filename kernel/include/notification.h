/* A notification's queue of waiting threads, shared by the general path
 * (kernel/object/notification.c) and the fast path (kernel/fastpath/signal.c)
 * so that both queue and dequeue the same way. */
#pragma once
#include "types.h"
#include "object.h"

static inline word_t *ntfn_queue(notification_t *n) { return (word_t *)n; }

static inline void ntfn_append(notification_t *n, tcb_t *t)
{
    queue_append(ntfn_queue(n), t, NtfnState_Waiting);
}

static inline void ntfn_remove(notification_t *n, tcb_t *t)
{
    queue_remove(ntfn_queue(n), t);
}

/* ntfn_remove() of the first waiter, the one a Signal wakes. */
static inline tcb_t *ntfn_take_head(notification_t *n)
{
    tcb_t *t = queue_head(ntfn_queue(n)), *next = t->ep_next;
    if (next) {
        next->ep_prev = NULL;
        queue_set(ntfn_queue(n), next, queue_tail(ntfn_queue(n)), NtfnState_Waiting);
    } else {
        queue_set(ntfn_queue(n), NULL, NULL, NtfnState_Idle);
    }
    t->ep_next = NULL;
    return t;
}

static inline void ntfn_set_active(notification_t *n, word_t badge)
{
    n->msg = badge;
    queue_set(ntfn_queue(n), NULL, NULL, NtfnState_Active);
}
