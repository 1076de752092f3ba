/* keel IPC benchmark suite (root task).
 *
 * Every row of /work/shared/reference/ipc-benchmark.md plus null_syscall,
 * fault_rt and map_page, measured with the reference's method; see
 * docs/performance.md for what each row does and how to read it.
 *
 * Threads: the root thread is the client (and the fault handler); every
 * other thread is made by spawn() at the root's priority (255) in the
 * root's CSpace. Only the cross-VSpace servers live in a second VSpace,
 * which maps the root task's own image frames at the same addresses (so
 * the same code runs there and globals are shared memory). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sel4/sel4.h>
#include "bench.h"

#define MI(len) seL4_MessageInfo_new(0, 0, 0, (len))

static uint32_t errors;
static result_t results[16];
static int n_results;
static int icount_mode;

static result_t *new_result(const char *name)
{
    result_t *r = &results[n_results++];
    memset(r, 0, sizeof(*r));
    r->name = name;
    return r;
}

static void finish(result_t *r, uint32_t *samples, uint32_t n)
{
    stats_compute(r, samples, n);
    stats_print(r);
}

static const struct {
    const char *name;
    uint32_t sel4;   /* 0: no seL4 figure */
} reference[] = {
    { "rt_same_nofpu", 448 }, { "rt_same_fpu", 476 }, { "rt_cross_nofpu", 452 }, { "rt_cross_fpu", 480 },
    { "call_half", 215 },     { "reply_half", 242 },  { "rt_generic", 458 },     { "rt_5word", 1670 },
    { "ntfn_pingpong", 2046 }, { "yield", 292 },      { "null_syscall", 0 },     { "fault_rt", 0 },
    { "map_page", 0 },
};

/* The row's index in reference[]: its profiling marker id. */
static int row_id(const char *name)
{
    for (unsigned i = 0; i < sizeof(reference) / sizeof(reference[0]); i++)
        if (strcmp(reference[i].name, name) == 0)
            return (int)i;
    return 15;
}

/* ================================================================ threads */

/* Owns the FPU state so that neither thread of a "nofpu" row does: with the
 * lazy switch, CR0.TS then stays set and no #NM or FXSAVE/FXRSTOR happens. */
static void fpu_sink(seL4_Word ep, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge;
    seL4_RecvWithMRs(ep, &badge, NULL, NULL, NULL, NULL);
    for (;;) {
        fpu_touch();
        seL4_ReplyRecvWithMRs(ep, MI(0), &badge, NULL, NULL, NULL, NULL);
    }
}

static seL4_CPtr sink_ep;
static void fpu_park(void)
{
    seL4_CallWithMRs(sink_ep, MI(0), NULL, NULL, NULL, NULL);
}

/* Register-only server: 1 word in MR0, answers MR0 + 1. */
static void srv_regs(seL4_Word ep, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge, mr0;
    seL4_RecvWithMRs(ep, &badge, &mr0, NULL, NULL, NULL);
    for (;;) {
        mr0++;
        seL4_ReplyRecvWithMRs(ep, MI(1), &badge, &mr0, NULL, NULL, NULL);
    }
}

/* Same, using the FPU once per request. */
static void srv_regs_fpu(seL4_Word ep, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge, mr0;
    seL4_RecvWithMRs(ep, &badge, &mr0, NULL, NULL, NULL);
    for (;;) {
        fpu_touch();
        mr0++;
        seL4_ReplyRecvWithMRs(ep, MI(1), &badge, &mr0, NULL, NULL, NULL);
    }
}

/* One-way halves: timestamps right after the receive returns and right
 * before ReplyRecv, published through (shared) memory. */
static volatile uint64_t half_recv_ts, half_reply_ts;
static void srv_half(seL4_Word ep, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge, mr0;
    seL4_RecvWithMRs(ep, &badge, &mr0, NULL, NULL, NULL);
    for (;;) {
        half_recv_ts = ts_end();
        mr0++;
        half_reply_ts = ts_begin();
        seL4_ReplyRecvWithMRs(ep, MI(1), &badge, &mr0, NULL, NULL, NULL);
    }
}

/* Generic wrappers: MRs through the IPC buffer, `len` words each way. */
static void srv_generic(seL4_Word ep, seL4_Word len)
{
    seL4_Word badge;
    seL4_Recv(ep, &badge);
    for (;;) {
        for (seL4_Word k = 0; k < len; k++)
            seL4_SetMR(k, seL4_GetMR(k) + 1);
        seL4_ReplyRecv(ep, MI(len), &badge);
    }
}

static void ntfn_partner(seL4_Word n1, seL4_Word n2)
{
    for (;;) {
        seL4_WaitWithMRs(n1, NULL, NULL, NULL, NULL, NULL);
        seL4_Signal(n2);
    }
}

/* fault_rt: the faulting thread takes the samples itself. */
static seL4_CPtr fault_done_ntfn, fault_dead_ntfn;
static uint64_t fault_batch_total;
static void fault_loop(uint32_t *out, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        uint64_t t0 = ts_begin();
        __asm__ volatile("ud2" ::: "memory");   /* #UD: user-exception fault IPC; the handler skips it */
        uint64_t t1 = ts_end();
        out[i] = clamp32(t1 - t0);
    }
}

static void fault_thread(seL4_Word n, seL4_Word unused)
{
    (void)unused;
    fault_loop(samples_a, N_WARMUP);
    MARK_BEGIN(row_id("fault_rt"));
    fault_loop(samples_a, (uint32_t)n);
    MARK_END(row_id("fault_rt"));
    uint64_t t0 = ts_begin();
    for (uint32_t i = 0; i < n; i++)
        __asm__ volatile("ud2" ::: "memory");
    fault_batch_total = ts_end() - t0;
    seL4_Signal(fault_done_ntfn);
    seL4_WaitWithMRs(fault_dead_ntfn, NULL, NULL, NULL, NULL, NULL);
    for (;;)
        ;
}

/* ================================================================ client loops */

#define ROUND_TRIP_LOOPS(NAME, TOUCH)                                                            \
    static void NAME(seL4_CPtr ep, uint32_t *out, uint32_t n)                                    \
    {                                                                                            \
        for (uint32_t i = 0; i < n; i++) {                                                       \
            seL4_Word mr0 = i;                                                                   \
            uint64_t t0 = ts_begin();                                                            \
            seL4_CallWithMRs(ep, MI(1), &mr0, NULL, NULL, NULL);                                 \
            TOUCH;                                                                               \
            uint64_t t1 = ts_end();                                                              \
            out[i] = clamp32(t1 - t0);                                                           \
            errors += mr0 != (seL4_Word)i + 1;                                                   \
        }                                                                                        \
    }                                                                                            \
    static uint64_t NAME##_batch(seL4_CPtr ep, uint32_t n)                                       \
    {                                                                                            \
        seL4_Word mr0 = 0;                                                                       \
        uint64_t t0 = ts_begin();                                                                \
        for (uint32_t i = 0; i < n; i++) {                                                       \
            seL4_CallWithMRs(ep, MI(1), &mr0, NULL, NULL, NULL);                                 \
            TOUCH;                                                                               \
        }                                                                                        \
        uint64_t t1 = ts_end();                                                                  \
        errors += mr0 != n;                                                                      \
        return t1 - t0;                                                                          \
    }
ROUND_TRIP_LOOPS(rt_nofpu, (void)0)
ROUND_TRIP_LOOPS(rt_fpu, fpu_touch())

static void run_rt(const char *name, seL4_CPtr ep, int fpu)
{
    result_t *r = new_result(name);
    if (!fpu)
        fpu_park();
    if (fpu) {
        rt_fpu(ep, samples_a, N_WARMUP);
        MARK_BEGIN(row_id(name));
        rt_fpu(ep, samples_a, N_SAMPLES);
        MARK_END(row_id(name));
        r->batch_total = rt_fpu_batch(ep, N_SAMPLES);
    } else {
        rt_nofpu(ep, samples_a, N_WARMUP);
        MARK_BEGIN(row_id(name));
        rt_nofpu(ep, samples_a, N_SAMPLES);
        MARK_END(row_id(name));
        r->batch_total = rt_nofpu_batch(ep, N_SAMPLES);
    }
    r->batch_n = N_SAMPLES;
    finish(r, samples_a, N_SAMPLES);
}

static void half_loop(seL4_CPtr ep, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        seL4_Word mr0 = i;
        uint64_t t0 = ts_begin();
        seL4_CallWithMRs(ep, MI(1), &mr0, NULL, NULL, NULL);
        uint64_t t3 = ts_end();
        samples_a[i] = clamp32(half_recv_ts - t0);
        samples_b[i] = clamp32(t3 - half_reply_ts);
        errors += mr0 != (seL4_Word)i + 1;
    }
}

static void generic_loop(seL4_CPtr ep, uint32_t len, uint32_t *out, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t k = 0; k < len; k++)
            seL4_SetMR(k, i + k);
        uint64_t t0 = ts_begin();
        seL4_Call(ep, MI(len));
        uint64_t t1 = ts_end();
        out[i] = clamp32(t1 - t0);
        errors += seL4_GetMR(len - 1) != i + len;
    }
}

static uint64_t generic_batch(seL4_CPtr ep, uint32_t len, uint32_t n)
{
    for (uint32_t k = 0; k < len; k++)
        seL4_SetMR(k, k);
    uint64_t t0 = ts_begin();
    for (uint32_t i = 0; i < n; i++)
        seL4_Call(ep, MI(len));
    uint64_t t1 = ts_end();
    errors += seL4_GetMR(len - 1) != len - 1 + n;
    return t1 - t0;
}

static void run_generic(const char *name, seL4_CPtr ep, uint32_t len)
{
    result_t *r = new_result(name);
    fpu_park();
    generic_loop(ep, len, samples_a, N_WARMUP);
    MARK_BEGIN(row_id(name));
    generic_loop(ep, len, samples_a, N_SAMPLES);
    MARK_END(row_id(name));
    r->batch_total = generic_batch(ep, len, N_SAMPLES);
    r->batch_n = N_SAMPLES;
    finish(r, samples_a, N_SAMPLES);
}

/* A loop of one operation per sample and its batch twin. */
#define SIMPLE_LOOPS(NAME, OP)                                                                   \
    static void NAME(uint32_t *out, uint32_t n)                                                  \
    {                                                                                            \
        for (uint32_t i = 0; i < n; i++) {                                                       \
            uint64_t t0 = ts_begin();                                                            \
            OP;                                                                                  \
            uint64_t t1 = ts_end();                                                              \
            out[i] = clamp32(t1 - t0);                                                           \
        }                                                                                        \
    }                                                                                            \
    static __attribute__((unused)) uint64_t NAME##_batch(uint32_t n)                                                   \
    {                                                                                            \
        uint64_t t0 = ts_begin();                                                                \
        for (uint32_t i = 0; i < n; i++) {                                                       \
            OP;                                                                                  \
        }                                                                                        \
        return ts_end() - t0;                                                                    \
    }

static seL4_CPtr ntfn1, ntfn2, null_ntfn;
SIMPLE_LOOPS(empty_bracket, (void)0)
SIMPLE_LOOPS(ntfn_loop, (seL4_Signal(ntfn1), seL4_WaitWithMRs(ntfn2, NULL, NULL, NULL, NULL, NULL)))
SIMPLE_LOOPS(yield_loop, seL4_Yield())
/* NBRecv on a notification with nothing pending: looked up, found idle,
 * badge 0 returned at once. Register-only (no IPC-buffer stores). */
SIMPLE_LOOPS(null_loop, ({
                 seL4_Word b_;
                 keel_recv_to_ptrs_(seL4_SysNBRecv, null_ntfn, &b_, NULL, NULL, NULL, NULL);
             }))

static void run_simple(const char *name, void (*loop)(uint32_t *, uint32_t), uint64_t (*batch)(uint32_t))
{
    result_t *r = new_result(name);
    fpu_park();
    loop(samples_a, N_WARMUP);
    MARK_BEGIN(row_id(name));
    loop(samples_a, N_SAMPLES);
    MARK_END(row_id(name));
    r->batch_total = batch(N_SAMPLES);
    r->batch_n = N_SAMPLES;
    finish(r, samples_a, N_SAMPLES);
}

/* map_page: X86_Page_Map of one 4 KiB frame into an existing page table;
 * the Unmap is outside the timed region. */
static seL4_CPtr map_frames[MAPBENCH_FRAMES];
static void map_loop(uint32_t *out, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t j = i % MAPBENCH_FRAMES;
        seL4_Word va = MAPBENCH_VADDR + (seL4_Word)j * 4096;
        uint64_t t0 = ts_begin();
        seL4_Error e = seL4_X86_Page_Map(map_frames[j], seL4_CapInitThreadVSpace, va, seL4_AllRights,
                                         seL4_X86_Default_VMAttributes);
        uint64_t t1 = ts_end();
        out[i] = clamp32(t1 - t0);
        errors += e != seL4_NoError;
        errors += seL4_X86_Page_Unmap(map_frames[j]) != seL4_NoError;
    }
}

static uint64_t map_batch(uint32_t n)
{
    uint64_t total = 0;
    for (uint32_t done = 0; done < n;) {
        uint32_t chunk = n - done < MAPBENCH_FRAMES ? n - done : MAPBENCH_FRAMES;
        seL4_Error e = 0;
        uint64_t t0 = ts_begin();
        for (uint32_t j = 0; j < chunk; j++)
            e |= seL4_X86_Page_Map(map_frames[j], seL4_CapInitThreadVSpace, MAPBENCH_VADDR + (seL4_Word)j * 4096,
                                   seL4_AllRights, seL4_X86_Default_VMAttributes);
        total += ts_end() - t0;
        errors += e != seL4_NoError;
        for (uint32_t j = 0; j < chunk; j++)
            errors += seL4_X86_Page_Unmap(map_frames[j]) != seL4_NoError;
        done += chunk;
    }
    return total;
}

/* ================================================================ report */

static void cpuid(uint32_t leaf, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

static void cpu_conditions(void)
{
    uint32_t r[4], r1[4], r7[4], brand_words[12];
    char vendor[13], brand[49] = "";

    cpuid(0, r);
    memcpy(vendor, &r[1], 4);
    memcpy(vendor + 4, &r[3], 4);
    memcpy(vendor + 8, &r[2], 4);
    vendor[12] = 0;
    cpuid(1, r1);
    uint32_t family = (r1[0] >> 8) & 0xf, model = (r1[0] >> 4) & 0xf;
    if (family == 0xf)
        family += (r1[0] >> 20) & 0xff;
    if (family == 6 || family >= 0xf)
        model |= ((r1[0] >> 16) & 0xf) << 4;
    cpuid(7, r7);
    cpuid(0x80000000u, r);
    if (r[0] >= 0x80000004u) {
        for (uint32_t leaf = 0; leaf < 3; leaf++)
            cpuid(0x80000002u + leaf, &brand_words[4 * leaf]);
        memcpy(brand, brand_words, 48);
        brand[48] = 0;
    }
    printf("COND cpu: %s \"%s\" family %u model %u (QEMU -cpu max); offers XSAVE %s, FSGSBASE %s, PCID %s\n",
           vendor, brand, family, model, (r1[2] >> 26) & 1 ? "yes" : "no", r7[1] & 1 ? "yes" : "no",
           (r1[2] >> 17) & 1 ? "yes" : "no");
}

static void print_table(void)
{
    printf("\n%s\n", icount_mode ? "TABLE keel vs seL4: median guest instructions per sample (-icount shift=0)"
                                 : "TABLE keel medians in host TSC ticks (no -icount: TCG wall clock, noisy; "
                                   "the seL4 column is in instructions and is NOT comparable)");
    printf("TABLE %-15s %10s %10s %10s %10s\n", "benchmark", "keel", "seL4", "keel/seL4", "batch_avg");
    for (unsigned i = 0; i < sizeof(reference) / sizeof(reference[0]); i++) {
        const result_t *r = NULL;
        for (int j = 0; j < n_results; j++)
            if (strcmp(results[j].name, reference[i].name) == 0)
                r = &results[j];
        if (!r)
            continue;
        char sel4[16] = "-", ratio[16] = "-", batch[32] = "-";
        if (reference[i].sel4) {
            sprintf(sel4, "%u", reference[i].sel4);
            fmt_fixed(ratio, r->median, reference[i].sel4, 2);
        }
        if (r->batch_n)
            fmt_fixed(batch, r->batch_total, r->batch_n, 1);
        printf("TABLE %-15s %10u %10s %10s %10s\n", r->name, r->median, sel4, ratio, batch);
    }
}

/* ================================================================ main */

int main(void)
{
    printf("\n=== keel IPC benchmark (bench/ipc) ===\n");
    setup_init();
    cpu_conditions();

    /* The empty bracket: its cost is inside every figure (as in seL4's);
     * constant from sample to sample only when the TSC counts instructions. */
    empty_bracket(samples_a, N_WARMUP);
    result_t br = { .name = "empty_bracket" };
    stats_compute(&br, samples_a, N_WARMUP);
    icount_mode = br.min == br.max;
    printf("COND tsc: %s (empty bracket: min %u, max %u over %u)\n",
           icount_mode ? "counts guest instructions (-icount shift=0)" : "host time (no -icount): figures are noisy",
           br.min, br.max, N_WARMUP);
    printf("COND threads: all at priority %u, one core; client = root thread; %u samples per row after %u "
           "warm-up\n", PRIO, N_SAMPLES, N_WARMUP);
    printf("COND fpu: *_nofpu and other rows: neither thread touches the FPU (a third thread owns the FPU "
           "state); *_fpu: client and server each execute one SSE instruction per round trip, inside the "
           "bracket\n");

    printf("COND rows: register-only stubs (Call/ReplyRecvWithMRs) except rt_generic/rt_5word; null_syscall = "
           "NBRecv on an idle notification; fault_rt = ud2 (user-exception fault IPC), handler replies IP+2; "
           "map_page = X86_Page_Map of a 4 KiB frame (Unmap untimed)\n");

    sink_ep = alloc_obj(seL4_EndpointObject, 0);
    spawn(seL4_CapInitThreadVSpace, fpu_sink, sink_ep, 0, 0);

    /* Same VSpace round trips. */
    seL4_CPtr ep_same = alloc_obj(seL4_EndpointObject, 0);
    seL4_CPtr ep_same_fpu = alloc_obj(seL4_EndpointObject, 0);
    spawn(seL4_CapInitThreadVSpace, srv_regs, ep_same, 0, 0);
    spawn(seL4_CapInitThreadVSpace, srv_regs_fpu, ep_same_fpu, 0, 0);
    run_rt("rt_same_nofpu", ep_same, 0);
    run_rt("rt_same_fpu", ep_same_fpu, 1);

    /* Cross VSpace. */
    seL4_CPtr vspace2 = make_image_vspace();
    seL4_CPtr ep_cross = alloc_obj(seL4_EndpointObject, 0);
    seL4_CPtr ep_cross_fpu = alloc_obj(seL4_EndpointObject, 0);
    spawn(vspace2, srv_regs, ep_cross, 0, 0);
    spawn(vspace2, srv_regs_fpu, ep_cross_fpu, 0, 0);
    run_rt("rt_cross_nofpu", ep_cross, 0);
    run_rt("rt_cross_fpu", ep_cross_fpu, 1);

    /* One-way halves. */
    {
        seL4_CPtr ep = alloc_obj(seL4_EndpointObject, 0);
        spawn(seL4_CapInitThreadVSpace, srv_half, ep, 0, 0);
        fpu_park();
        half_loop(ep, N_WARMUP);
        MARK_BEGIN(row_id("call_half"));
        half_loop(ep, N_SAMPLES);
        MARK_END(row_id("call_half"));
        finish(new_result("call_half"), samples_a, N_SAMPLES);
        finish(new_result("reply_half"), samples_b, N_SAMPLES);
    }

    /* Generic wrappers, 1 and 5 words. */
    {
        seL4_CPtr ep1 = alloc_obj(seL4_EndpointObject, 0);
        seL4_CPtr ep5 = alloc_obj(seL4_EndpointObject, 0);
        spawn(seL4_CapInitThreadVSpace, srv_generic, ep1, 1, 0);
        spawn(seL4_CapInitThreadVSpace, srv_generic, ep5, 5, 0);
        run_generic("rt_generic", ep1, 1);
        run_generic("rt_5word", ep5, 5);
    }

    /* Notification ping-pong. */
    ntfn1 = alloc_obj(seL4_NotificationObject, 0);
    ntfn2 = alloc_obj(seL4_NotificationObject, 0);
    spawn(seL4_CapInitThreadVSpace, ntfn_partner, ntfn1, ntfn2, 0);
    run_simple("ntfn_pingpong", ntfn_loop, ntfn_loop_batch);

    /* Yield with nothing else runnable (every other thread is blocked). */
    run_simple("yield", yield_loop, yield_loop_batch);

    /* Null syscall. */
    null_ntfn = alloc_obj(seL4_NotificationObject, 0);
    run_simple("null_syscall", null_loop, null_loop_batch);

    /* Fault round trip: the root thread is the handler. */
    {
        seL4_CPtr fep = alloc_obj(seL4_EndpointObject, 0);
        fault_done_ntfn = alloc_obj(seL4_NotificationObject, 0);
        fault_dead_ntfn = alloc_obj(seL4_NotificationObject, 0);
        result_t *r = new_result("fault_rt");
        fpu_park();
        spawn(seL4_CapInitThreadVSpace, fault_thread, N_SAMPLES, 0, fep);
        uint32_t total = N_WARMUP + 2 * N_SAMPLES;
        seL4_Word badge, ip, sp, flags, vec;
        seL4_MessageInfo_t info = seL4_RecvWithMRs(fep, &badge, &ip, &sp, &flags, &vec);
        for (uint32_t k = 0;; k++) {
            errors += seL4_MessageInfo_get_label(info) != seL4_Fault_UserException || vec != 6;
            ip += 2;   /* skip the ud2 */
            if (k == total - 1)
                break;
            info = seL4_ReplyRecvWithMRs(fep, MI(1), &badge, &ip, &sp, &flags, &vec);
        }
        seL4_ReplyWithMRs(MI(1), &ip, NULL, NULL, NULL);
        seL4_WaitWithMRs(fault_done_ntfn, NULL, NULL, NULL, NULL, NULL);
        r->batch_total = fault_batch_total;
        r->batch_n = N_SAMPLES;
        finish(r, samples_a, N_SAMPLES);
    }

    /* map_page. */
    for (int j = 0; j < MAPBENCH_FRAMES; j++)
        map_frames[j] = alloc_obj(seL4_X86_4K, 0);
    run_simple("map_page", map_loop, map_batch);

    print_table();
    printf("\nbench: %u errors\n", errors);
    printf("=== end of keel IPC benchmark ===\n");
    return errors ? 1 : 0;
}
