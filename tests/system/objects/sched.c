/* Scheduling: strict priorities, preemption when a higher-priority thread
 * becomes runnable, round robin at equal priority (Yield and the timer),
 * MCP limits. The root task runs at 255 and drops to 1 in run_lower(). */
#include "test.h"

#define SPIN_LIMIT 3000000000ul   /* TSC ticks: a bound, never reached when the kernel works */

/* fpu_keeper(value, &mine, &other, limit): put value in xmm0 and xmm7, set
 * *mine, spin until *other is set (or limit TSC ticks pass), then return 1
 * if both registers still hold value. All in assembly so that the compiler
 * cannot use the registers in between. */
__asm__(
    ".text\n"
    "fpu_keeper:\n"
    "    movq %rdx, %r8\n"
    "    movq %rcx, %r9\n"
    "    movq %rdi, %xmm0\n"
    "    movq %rdi, %xmm7\n"
    "    movq $1, (%rsi)\n"
    "    rdtsc\n"
    "    shlq $32, %rdx\n"
    "    orq %rdx, %rax\n"
    "    movq %rax, %r10\n"
    "1:  cmpq $0, (%r8)\n"
    "    jne 2f\n"
    "    rdtsc\n"
    "    shlq $32, %rdx\n"
    "    orq %rdx, %rax\n"
    "    subq %r10, %rax\n"
    "    cmpq %r9, %rax\n"
    "    jb 1b\n"
    "2:  movq %xmm0, %rax\n"
    "    movq %xmm7, %rcx\n"
    "    xorl %edx, %edx\n"
    "    cmpq %rdi, %rax\n"
    "    jne 3f\n"
    "    cmpq %rdi, %rcx\n"
    "    jne 3f\n"
    "    movl $1, %edx\n"
    "3:  movq %rdx, %rax\n"
    "    ret\n");
seL4_Word fpu_keeper(seL4_Word value, volatile seL4_Word *mine, volatile seL4_Word *other, seL4_Word limit);

static void log_id(seL4_Word id, seL4_Word unused)
{
    (void)unused;
    log_put(id);
}

static void yield_loop(seL4_Word id, seL4_Word n)
{
    for (seL4_Word i = 0; i < n; i++) {
        log_put(id);
        seL4_Yield();
    }
}

static void wait_then_log(seL4_Word n, seL4_Word id)
{
    seL4_Word badge;
    seL4_Wait(n, &badge);
    log_put(id);
}

static int log_is(const seL4_Word *want, seL4_Word n)
{
    if (g_log_n != n)
        return 0;
    for (seL4_Word i = 0; i < n; i++)
        if (g_log[i] != want[i])
            return 0;
    return 1;
}

static void log_str(char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = 0;
    for (seL4_Word i = 0; i < g_log_n && i < 64 && k + 4 < size; i++)
        k += snprintf(buf + k, size - k, "%lu ", g_log[i]);
}

#define CHECK_LOG(...) do {                                                           \
        static const seL4_Word want_[] = { __VA_ARGS__ };                             \
        if (!log_is(want_, sizeof(want_) / sizeof(want_[0]))) {                       \
            char b_[128];                                                             \
            log_str(b_, sizeof(b_));                                                  \
            FAIL("run order: %s, expected %s", b_, #__VA_ARGS__);                     \
        }                                                                             \
    } while (0)

static void sched_higher_prio_first(void)
{
    thread_t a, b;
    THREAD(&a, 50, 0);
    THREAD(&b, 100, 0);
    START(&a, log_id, 1, 0);
    START(&b, log_id, 2, 0);
    run_lower();
    CHECK_LOG(2, 1);
}

static void sched_priority_order(void)
{
    static const seL4_Word prio[5] = { 30, 90, 10, 70, 50 };
    thread_t t[5];
    for (int i = 0; i < 5; i++) {
        THREAD(&t[i], prio[i], 0);
        START(&t[i], log_id, prio[i], 0);
    }
    run_lower();
    CHECK_LOG(90, 70, 50, 30, 10);
}

static void sched_lower_prio_waits(void)
{
    /* resuming a lower-priority thread does not run it */
    thread_t t;
    THREAD(&t, 100, 0);
    START(&t, log_id, 1, 0);
    log_put(2);
    run_lower();
    CHECK_LOG(2, 1);
}

static void sched_preempt_on_resume(void)
{
    set_root_prio(100);
    thread_t t;
    THREAD(&t, 200, 0);
    START(&t, log_id, 1, 0);   /* runs before Resume returns */
    log_put(2);
    set_root_prio(seL4_MaxPrio);
    CHECK_LOG(1, 2);
}

static void sched_equal_prio_no_preempt(void)
{
    /* a thread of the same priority becoming runnable waits its turn */
    set_root_prio(100);
    thread_t t;
    THREAD(&t, 100, 0);
    START(&t, log_id, 1, 0);
    log_put(2);
    run_lower();
    CHECK_LOG(2, 1);
}

static void sched_signal_preempts(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    set_root_prio(100);
    thread_t t;
    THREAD(&t, 200, 0);
    START(&t, wait_then_log, n, 1);   /* runs at once and blocks */
    seL4_Signal(n);                   /* wakes it: it preempts us */
    log_put(2);
    set_root_prio(seL4_MaxPrio);
    CHECK_LOG(1, 2);
}

static void sched_signal_no_preempt(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t t;
    THREAD(&t, 100, 0);
    START(&t, wait_then_log, n, 1);
    run_lower();
    seL4_Signal(n);
    log_put(2);
    run_lower();
    CHECK_LOG(2, 1);
}

/* seL4's schedule(): a woken thread of equal priority is appended to its
 * ready queue, behind a thread already waiting there; the signaller goes on. */
static void sched_signal_equal_prio_appended(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t a, b;
    THREAD(&a, 100, 0);
    START(&a, wait_then_log, n, 1);
    run_lower();                      /* a blocks in Wait */
    set_root_prio(100);
    THREAD(&b, 100, 0);
    START(&b, log_id, 2, 0);          /* ready, behind us */
    seL4_Signal(n);
    log_put(3);
    run_lower();
    CHECK_LOG(3, 2, 1);
}

/* A woken thread of lower priority goes to the head of its ready queue
 * (schedule() enqueues a candidate it cannot switch to), ahead of a thread
 * of that priority already waiting. */
static void sched_signal_lower_prio_head(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t a, b;
    THREAD(&a, 100, 0);
    START(&a, wait_then_log, n, 1);
    run_lower();                      /* a blocks in Wait */
    THREAD(&b, 100, 0);
    START(&b, log_id, 2, 0);          /* ready at 100 */
    seL4_Signal(n);
    log_put(3);
    run_lower();
    CHECK_LOG(3, 1, 2);
}

/* A woken thread of higher priority runs at once, and the signaller goes to
 * the head of its ready queue: it runs again before a thread of its
 * priority that was already waiting. */
static void sched_signal_preempts_signaller_first(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t a, b;
    THREAD(&a, 200, 0);
    START(&a, wait_then_log, n, 1);   /* runs at once and blocks */
    set_root_prio(100);
    THREAD(&b, 100, 0);
    START(&b, log_id, 2, 0);          /* ready, behind us */
    seL4_Signal(n);                   /* a runs, logs, ends */
    log_put(3);
    run_lower();
    CHECK_LOG(1, 3, 2);
}

/* Signal and Wait between equal priorities, both ways, many times (the
 * benchmark's ntfn_pingpong: each Wait blocks and the other thread is
 * chosen). Each side signals only after its Wait returned, so no signal
 * merges with another even when a timer tick switches threads in between
 * (OR-ed badges: ntfn/badges_ored). */
static void pingpong_partner(seL4_Word n1, seL4_Word n2)
{
    for (seL4_Word i = 0; i < 100; i++) {
        seL4_Word badge;
        seL4_Wait(n1, &badge);
        g[2] |= badge;
        g[3]++;
        seL4_Signal(n2);
    }
    g[1] = 1;
}

static void sched_signal_pingpong(void)
{
    seL4_CPtr n1 = NEW(seL4_NotificationObject, 0);
    seL4_CPtr n2 = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b1 = MINT(n1, seL4_AllRights, 0x10);
    set_root_prio(100);
    thread_t t;
    THREAD(&t, 100, 0);
    START(&t, pingpong_partner, n1, n2);   /* queued behind us */
    seL4_Word bad = 0;
    for (seL4_Word i = 0; i < 100; i++) {
        seL4_Word badge;
        seL4_Signal(b1);
        seL4_Wait(n2, &badge);
        if (!bad && (badge != 0 || g[3] != i + 1))
            bad = i + 1;   /* the partner must have done exactly this round */
    }
    set_root_prio(seL4_MaxPrio);
    CHECK_EQ(bad, 0);
    CHECK_EQ(g[1], 1);
    CHECK_EQ(g[2], 0x10);
}

static void wait_record_signal(seL4_Word n1, seL4_Word n2)
{
    seL4_Word badge;
    seL4_Wait(n1, &badge);
    g[0] = badge;
    log_put(1);
    seL4_Signal(n2);
}

/* A thread restarted while blocked (Suspend, Resume) waits in the ready
 * queue to redo its syscall; a Wait that blocks and hands it the CPU must
 * restart it there (activateThread), not resume it after the syscall. */
static void sched_wait_switches_to_restarted(void)
{
    seL4_CPtr n1 = NEW(seL4_NotificationObject, 0);
    seL4_CPtr n2 = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b1 = MINT(n1, seL4_AllRights, 0x5);
    thread_t t;
    THREAD(&t, 100, 0);
    START(&t, wait_record_signal, n1, n2);
    run_lower();                      /* t blocks in Wait(n1) */
    set_root_prio(100);
    CHECK_OK(seL4_TCB_Suspend(t.tcb));
    CHECK_OK(seL4_TCB_Resume(t.tcb)); /* queued behind us, to redo its Wait */
    seL4_Signal(b1);                  /* pending: t is not waiting now */
    seL4_Word badge;
    seL4_Wait(n2, &badge);            /* t runs, its Wait finds 0x5, it signals us */
    log_put(2);
    set_root_prio(seL4_MaxPrio);
    CHECK_EQ(g[0], 0x5);
    CHECK_LOG(1, 2);
}

static void sched_raise_priority_preempts(void)
{
    set_root_prio(100);
    thread_t t;
    THREAD(&t, 50, 0);
    START(&t, log_id, 1, 0);
    log_put(2);
    CHECK_OK(seL4_TCB_SetPriority(t.tcb, ROOT_TCB, 200));   /* now it runs first */
    log_put(3);
    set_root_prio(seL4_MaxPrio);
    CHECK_LOG(2, 1, 3);
}

static void sched_lower_own_priority(void)
{
    set_root_prio(100);
    thread_t t;
    THREAD(&t, 50, 0);
    START(&t, log_id, 1, 0);
    set_root_prio(40);                /* the thread at 50 runs now */
    log_put(2);
    set_root_prio(seL4_MaxPrio);
    CHECK_LOG(1, 2);
}

static void sched_blocked_priority_change(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t t;
    THREAD(&t, 50, 0);
    START(&t, wait_then_log, n, 1);
    run_lower();
    set_root_prio(100);
    CHECK_OK(seL4_TCB_SetPriority(t.tcb, ROOT_TCB, 150));   /* blocked: nothing happens yet */
    log_put(2);
    seL4_Signal(n);
    log_put(3);
    set_root_prio(seL4_MaxPrio);
    CHECK_LOG(2, 1, 3);
}

static void sched_caller(seL4_Word ep, seL4_Word id)
{
    seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 0));
    log_put(id);
}

static void sched_reply_preempts(void)
{
    /* replying to a higher-priority caller switches to it */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    set_root_prio(100);
    thread_t t;
    THREAD(&t, 200, 0);
    START(&t, sched_caller, ep, 1);   /* calls at once and blocks */
    seL4_NBRecv(ep, NULL);
    log_put(2);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    log_put(3);
    set_root_prio(seL4_MaxPrio);
    CHECK_LOG(2, 1, 3);
}

static void sched_yield_round_robin(void)
{
    thread_t a, b;
    THREAD(&a, 50, 0);
    THREAD(&b, 50, 0);
    START(&a, yield_loop, 1, 3);
    START(&b, yield_loop, 2, 3);
    run_lower();
    CHECK_EQ(g_log_n, 6);
    for (int i = 0; i + 1 < 6; i++)
        CHECK_MSG(g_log[i] != g_log[i + 1], "no alternation at %d: %lu %lu", i, g_log[i], g_log[i + 1]);
}

static void sched_yield_alone(void)
{
    /* nobody else at 255: Yield comes straight back */
    thread_t t;
    THREAD(&t, 100, 0);
    START(&t, log_id, 1, 0);
    seL4_Yield();
    log_put(2);
    run_lower();
    CHECK_LOG(2, 1);
}

/* Spin until the partner has run (bounded); record what we saw. */
static void spin_until_partner(seL4_Word me, seL4_Word partner)
{
    g[me] = 1;
    seL4_Word t0 = rdtsc();
    while (!g[partner] && rdtsc() - t0 < SPIN_LIMIT)
        ;
    g[me + 10] = g[partner];
}

static void sched_timer_round_robin(void)
{
    /* two threads that never block share the CPU: the timer preempts */
    thread_t a, b;
    THREAD(&a, 50, 0);
    THREAD(&b, 50, 0);
    START(&a, spin_until_partner, 1, 2);
    START(&b, spin_until_partner, 2, 1);
    run_lower();
    CHECK_MSG(g[11] && g[12], "one thread never ran while the other spun (saw %lu %lu)", g[11], g[12]);
}

static void fpu_thread(seL4_Word me, seL4_Word other)
{
    g[me + 20] = fpu_keeper(0x0101010101010101ul * (me + 0x10), &g[me], &g[other], SPIN_LIMIT) + 1;
    g[me + 30] = g[other];
}

static void sched_fpu_state_per_thread(void)
{
    /* two threads time-share the CPU, each with its own SSE register values */
    thread_t a, b;
    THREAD(&a, 50, 0);
    THREAD(&b, 50, 0);
    START(&a, fpu_thread, 1, 2);
    START(&b, fpu_thread, 2, 1);
    run_lower();
    CHECK_MSG(g[31] && g[32], "the threads did not overlap (%lu %lu)", g[31], g[32]);
    CHECK_MSG(g[21] == 2, "thread 1 lost its xmm registers (%lu)", g[21]);
    CHECK_MSG(g[22] == 2, "thread 2 lost its xmm registers (%lu)", g[22]);
    /* and the root task's own FPU state is untouched */
    double x = 1.5;
    __asm__ volatile("" : "+x"(x));
    CHECK(x * 2 == 3.0);
}

static void busy_high(seL4_Word low_flag, seL4_Word ticks)
{
    seL4_Word t0 = rdtsc();
    while (rdtsc() - t0 < ticks)
        ;
    g[5] = g[low_flag] + 1;   /* 1 if the low thread had not run */
}

static void set_flag(seL4_Word idx, seL4_Word v)
{
    g[idx] = v;
}

static void sched_strict_priority(void)
{
    /* a spinning higher-priority thread is never preempted by a lower one */
    thread_t hi, lo;
    THREAD(&hi, 100, 0);
    THREAD(&lo, 50, 0);
    START(&lo, set_flag, 4, 1);
    START(&hi, busy_high, 4, 100000000ul);
    run_lower();
    CHECK_EQ(g[5], 1);
    CHECK_EQ(g[4], 1);
}

static void try_raise_self(seL4_Word self, seL4_Word prio)
{
    g[0] = seL4_TCB_SetPriority(self, self, prio);
    g[1] = seL4_GetMR(1);
    g[2] = seL4_TCB_SetPriority(self, self, 5);
    g[3] = 1;
}

static void sched_mcp_limits_self(void)
{
    thread_t t;
    THREAD(&t, 8, 0);
    CHECK_OK(seL4_TCB_SetMCPriority(t.tcb, ROOT_TCB, 10));
    START(&t, try_raise_self, t.tcb, 20);
    run_lower();
    CHECK_EQ(g[3], 1);
    CHECK_EQ(g[0], seL4_RangeError);
    CHECK_EQ(g[1], 10);
    CHECK_EQ(g[2], seL4_NoError);
}

static void suspend_self(seL4_Word self, seL4_Word unused)
{
    (void)unused;
    log_put(1);
    seL4_TCB_Suspend(self);
    log_put(2);
}

static void sched_suspend_self(void)
{
    thread_t t;
    THREAD(&t, 50, 0);
    START(&t, suspend_self, t.tcb, 0);
    run_lower();
    CHECK_LOG(1);
}

static void sched_suspended_not_scheduled(void)
{
    thread_t a, b;
    THREAD(&a, 60, 0);
    THREAD(&b, 50, 0);
    START(&a, log_id, 1, 0);
    START(&b, log_id, 2, 0);
    CHECK_OK(seL4_TCB_Suspend(a.tcb));
    run_lower();
    CHECK_LOG(2);
    CHECK_OK(seL4_TCB_Resume(a.tcb));
    run_lower();
    CHECK_LOG(2, 1);
}

static void sched_dump_scheduler(void)
{
    thread_t t;
    THREAD(&t, 77, 0);
    seL4_DebugNameThread(t.tcb, "sched-dump-test");
    seL4_DebugDumpScheduler();
}

const test_case_t sched_tests[] = {
    TEST(sched, higher_prio_first),
    TEST(sched, priority_order),
    TEST(sched, lower_prio_waits),
    TEST(sched, preempt_on_resume),
    TEST(sched, equal_prio_no_preempt),
    TEST(sched, signal_preempts),
    TEST(sched, signal_no_preempt),
    TEST(sched, signal_equal_prio_appended),
    TEST(sched, signal_lower_prio_head),
    TEST(sched, signal_preempts_signaller_first),
    TEST(sched, signal_pingpong),
    TEST(sched, wait_switches_to_restarted),
    TEST(sched, raise_priority_preempts),
    TEST(sched, lower_own_priority),
    TEST(sched, blocked_priority_change),
    TEST(sched, reply_preempts),
    TEST(sched, yield_round_robin),
    TEST(sched, yield_alone),
    TEST(sched, timer_round_robin),
    TEST(sched, strict_priority),
    TEST(sched, fpu_state_per_thread),
    TEST(sched, mcp_limits_self),
    TEST(sched, suspend_self),
    TEST(sched, suspended_not_scheduled),
    TEST(sched, dump_scheduler),
    TESTS_END,
};
