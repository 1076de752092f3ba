/* Scheduling: 256 priorities, strict priority, round robin within one.
 *
 * As in seL4, the kernel only records a decision during an entry
 * (ksSchedulerAction) and acts on it once at the end, in schedule(). */
#include "kernel.h"

#define TIME_SLICE_TICKS 5

tcb_t *ksCurThread;
tcb_t *ksIdleThread;
tcb_t *ksSchedulerAction;

ready_queue_t ksReadyQueues[NUM_PRIORITIES];
word_t ksReadyL1;
word_t ksReadyL2[READY_L2_WORDS];

bool isBlocked(const tcb_t *t)
{
    switch (t->state) {
    case ThreadState_Inactive:
    case ThreadState_BlockedOnReceive:
    case ThreadState_BlockedOnSend:
    case ThreadState_BlockedOnNotification:
    case ThreadState_BlockedOnReply:
        return true;
    default:
        return false;
    }
}

void rescheduleRequired(void)
{
    if (ksSchedulerAction != SCHEDULER_ACTION_RESUME_CURRENT &&
        ksSchedulerAction != SCHEDULER_ACTION_CHOOSE_NEW)
        tcbSchedEnqueue(ksSchedulerAction);
    ksSchedulerAction = SCHEDULER_ACTION_CHOOSE_NEW;
}

/* A thread became runnable: run it now if it may preempt, else queue it. */
void possibleSwitchTo(tcb_t *t)
{
    if (ksSchedulerAction != SCHEDULER_ACTION_RESUME_CURRENT) {
        rescheduleRequired();
        tcbSchedEnqueue(t);
    } else {
        ksSchedulerAction = t;
    }
}

static void switchToThread(tcb_t *t)
{
    arch_switch_thread(ksCurThread, t);
    setVMRoot(t);
    tcbSchedDequeue(t);
    ksCurThread = t;
}

static void switchToIdleThread(void)
{
    /* With nothing runnable and nothing that can make a thread runnable
     * again, the system is finished: say so and end the run. */
    if (!kernel_can_still_wake_threads())
        kernel_end_run(101, "keel: no thread can run: every thread is blocked or inactive and no "
                            "interrupt can wake one; ending the run");
    arch_switch_thread(ksCurThread, ksIdleThread);
    ksCurThread = ksIdleThread;
}

static void chooseThread(void)
{
    if (sched_any_ready())
        switchToThread(ksReadyQueues[sched_highest_prio()].head);
    else
        switchToIdleThread();
}

/* seL4_Yield: dequeue, append, reschedule. When no other thread is ready at
 * or above the caller's priority, that ends with the caller chosen again,
 * so do only what the choice does (switchToThread to itself: the VSpace is
 * reloaded) and skip the queue round trip. */
void yieldCurrent(void)
{
    tcb_t *cur = ksCurThread;
    if (likely(ksSchedulerAction == SCHEDULER_ACTION_RESUME_CURRENT && !ksReadyQueues[cur->priority].head &&
               isHighestPrio(cur->priority))) {
        switchToThread(cur);
        return;
    }
    tcbSchedDequeue(cur);
    tcbSchedAppend(cur);
    rescheduleRequired();
}

void schedule(void)
{
    if (ksSchedulerAction != SCHEDULER_ACTION_RESUME_CURRENT) {
        bool was_runnable = isRunnable(ksCurThread);
        if (was_runnable)
            tcbSchedEnqueue(ksCurThread);
        if (ksSchedulerAction == SCHEDULER_ACTION_CHOOSE_NEW) {
            chooseThread();
        } else {
            tcb_t *candidate = ksSchedulerAction;
            bool fastfail = ksCurThread == ksIdleThread || candidate->priority < ksCurThread->priority;
            if (fastfail && !isHighestPrio(candidate->priority)) {
                tcbSchedEnqueue(candidate);
                chooseThread();
            } else if (was_runnable && candidate->priority == ksCurThread->priority) {
                tcbSchedAppend(candidate);
                chooseThread();
            } else {
                switchToThread(candidate);
            }
        }
    }
    ksSchedulerAction = SCHEDULER_ACTION_RESUME_CURRENT;
}

vptr_t getRestartPC(tcb_t *t) { return t->ctx.r[REG_FAULTIP]; }
void setNextPC(tcb_t *t, vptr_t v) { t->ctx.r[REG_NEXTIP] = v; }

void activateThread(void)
{
    tcb_t *t = ksCurThread;
    if (t->state == ThreadState_Restart) {
        setNextPC(t, getRestartPC(t));
        setThreadState(t, ThreadState_Running);
    }
}

void timerTick(void)
{
    tcb_t *t = ksCurThread;
    if (t->state != ThreadState_Running)
        return;
    if (t->time_slice > 1) {
        t->time_slice--;
    } else {
        t->time_slice = TIME_SLICE_TICKS;
        tcbSchedAppend(t);
        rescheduleRequired();
    }
}

void setPriority(tcb_t *t, word_t prio)
{
    tcbSchedDequeue(t);
    t->priority = prio;
    if (isRunnable(t)) {
        if (t == ksCurThread)
            rescheduleRequired();
        else
            possibleSwitchTo(t);
    }
}

void setupReplyMaster(tcb_t *t)
{
    cte_t *slot = tcb_cte(t, TCB_REPLY);
    if (cap_is_null(slot->cap)) {
        cap_t c = cap_new(cap_reply);
        c = cap_set_reply_tcb_paddr(c, paddr_from_pptr(t));
        c = cap_set_reply_master(c, 1);
        slot->cap = cap_set_reply_can_grant(c, 1);
        slot->mdb.prev = slot->mdb.next = 0;
        mdb_set_flags(slot, true, true);
    }
}

void restart(tcb_t *t)
{
    if (isBlocked(t)) {
        cancelIPC(t);
        setupReplyMaster(t);
        setThreadState(t, ThreadState_Restart);
        tcbSchedEnqueue(t);
        possibleSwitchTo(t);
    }
}

void suspend(tcb_t *t)
{
    cancelIPC(t);
    /* A running thread's restart PC may be stale (it is only set on
     * entry); it resumes where it would have continued. */
    if (t->state == ThreadState_Running)
        t->ctx.r[REG_FAULTIP] = t->ctx.r[REG_NEXTIP];
    setThreadState(t, ThreadState_Inactive);
    tcbSchedDequeue(t);
}
