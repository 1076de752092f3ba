/*
 * Runner of the object-model and IPC suite (see test.h): resources for the
 * cases, child threads, the watchdog, and the main loop.
 *
 * Memory: the largest RAM untyped is the "pool"; each case gets a fresh
 * 2^CASE_UT_BITS untyped retyped from it, revoked and deleted afterwards,
 * so the pool has no children between cases and starts again from its
 * beginning. Persistent objects (the scratch page table, the watchdog) come
 * from another RAM untyped.
 *
 * Virtual memory: the scratch region at SCRATCH_VA has a persistent page
 * table; cases map their frames (IPC buffers, shared pages) there, one
 * page each, from page 0 again in every case (the frames die with the case
 * untyped, which unmaps them). The last page is the watchdog's IPC buffer.
 *
 * Watchdog: a priority-0 thread that spins. It runs only when every other
 * thread is blocked; if the root task stays blocked (a case waits for
 * something a broken kernel never delivers), after a while the watchdog
 * rewrites the root task's registers to resume at recover(), which fails
 * the case and carries on with the next one.
 */
#include <stdarg.h>
#include "test.h"

seL4_BootInfo *bi;
volatile seL4_Word g[64];
volatile seL4_Word g_log[64];
volatile seL4_Word g_log_n;

#define SCRATCH_VA    0x10000000ul
#define SCRATCH_PAGES 511            /* page 511: the watchdog's IPC buffer */
#define MAX_THREADS   10
#define STACK_WORDS   2048
#define TLS_BYTES     4096
#define WD_LIMIT      3000000000ul   /* TSC ticks of watchdog run time */

/* persistent slots, from bi->empty.start */
enum { S_CASE_UT, S_SCRATCH_PT, S_WD_TCB, S_WD_FRAME, S_PERSISTENT = 16 };

static seL4_CPtr pool_ut, persist_ut, first_free;
static seL4_CPtr case_slot_base, case_slot_next, case_slot_limit;
static int case_threads, scratch_next;

static const test_case_t *cur;
static int cur_failed;
static char cur_detail[240];
static int n_passed, n_failed;

static seL4_Word stacks[MAX_THREADS + 1][STACK_WORDS] __attribute__((aligned(16)));
static char tls_mem[MAX_THREADS + 1][TLS_BYTES] __attribute__((aligned(64)));

static seL4_CPtr persistent(int i) { return first_free + i; }

/* ---------------------------------------------------------------- checks */

void test_fail(int line, const char *fmt, ...)
{
    if (cur_failed++)
        return;   /* keep the first failure */
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cur_detail, sizeof(cur_detail), fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof(cur_detail) && line > 0)
        snprintf(cur_detail + n, sizeof(cur_detail) - n, " (line %d)", line);
}

const char *err_name(seL4_Word e)
{
    static const char *const names[] = {
        "seL4_NoError", "seL4_InvalidArgument", "seL4_InvalidCapability", "seL4_IllegalOperation",
        "seL4_RangeError", "seL4_AlignmentError", "seL4_FailedLookup", "seL4_TruncatedMessage",
        "seL4_DeleteFirst", "seL4_RevokeFirst", "seL4_NotEnoughMemory",
    };
    return e < sizeof(names) / sizeof(names[0]) ? names[e] : "(not an seL4_Error)";
}

/* ---------------------------------------------------------------- resources */

seL4_CPtr slots_alloc(seL4_Word n)
{
    if (case_slot_next + n > case_slot_limit) {
        test_fail(0, "out of CNode slots");
        return 0;
    }
    seL4_CPtr s = case_slot_next;
    case_slot_next += n;
    return s;
}

seL4_CPtr slot_alloc(void) { return slots_alloc(1); }

seL4_CPtr case_ut(void) { return persistent(S_CASE_UT); }

seL4_CPtr new_object(seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr s = slot_alloc();
    if (!s)
        return 0;
    seL4_Error e = seL4_Untyped_Retype(case_ut(), type, size_bits, ROOT_CNODE, 0, 0, s, 1);
    if (e != seL4_NoError) {
        test_fail(0, "setup: retype of type %lu size %lu failed: %s", type, size_bits, err_name(e));
        return 0;
    }
    return s;
}

seL4_Word map_scratch(seL4_CPtr frame)
{
    if (scratch_next >= SCRATCH_PAGES) {
        test_fail(0, "setup: scratch region full");
        return 0;
    }
    seL4_Word va = SCRATCH_VA + (seL4_Word)scratch_next++ * 4096;
    seL4_Error e = seL4_X86_Page_Map(frame, ROOT_VSPACE, va, seL4_AllRights, seL4_X86_Default_VMAttributes);
    if (e != seL4_NoError) {
        test_fail(0, "setup: mapping a scratch page failed: %s", err_name(e));
        return 0;
    }
    return va;
}

void *new_page(seL4_CPtr *frame)
{
    seL4_CPtr f = new_object(seL4_X86_4K, 0);
    if (!f)
        return NULL;
    if (frame)
        *frame = f;
    return (void *)map_scratch(f);
}

seL4_CPtr mint_cap(seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge)
{
    seL4_CPtr s = slot_alloc();
    if (!s)
        return 0;
    seL4_Error e = seL4_CNode_Mint(ROOT_CNODE, s, DEPTH, ROOT_CNODE, src, DEPTH, rights, badge);
    if (e != seL4_NoError) {
        test_fail(0, "setup: mint of slot %lu failed: %s", src, err_name(e));
        return 0;
    }
    return s;
}

seL4_CPtr copy_cap(seL4_CPtr src, seL4_CapRights_t rights)
{
    seL4_CPtr s = slot_alloc();
    if (!s)
        return 0;
    seL4_Error e = seL4_CNode_Copy(ROOT_CNODE, s, DEPTH, ROOT_CNODE, src, DEPTH, rights);
    if (e != seL4_NoError) {
        test_fail(0, "setup: copy of slot %lu failed: %s", src, err_name(e));
        return 0;
    }
    return s;
}

seL4_MessageInfo_t raw_call(seL4_CPtr dest, seL4_Word label, seL4_Word length,
                            seL4_Word ncaps, const seL4_CPtr *caps, const seL4_Word *mrs)
{
    seL4_Word m[4] = { 0, 0, 0, 0 };
    for (seL4_Word i = 0; i < length && i < seL4_MsgMaxLength; i++) {
        if (i < 4)
            m[i] = mrs[i];
        else
            seL4_SetMR(i, mrs[i]);
    }
    for (seL4_Word i = 0; i < ncaps; i++)
        seL4_SetCap(i, caps[i]);
    seL4_MessageInfo_t info = seL4_CallWithMRs(dest, seL4_MessageInfo_new(label, 0, ncaps, length),
                                               &m[0], &m[1], &m[2], &m[3]);
    for (int i = 0; i < 4; i++)
        seL4_SetMR(i, m[i]);
    return info;
}

void log_put(seL4_Word v)
{
    seL4_Word n = g_log_n;
    if (n < 64)
        g_log[n] = v;
    g_log_n = n + 1;
}

void spin_forever(void)
{
    for (;;)
        __asm__ volatile("pause");
}

void set_root_prio(seL4_Word prio)
{
    seL4_TCB_SetPriority(ROOT_TCB, ROOT_TCB, prio);
}

void run_lower(void)
{
    set_root_prio(1);
    set_root_prio(seL4_MaxPrio);
}

/* ---------------------------------------------------------------- threads */

static void thread_trampoline(seL4_Word fn, seL4_Word a, seL4_Word b, seL4_Word self)
{
    ((thread_fn_t)fn)(a, b);
    seL4_TCB_Suspend(self);
    spin_forever();
}

static seL4_Word setup_tls(int idx, seL4_Word ipc_vaddr)
{
    seL4_Word tp = sel4runtime_write_tls_image(tls_mem[idx]);
    sel4runtime_set_tls_variable(tp, __sel4_ipc_buffer, (seL4_IPCBuffer *)ipc_vaddr);
    return tp;
}

int thread_create(thread_t *t, seL4_Word prio, seL4_CPtr fault_ep)
{
    memset(t, 0, sizeof(*t));
    if (case_threads >= MAX_THREADS) {
        test_fail(0, "setup: too many threads");
        return -1;
    }
    t->idx = case_threads++;
    if (!(t->tcb = new_object(seL4_TCBObject, 0)))
        return -1;
    if (!(t->ipc_frame = new_object(seL4_X86_4K, 0)))
        return -1;
    if (!(t->ipc_vaddr = map_scratch(t->ipc_frame)))
        return -1;
    seL4_Error e = seL4_TCB_Configure(t->tcb, fault_ep, ROOT_CNODE, 0, ROOT_VSPACE, 0, t->ipc_vaddr,
                                      t->ipc_frame);
    if (e != seL4_NoError) {
        test_fail(0, "setup: TCB_Configure failed: %s", err_name(e));
        return -1;
    }
    e = seL4_TCB_SetPriority(t->tcb, ROOT_TCB, prio);
    if (e != seL4_NoError) {
        test_fail(0, "setup: TCB_SetPriority failed: %s", err_name(e));
        return -1;
    }
    t->tls_base = setup_tls(t->idx, t->ipc_vaddr);
    t->stack_top = (seL4_Word)&stacks[t->idx][STACK_WORDS];
    return 0;
}

void thread_regs(thread_t *t, seL4_UserContext *regs, thread_fn_t fn, seL4_Word a, seL4_Word b)
{
    memset(regs, 0, sizeof(*regs));
    regs->rip = (seL4_Word)thread_trampoline;
    regs->rsp = t->stack_top - 8;   /* as after a call: (rsp + 8) % 16 == 0 */
    regs->rflags = 0x202;
    regs->rdi = (seL4_Word)fn;
    regs->rsi = a;
    regs->rdx = b;
    regs->rcx = t->tcb;
    regs->fs_base = t->tls_base;
}

seL4_Error thread_start(thread_t *t, thread_fn_t fn, seL4_Word a, seL4_Word b)
{
    seL4_UserContext regs;
    thread_regs(t, &regs, fn, a, b);
    return seL4_TCB_WriteRegisters(t->tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
}

/* ---------------------------------------------------------------- watchdog */

static volatile seL4_Word wd_progress;
static seL4_Word recover_stack[2048] __attribute__((aligned(16)));
static void recover(void);

static void watchdog(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    seL4_Word last = wd_progress, ran = 0, prev = rdtsc();
    for (;;) {
        seL4_Word now = rdtsc(), d = now - prev;
        prev = now;
        if (wd_progress != last) {
            last = wd_progress;
            ran = 0;
            continue;
        }
        if (d < 1000000)
            ran += d;   /* we ran continuously since the last look */
        if (ran > WD_LIMIT) {
            seL4_UserContext regs;
            memset(&regs, 0, sizeof(regs));
            regs.rip = (seL4_Word)recover;
            regs.rsp = (seL4_Word)&recover_stack[2048] - 8;
            regs.rflags = 0x202;
            seL4_TCB_WriteRegisters(ROOT_TCB, 1, 0, 3, &regs);
            ran = 0;
        }
    }
}

static void start_watchdog(void)
{
    seL4_CPtr tcb = persistent(S_WD_TCB), frame = persistent(S_WD_FRAME);
    seL4_Word va = SCRATCH_VA + SCRATCH_PAGES * 4096ul;
    if (seL4_Untyped_Retype(persist_ut, seL4_TCBObject, 0, ROOT_CNODE, 0, 0, tcb, 1) ||
        seL4_Untyped_Retype(persist_ut, seL4_X86_4K, 0, ROOT_CNODE, 0, 0, frame, 1) ||
        seL4_X86_Page_Map(frame, ROOT_VSPACE, va, seL4_AllRights, 0) ||
        seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, ROOT_VSPACE, 0, va, frame) ||
        seL4_TCB_SetPriority(tcb, ROOT_TCB, 0)) {
        printf("setup: could not make the watchdog thread\n");
        return;
    }
    seL4_DebugNameThread(tcb, "watchdog");
    thread_t t = { .tcb = tcb, .ipc_frame = frame, .ipc_vaddr = va, .idx = MAX_THREADS };
    t.tls_base = setup_tls(MAX_THREADS, va);
    t.stack_top = (seL4_Word)&stacks[MAX_THREADS][STACK_WORDS];
    if (thread_start(&t, watchdog, 0, 0))
        printf("setup: could not start the watchdog thread\n");
}

/* ---------------------------------------------------------------- runner */

static const test_case_t *const areas[] = {
    cspace_tests, cnode_tests, untyped_tests, tcb_tests, ipc_tests, notification_tests,
    fault_tests, vspace_tests, ioirq_tests, sched_tests, isolation_tests, syscall_tests,
};
#define N_AREAS (sizeof(areas) / sizeof(areas[0]))
static unsigned cur_area, cur_index;

static void start_case(const test_case_t *t)
{
    cur = t;
    cur_failed = 0;
    cur_detail[0] = 0;
    wd_progress++;
    for (int i = 0; i < 64; i++)
        g[i] = g_log[i] = 0;
    g_log_n = 0;
    case_slot_next = case_slot_base;
    case_threads = 0;
    scratch_next = 0;
    set_root_prio(seL4_MaxPrio);
    seL4_SetCapReceivePath(0, 0, 0);
    seL4_Error e = seL4_Untyped_Retype(pool_ut, seL4_UntypedObject, CASE_UT_BITS, ROOT_CNODE, 0, 0,
                                       case_ut(), 1);
    if (e != seL4_NoError)
        test_fail(0, "setup: making the case's untyped failed: %s", err_name(e));
}

static void end_case(void)
{
    set_root_prio(seL4_MaxPrio);
    wd_progress++;
    /* Clean up before reporting, so that a failed cleanup fails the case. */
    for (seL4_CPtr s = case_slot_base; s < case_slot_next; s++) {
        seL4_Error e = seL4_CNode_Delete(ROOT_CNODE, s, DEPTH);
        if (e != seL4_NoError)
            test_fail(0, "cleanup: deleting slot %lu failed: %s", s, err_name(e));
    }
    seL4_Error e = seL4_CNode_Revoke(ROOT_CNODE, case_ut(), DEPTH);
    if (e == seL4_NoError)
        e = seL4_CNode_Delete(ROOT_CNODE, case_ut(), DEPTH);
    if (e != seL4_NoError)
        test_fail(0, "cleanup: revoking the case's untyped failed: %s", err_name(e));
    if (cap_type(case_ut()) != CT_NULL)
        test_fail(0, "cleanup: the case's untyped is still there");

    if (cur_failed) {
        n_failed++;
        printf("FAIL: %s/%s: %s\n", cur->area, cur->name, cur_detail);
    } else {
        n_passed++;
        printf("PASS: %s/%s\n", cur->area, cur->name);
    }
}

static void run_all(void)
{
    for (; cur_area < N_AREAS; cur_area++, cur_index = 0) {
        for (; areas[cur_area][cur_index].fn; cur_index++) {
            const test_case_t *t = &areas[cur_area][cur_index];
            start_case(t);
            if (!cur_failed)
                t->fn();
            end_case();
        }
    }
}

static void finish(void) __attribute__((noreturn));
static void finish(void)
{
    printf("%d passed, %d failed\n", n_passed, n_failed);
    sel4runtime_exit(n_failed);
}

static void recover(void)
{
    set_root_prio(seL4_MaxPrio);
    test_fail(0, "timeout: the root task stayed blocked (resumed by the watchdog)");
    end_case();
    cur_index++;
    run_all();
    finish();
}

static seL4_CPtr find_untyped(int min_bits, int max_bits, seL4_CPtr not_this)
{
    seL4_CPtr best = 0;
    int best_bits = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_UntypedDesc *d = &bi->untypedList[i];
        seL4_CPtr c = bi->untyped.start + i;
        if (d->isDevice || c == not_this || d->sizeBits < min_bits || d->sizeBits > max_bits)
            continue;
        if (d->sizeBits > best_bits) {
            best = c;
            best_bits = d->sizeBits;
        }
    }
    return best;
}

int main(void)
{
    bi = sel4runtime_bootinfo();
    printf("keel system tests: object model and IPC\n");
    if (sel4runtime_get_tls_size() > TLS_BYTES) {
        printf("setup: TLS too big\n");
        return 1;
    }
    pool_ut = find_untyped(CASE_UT_BITS + 1, 64, 0);
    persist_ut = find_untyped(16, 22, pool_ut);
    if (!pool_ut || !persist_ut) {
        printf("setup: no suitable untypeds\n");
        return 1;
    }
    first_free = bi->empty.start;
    case_slot_base = first_free + S_PERSISTENT;
    case_slot_limit = bi->empty.end;

    seL4_CPtr pt = persistent(S_SCRATCH_PT);
    if (seL4_Untyped_Retype(persist_ut, seL4_X86_PageTableObject, 0, ROOT_CNODE, 0, 0, pt, 1) ||
        seL4_X86_PageTable_Map(pt, ROOT_VSPACE, SCRATCH_VA, seL4_X86_Default_VMAttributes)) {
        printf("setup: could not map the scratch page table\n");
        return 1;
    }
    start_watchdog();
    run_all();
    finish();
}
