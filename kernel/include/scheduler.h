/* The ready queues, inline: every kernel entry that changes who runs
 * touches them, the fast paths (kernel/fastpath/) included, and a call per
 * queue operation cost more than the operation. The policy (schedule(),
 * possibleSwitchTo(), Yield) is in kernel/kernel/scheduler.c. */
#pragma once
#include "types.h"
#include "object.h"

#define NUM_PRIORITIES 256
#define READY_L2_WORDS (NUM_PRIORITIES / WORD_BITS)

typedef struct ready_queue { tcb_t *head, *tail; } ready_queue_t;

extern ready_queue_t ksReadyQueues[NUM_PRIORITIES];
/* Two levels, as seL4's: bit p % 64 of L2[p / 64] is set when queue p is
 * non-empty, bit i of L1 when L2[i] is non-zero; the highest ready priority
 * is then two clz, with no loop over the words. */
extern word_t ksReadyL1;
extern word_t ksReadyL2[READY_L2_WORDS];

static inline bool sched_any_ready(void) { return ksReadyL1 != 0; }

/* Index of the highest set bit: 63 - clz as one bsr (x != 0). */
static inline word_t sched_msb(word_t x) { return (word_t)(__builtin_clzl(x) ^ (WORD_BITS - 1)); }

/* Only valid when sched_any_ready(). */
static inline word_t sched_highest_prio(void)
{
    word_t i = sched_msb(ksReadyL1);
    return i * WORD_BITS + sched_msb(ksReadyL2[i]);
}

/* No runnable thread has a higher priority than prio. */
static inline bool isHighestPrio(word_t prio)
{
    return !sched_any_ready() || prio >= sched_highest_prio();
}

static inline void sched_bitmap_set(word_t p)
{
    ksReadyL2[p / WORD_BITS] |= BIT(p % WORD_BITS);
    ksReadyL1 |= BIT(p / WORD_BITS);
}

static inline void sched_bitmap_clear(word_t p)
{
    ksReadyL2[p / WORD_BITS] &= ~BIT(p % WORD_BITS);
    if (!ksReadyL2[p / WORD_BITS])
        ksReadyL1 &= ~BIT(p / WORD_BITS);
}

/* Queue at the head of its priority (seL4's tcbSchedEnqueue). */
static inline void tcbSchedEnqueue(tcb_t *t)
{
    if (t->in_ready_queue)
        return;
    ready_queue_t *q = &ksReadyQueues[t->priority];
    t->sched_prev = NULL;
    t->sched_next = q->head;
    if (q->head)
        q->head->sched_prev = t;
    else
        q->tail = t;
    q->head = t;
    sched_bitmap_set(t->priority);
    t->in_ready_queue = true;
}

/* Queue at the tail of its priority (seL4's tcbSchedAppend). */
static inline void tcbSchedAppend(tcb_t *t)
{
    if (t->in_ready_queue)
        return;
    ready_queue_t *q = &ksReadyQueues[t->priority];
    t->sched_next = NULL;
    t->sched_prev = q->tail;
    if (q->tail)
        q->tail->sched_next = t;
    else
        q->head = t;
    q->tail = t;
    sched_bitmap_set(t->priority);
    t->in_ready_queue = true;
}

static inline void tcbSchedDequeue(tcb_t *t)
{
    if (!t->in_ready_queue)
        return;
    ready_queue_t *q = &ksReadyQueues[t->priority];
    if (t->sched_prev)
        t->sched_prev->sched_next = t->sched_next;
    else
        q->head = t->sched_next;
    if (t->sched_next)
        t->sched_next->sched_prev = t->sched_prev;
    else
        q->tail = t->sched_prev;
    if (!q->head)
        sched_bitmap_clear(t->priority);
    t->sched_next = t->sched_prev = NULL;
    t->in_ready_queue = false;
}

/* Take the head of queue prio out (the thread schedule() chooses): the
 * general dequeue without the cases a head cannot be in. */
static inline tcb_t *sched_take_head(word_t prio)
{
    ready_queue_t *q = &ksReadyQueues[prio];
    tcb_t *t = q->head, *next = t->sched_next;
    q->head = next;
    if (next)
        next->sched_prev = NULL;
    else {
        q->tail = NULL;
        sched_bitmap_clear(prio);
    }
    t->sched_next = NULL;
    t->in_ready_queue = false;
    return t;
}
