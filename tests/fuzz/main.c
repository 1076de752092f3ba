/* The fuzzer's root task: its parameters, the population built for each
 * epoch, the supervision loop and the summary (see fuzz.h).
 *
 * Output: progress lines, a summary per seed, and "PASS: fuzz/seed-S" once
 * all of the seed's operations ran (a kernel panic, an invariant violation
 * or a hang ends the run before that); the last line is "N passed, N
 * failed" and main returns the number of failed seeds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sel4/sel4.h>
#include <sel4runtime.h>
#include "fuzz.h"

/* Defaults: the short fuzz of `make test`. tests/fuzz/run.sh patches them. */
volatile fuzz_params_t fuzz_params = {
    .magic = { FUZZ_MAGIC0, FUZZ_MAGIC1 }, .seed = 1, .n_seeds = 3, .ops = 600, .epoch_ops = 300, .verbose = 0,
};

#define RC        seL4_CapInitThreadCNode
#define DEPTH     seL4_WordBits
#define EPOCH_SLOTS 2048
#define PIT_HZ    50
#define STALL_TICKS (2 * PIT_HZ)        /* driver without progress: restart it */
#define HANG_TICKS  (60 * PIT_HZ)       /* ... and still none: a hang */
#define WORKER_STALE 8                  /* root wakes without progress before a worker is restarted */

extern char __executable_start[];
extern __thread seL4_IPCBuffer *__sel4_ipc_buffer;

static seL4_BootInfo *bi;
static seL4_Word next_slot, epoch_first, epoch_next;
static uint64_t rrng;                   /* the root's choices for this epoch */

/* Persistent objects. */
static seL4_CPtr ut_root, ut_pop, n_root, wd_badged, timer_badged, done_badged, pit_irq, pit_ports;

/* This epoch's objects. */
static seL4_CPtr fc, f_tcb, f_ipc, wt[N_WORKERS], wc[N_WORKERS], wipc[N_WORKERS], vs[N_VSPACES], ep[6], nt[4];
static seL4_Word wprio[N_WORKERS], wlast[N_WORKERS], wstale[N_WORKERS], wdead[N_WORKERS];
static volatile wcb_t *wcb[N_WORKERS];

static uint64_t f_stack[2048] __attribute__((aligned(16)));
static unsigned char f_tls[4096] __attribute__((aligned(64)));
static seL4_Word f_tp;
static uint64_t wd_stack[512] __attribute__((aligned(16)));

/* Statistics of the current seed. */
static uint64_t ticks, epochs, restarts_blocked, restarts_stalled, worker_restarts, worker_ops, workers_lost;
static uint64_t worker_by_op[W_NOPS], worker_errors;

static void setup_failed(const char *what, seL4_Word err, int line)
{
    printf("FAIL: fuzz/setup: %s failed with error %lu (main.c:%d)\n", what, err, line);
    printf("0 passed, 1 failed\n");
    exit(1);
}
#define OK(call) do { seL4_Word e_ = (seL4_Word)(call); if (e_) setup_failed(#call, e_, __LINE__); } while (0)

static seL4_CPtr pslot(void) { return next_slot++; }

static seL4_CPtr eslot(void)
{
    if (epoch_next == epoch_first + EPOCH_SLOTS)
        setup_failed("epoch slot allocation", 0, __LINE__);
    return epoch_next++;
}

static seL4_CPtr retype(seL4_CPtr ut, seL4_Word type, seL4_Word bits, seL4_CPtr slot)
{
    OK(seL4_Untyped_Retype(ut, type, bits, RC, 0, 0, slot, 1));
    return slot;
}

static seL4_CPtr mint(seL4_CPtr src, seL4_CapRights_t r, seL4_Word data, seL4_CPtr slot)
{
    OK(seL4_CNode_Mint(RC, slot, DEPTH, RC, src, DEPTH, r, data));
    return slot;
}

static seL4_Word guard(seL4_Word bits) { return seL4_CNode_CapData_new(0, bits).words[0]; }

/* ---------------------------------------------------------------- persistent setup */

static void watchdog_main(void)
{
    for (;;)
        seL4_Signal(wd_badged);
}

static seL4_CPtr largest_ram_untyped(void)
{
    seL4_CPtr best = 0;
    seL4_Word bits = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_UntypedDesc *d = &bi->untypedList[i];
        if (!d->isDevice && d->sizeBits > bits) {
            bits = d->sizeBits;
            best = bi->untyped.start + i;
        }
    }
    if (bits < 26)
        setup_failed("finding 64 MiB of untyped RAM", bits, __LINE__);
    return best;
}

static void setup_persistent(void)
{
    seL4_CPtr big = largest_ram_untyped();
    ut_root = retype(big, seL4_UntypedObject, 22, pslot());
    ut_pop = retype(big, seL4_UntypedObject, 25, pslot());

    n_root = retype(ut_root, seL4_NotificationObject, 0, pslot());
    wd_badged = mint(n_root, seL4_AllRights, 1, pslot());
    timer_badged = mint(n_root, seL4_AllRights, 2, pslot());
    done_badged = mint(n_root, seL4_AllRights, 4, pslot());

    /* the page table of the region shared with the driver and workers */
    seL4_CPtr pt = retype(ut_root, seL4_X86_PageTableObject, 0, pslot());
    OK(seL4_X86_PageTable_Map(pt, seL4_CapInitThreadVSpace, REGION, seL4_X86_Default_VMAttributes));

    /* the watchdog */
    seL4_CPtr wd = retype(ut_root, seL4_TCBObject, 0, pslot());
    OK(seL4_TCB_Configure(wd, 0, RC, 0, seL4_CapInitThreadVSpace, 0, 0, 0));
    OK(seL4_TCB_SetSchedParams(wd, seL4_CapInitThreadTCB, 0, 1));
    seL4_UserContext regs = { 0 };
    regs.rip = (seL4_Word)watchdog_main;
    regs.rsp = (seL4_Word)&wd_stack[512] - 8;
    OK(seL4_TCB_WriteRegisters(wd, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs));
    seL4_DebugNameThread(wd, "fuzz-watchdog");

    /* the PIT: ISA IRQ 0 is IOAPIC pin 2 on QEMU's pc machine */
    pit_irq = pslot();
    OK(seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, RC, pit_irq, DEPTH, 0, 2, 0, 0, 2));
    OK(seL4_IRQHandler_SetNotification(pit_irq, timer_badged));
    pit_ports = pslot();
    OK(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0x40, 0x43, RC, pit_ports, DEPTH));
    seL4_Word div = 1193182 / PIT_HZ;
    OK(seL4_X86_IOPort_Out8(pit_ports, 0x43, 0x34));   /* channel 0, lo/hi byte, rate generator */
    OK(seL4_X86_IOPort_Out8(pit_ports, 0x40, div & 0xff));
    OK(seL4_X86_IOPort_Out8(pit_ports, 0x40, div >> 8));
    OK(seL4_IRQHandler_Ack(pit_irq));

    epoch_first = epoch_next = next_slot;
    next_slot += EPOCH_SLOTS;
}

/* ---------------------------------------------------------------- an epoch's population */

static seL4_Word fc_next;

static seL4_Word fc_put(int how, seL4_CPtr src, seL4_CapRights_t r, seL4_Word data, uint8_t type, uint8_t depth,
                        uint8_t radix, uint8_t is_fc)
{
    seL4_Word s = fc_next++;
    if (how == 0)
        OK(seL4_CNode_Copy(fc, s, FC_BITS, RC, src, DEPTH, r));
    else if (how == 1)
        OK(seL4_CNode_Mint(fc, s, FC_BITS, RC, src, DEPTH, r, data));
    else
        OK(seL4_CNode_Move(fc, s, FC_BITS, RC, src, DEPTH));
    driver_note(s, type, depth, radix, is_fc);
    return s;
}
#define FC_COPY(src, type) fc_put(0, (src), seL4_AllRights, 0, (type), 0, 0, 0)
#define FC_MOVE(src, type) fc_put(2, (src), seL4_AllRights, 0, (type), 0, 0, 0)

static seL4_CapRights_t random_rights(void)
{
    seL4_Word r = rng_next(&rrng);
    return seL4_CapRights_new(r & 1, (r >> 1) & 1, (r >> 2) & 1, (r >> 3) & 1);
}

/* Badges from a small set, so that the workers' and the driver's mints
 * often share one (CancelBadgedSends, badged Revoke). */
static seL4_Word random_badge(void)
{
    static const seL4_Word badges[] = { 1, 2, 3, 4, 0x42, 0xff, 1ul << 20, 1ul << 63 };
    return rng_chance(&rrng, 90) ? badges[rng_below(&rrng, 8)] : rng_next(&rrng) | 1;
}

static void map_page(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t r)
{
    OK(seL4_X86_Page_Map(frame, vspace, vaddr, r, seL4_X86_Default_VMAttributes));
}

/* A worker VSpace: the workers' code read-only, and page tables for it
 * and the shared region. */
static seL4_CPtr build_vspace(seL4_CPtr tables[4])
{
    seL4_CPtr pml4 = retype(ut_pop, seL4_X64_PML4Object, 0, eslot());
    OK(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4));
    seL4_CPtr pdpt = tables[0] = retype(ut_pop, seL4_X86_PDPTObject, 0, eslot());
    OK(seL4_X86_PDPT_Map(pdpt, pml4, 0, seL4_X86_Default_VMAttributes));
    seL4_CPtr pd = tables[1] = retype(ut_pop, seL4_X86_PageDirectoryObject, 0, eslot());
    OK(seL4_X86_PageDirectory_Map(pd, pml4, 0, seL4_X86_Default_VMAttributes));
    seL4_CPtr pt = tables[2] = retype(ut_pop, seL4_X86_PageTableObject, 0, eslot());
    OK(seL4_X86_PageTable_Map(pt, pml4, (seL4_Word)__executable_start, seL4_X86_Default_VMAttributes));
    pt = tables[3] = retype(ut_pop, seL4_X86_PageTableObject, 0, eslot());
    OK(seL4_X86_PageTable_Map(pt, pml4, REGION, seL4_X86_Default_VMAttributes));

    for (seL4_Word v = WORKER_TEXT_START; v < WORKER_TEXT_END; v += 0x1000) {
        seL4_CPtr c = eslot();
        seL4_Word frame = bi->userImageFrames.start + (v - (seL4_Word)__executable_start) / 0x1000;
        OK(seL4_CNode_Copy(RC, c, DEPTH, RC, frame, DEPTH, seL4_CanRead));
        map_page(c, pml4, v, seL4_CanRead);
    }
    return pml4;
}

/* (Re)start worker k: its CSpace, VSpace, IPC buffer and priority as the
 * root made them, then from the top of worker_main. Configure fails, as in
 * seL4, when the thread holds the last cap to its current CSpace or VSpace
 * (the driver may have arranged that): the worker is then lost for the
 * rest of the epoch. */
static bool start_worker(int k)
{
    seL4_UserContext regs = { 0 };
    regs.rip = (seL4_Word)worker_main;
    regs.rsp = WORKER_STACK(k) + 0x1000 - 8;
    regs.rdi = WORKER_WCB(k);
    if (seL4_TCB_Configure(wt[k], WC_FAULT_EP, wc[k], guard(64 - WC_BITS), vs[vspace_of(k)], 0, WORKER_IPC(k),
                           wipc[k]) ||
        seL4_TCB_SetSchedParams(wt[k], seL4_CapInitThreadTCB, WORKER_PRIO_MAX, wprio[k]) ||
        seL4_TCB_WriteRegisters(wt[k], 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs)) {
        wdead[k] = 1;
        workers_lost++;
        return false;
    }
    return true;
}

static void start_driver(void)
{
    seL4_UserContext regs = { 0 };
    regs.rip = (seL4_Word)driver_main;
    regs.rsp = (seL4_Word)&f_stack[2048] - 8;
    regs.fs_base = f_tp;
    OK(seL4_TCB_WriteRegisters(f_tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs));
}

static void build_epoch(uint64_t seed)
{
    rrng = splitmix64(seed * 1000003 + epochs) | 1;
    driver_reset_hints();
    epoch_next = epoch_first;

    /* the driver: CSpace T = { FC (guard 51), P (guard 59) } */
    fc = retype(ut_pop, seL4_CapTableObject, FC_BITS, eslot());
    seL4_CPtr t = retype(ut_pop, seL4_CapTableObject, 1, eslot());
    seL4_CPtr p = retype(ut_pop, seL4_CapTableObject, P_BITS, eslot());
    OK(seL4_CNode_Mint(t, 0, 1, RC, fc, DEPTH, seL4_AllRights, guard(64 - 1 - FC_BITS)));
    OK(seL4_CNode_Mint(t, 1, 1, RC, p, DEPTH, seL4_AllRights, guard(64 - 1 - P_BITS)));
    OK(seL4_CNode_Copy(p, P_DONE, P_BITS, RC, done_badged, DEPTH, seL4_AllRights));
    OK(seL4_CNode_Move(p, P_PARK, P_BITS, RC, retype(ut_pop, seL4_NotificationObject, 0, eslot()), DEPTH));
    OK(seL4_CNode_Move(p, P_FAULT, P_BITS, RC, retype(ut_pop, seL4_EndpointObject, 0, eslot()), DEPTH));
    f_tcb = retype(ut_pop, seL4_TCBObject, 0, eslot());
    f_ipc = retype(ut_pop, seL4_X86_4K, 0, eslot());
    map_page(f_ipc, seL4_CapInitThreadVSpace, DRIVER_IPC, seL4_ReadWrite);
    f_tp = sel4runtime_write_tls_image(f_tls);
    sel4runtime_set_tls_variable(f_tp, __sel4_ipc_buffer, (seL4_IPCBuffer *)DRIVER_IPC);
    OK(seL4_TCB_Configure(f_tcb, P_CPTR(P_FAULT), t, 0, seL4_CapInitThreadVSpace, 0, DRIVER_IPC, f_ipc));
    OK(seL4_TCB_SetSchedParams(f_tcb, seL4_CapInitThreadTCB, 0, DRIVER_PRIO));
    seL4_DebugNameThread(f_tcb, "fuzz-driver");

    /* endpoints, notifications */
    /* one badge per object and epoch, used by the driver's and the
     * workers' mints alike, so that they meet (CancelBadgedSends) */
    seL4_Word badge_of[10];
    for (int i = 0; i < 6; i++)
        ep[i] = retype(ut_pop, seL4_EndpointObject, 0, eslot());
    for (int i = 0; i < 4; i++)
        nt[i] = retype(ut_pop, seL4_NotificationObject, 0, eslot());
    for (int i = 0; i < 10; i++)
        badge_of[i] = random_badge();

    /* worker VSpaces, CSpaces, pages and threads */
    seL4_CPtr tables[N_VSPACES][4];
    for (int v = 0; v < N_VSPACES; v++)
        vs[v] = build_vspace(tables[v]);
    seL4_CPtr frames[8];
    for (int i = 0; i < 8; i++)
        frames[i] = retype(ut_pop, seL4_X86_4K, 0, eslot());
    for (int k = 0; k < N_WORKERS; k++) {
        seL4_CPtr page[3];
        for (int i = 0; i < 3; i++) {
            page[i] = retype(ut_pop, seL4_X86_4K, 0, eslot());
            map_page(page[i], seL4_CapInitThreadVSpace, WORKER_BASE(k) + i * 0x1000ul, seL4_ReadWrite);
            seL4_CPtr copy = eslot();
            OK(seL4_CNode_Copy(RC, copy, DEPTH, RC, page[i], DEPTH, seL4_AllRights));
            map_page(copy, vs[vspace_of(k)], WORKER_BASE(k) + i * 0x1000ul, seL4_ReadWrite);
        }
        wipc[k] = page[2];
        wcb[k] = (volatile wcb_t *)WORKER_WCB(k);
        memset((void *)wcb[k], 0, sizeof(wcb_t));
        wcb[k]->rng = splitmix64(seed * 7919 + epochs * 31 + (uint64_t)k) | 1;
        wcb[k]->text_start = WORKER_TEXT_START;
        wcb[k]->text_end = WORKER_TEXT_END;
        wlast[k] = 0;
        wstale[k] = 0;
        wdead[k] = 0;

        wc[k] = retype(ut_pop, seL4_CapTableObject, WC_BITS, eslot());
        OK(seL4_CNode_Mint(wc[k], WC_FAULT_EP, WC_BITS, RC, ep[k % 6], DEPTH, seL4_AllRights,
                           rng_chance(&rrng, 50) ? badge_of[k % 6] : 0));
        for (seL4_Word s = WC_FIRST_IPC; s <= WC_LAST_IPC; s++) {
            int i = rng_chance(&rrng, 60) ? (int)rng_below(&rrng, 6) : 6 + (int)rng_below(&rrng, 4);
            OK(seL4_CNode_Mint(wc[k], s, WC_BITS, RC, i < 6 ? ep[i] : nt[i - 6], DEPTH,
                               rng_chance(&rrng, 60) ? seL4_AllRights : random_rights(),
                               rng_chance(&rrng, 30) ? 0 : rng_chance(&rrng, 80) ? badge_of[i] : random_badge()));
        }
        OK(seL4_CNode_Mint(wc[k], WC_SELF, WC_BITS, RC, wc[k], DEPTH, seL4_AllRights, guard(64 - WC_BITS)));
        OK(seL4_CNode_Copy(wc[k], WC_SERVER, WC_BITS, RC, ep[k % 3], DEPTH, seL4_AllRights));
        OK(seL4_CNode_Copy(wc[k], WC_FRAME, WC_BITS, RC, frames[k], DEPTH, seL4_AllRights));

        wt[k] = retype(ut_pop, seL4_TCBObject, 0, eslot());
        wprio[k] = 10 + rng_below(&rrng, WORKER_PRIO_MAX - 10 + 1);
        char name[16] = "fuzz-worker-0";
        name[12] = (char)('0' + k);
        seL4_DebugNameThread(wt[k], name);
    }

    for (int k = 0; k < N_WORKERS; k++)
        if (!start_worker(k))
            setup_failed("starting a worker", k, __LINE__);

    /* FC: what the driver may hit. Originals are moved in where the driver
     * may destroy the object: the sacrificial worker's TCB, CNode and
     * VSpace, some endpoints and notifications, frames, tables, untypeds. */
    fc_next = 1;
    fc_g52 = fc_put(1, fc, seL4_AllRights, guard(64 - FC_BITS), CT_CNODE, 64, FC_BITS, 1);
    fc_put(0, fc, seL4_AllRights, 0, CT_CNODE, FC_BITS, FC_BITS, 1);
    fc_put(1, fc, seL4_AllRights, guard(4), CT_CNODE, FC_BITS + 4, FC_BITS, 1);
    for (int k = 0; k < N_WORKERS; k++) {
        fc_put(1, wc[k], seL4_AllRights, guard(64 - WC_BITS), CT_CNODE, 64, WC_BITS, 0);
        fc_put(k == SACRIFICE ? 2 : 0, wc[k], seL4_AllRights, 0, CT_CNODE, WC_BITS, WC_BITS, 0);
        fc_put(k == SACRIFICE ? 2 : 0, wt[k], seL4_AllRights, 0, CT_TCB, 0, 0, 0);
    }
    for (int v = 0; v < N_VSPACES; v++)
        fc_put(v == vspace_of(SACRIFICE) ? 2 : 0, vs[v], seL4_AllRights, 0, CT_PML4, 0, 0, 0);
    static const uint8_t table_type[4] = { CT_PDPT, CT_PD, CT_PT, CT_PT };
    for (int i = 0; i < 4; i++)
        FC_MOVE(tables[vspace_of(SACRIFICE)][i], table_type[i]);
    for (int i = 0; i < 6; i++) {
        fc_put(1, ep[i], rng_chance(&rrng, 50) ? seL4_AllRights : random_rights(), badge_of[i], CT_EP, 0, 0, 0);
        fc_put(i >= 4 ? 2 : 0, ep[i], seL4_AllRights, 0, CT_EP, 0, 0, 0);
    }
    for (int i = 0; i < 4; i++) {
        fc_put(1, nt[i], random_rights(), badge_of[6 + i], CT_NTFN, 0, 0, 0);
        fc_put(i >= 3 ? 2 : 0, nt[i], seL4_AllRights, 0, CT_NTFN, 0, 0, 0);
    }
    for (int i = 0; i < 8; i++)
        FC_MOVE(frames[i], CT_FRAME);
    FC_MOVE(retype(ut_pop, seL4_X86_LargePageObject, 0, eslot()), CT_FRAME);
    FC_MOVE(retype(ut_pop, seL4_X86_PageTableObject, 0, eslot()), CT_PT);
    FC_MOVE(retype(ut_pop, seL4_X86_PageTableObject, 0, eslot()), CT_PT);
    FC_MOVE(retype(ut_pop, seL4_X86_PageDirectoryObject, 0, eslot()), CT_PD);
    FC_MOVE(retype(ut_pop, seL4_X86_PDPTObject, 0, eslot()), CT_PDPT);
    FC_MOVE(retype(ut_pop, seL4_X64_PML4Object, 0, eslot()), CT_PML4);
    static const seL4_Word ut_bits[] = { 16, 18, 12, 12 };
    for (int i = 0; i < 4; i++)
        FC_MOVE(retype(ut_pop, seL4_UntypedObject, ut_bits[i], eslot()), CT_UNTYPED);
    FC_COPY(seL4_CapASIDControl, CT_ASID_CONTROL);
    FC_COPY(seL4_CapInitThreadASIDPool, CT_ASID_POOL);
    for (int i = 0; i < 2; i++) {
        seL4_CPtr h = eslot();
        OK(seL4_IRQControl_GetMSI(seL4_CapIRQControl, RC, h, DEPTH, 0, 0, 0, 0, 60 + i));
        FC_COPY(h, CT_IRQ_HANDLER);
    }
    seL4_CPtr port = eslot();
    OK(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0x80, 0x80, RC, port, DEPTH));
    FC_COPY(port, CT_IO_PORT);
    FC_COPY(seL4_CapDomain, CT_DOMAIN);
    if (fc_next > FC_POP_END)
        setup_failed("population fits below FC_POP_END", fc_next, __LINE__);

    drv.done = 0;
    start_driver();
}

/* A worker's counters, unless a worker running random code scribbled on them. */
static uint64_t sane(uint64_t v) { return v < (1ul << 40) ? v : 0; }

static void collect_workers(void)
{
    for (int k = 0; k < N_WORKERS; k++) {
        worker_ops += sane(wcb[k]->ops);
        worker_errors += sane(wcb[k]->errors);
        for (int i = 0; i < W_NOPS; i++)
            worker_by_op[i] += sane(wcb[k]->by_op[i]);
    }
}

/* Destroy the population while its threads live: first the endpoints,
 * notifications and worker VSpaces the root still holds (revoking their
 * copies everywhere, then the final delete cancels whoever waits on them
 * and takes the threads' VSpaces), then everything with the untyped. */
static void end_epoch(void)
{
    collect_workers();
    seL4_CPtr objs[] = { ep[0], ep[1], ep[2], ep[3], nt[0], nt[1], nt[2], vs[0], vs[1] };
    for (unsigned i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
        seL4_CNode_Revoke(RC, objs[i], DEPTH);
        seL4_CNode_Delete(RC, objs[i], DEPTH);
    }
    OK(seL4_CNode_Revoke(RC, ut_pop, DEPTH));
    for (seL4_Word s = epoch_first; s < epoch_next; s++)
        seL4_CNode_Delete(RC, s, DEPTH);
    epochs++;
}

/* ---------------------------------------------------------------- supervision */

static void restart_driver(void)
{
    drv.stuck[drv.cur < D_NOPS ? drv.cur : 0]++;
    start_driver();
}

/* Workers that made no progress for a while start again from the top. */
static void check_workers(bool force)
{
    for (int k = 0; k < N_WORKERS; k++) {
        seL4_Word ops = wcb[k]->ops;
        if (k == SACRIFICE || wdead[k])
            continue;   /* the root has no cap to it, or cannot configure it */
        if (ops != wlast[k]) {
            wlast[k] = ops;
            wstale[k] = 0;
        } else if (++wstale[k] >= WORKER_STALE || force) {
            wstale[k] = 0;
            worker_restarts++;
            start_worker(k);
        }
    }
}

/* Run the epoch until the driver has issued its operations; false on a hang. */
static bool run_epoch(uint64_t seed)
{
    seL4_Word last_op = drv.op, still = 0;
    while (!drv.done) {
        seL4_Word badge;
        seL4_Wait(n_root, &badge);
        if (badge & 2) {
            seL4_IRQHandler_Ack(pit_irq);
            ticks++;
        }
        if (drv.done)
            break;
        if (drv.op != last_op) {
            last_op = drv.op;
            still = 0;
        }
        if (badge & 1) {
            /* the watchdog ran: every other thread is blocked */
            restarts_blocked++;
            restart_driver();
            check_workers(false);
        } else if (badge & 2) {
            if (++still % STALL_TICKS == 0) {
                restarts_stalled++;
                restart_driver();
                check_workers(true);
            }
            if (still >= HANG_TICKS) {
                printf("FAIL: fuzz/seed-%lu: no progress for %d s at operation %lu (%s)\n", seed,
                       HANG_TICKS / PIT_HZ, drv.op, driver_op_name((int)drv.cur));
                seL4_DebugDumpScheduler();
                return false;
            }
        }
    }
    return true;
}

static void print_summary(uint64_t seed)
{
    static const char *const err_names[N_ERR] = { "ok", "IA", "IC", "IO", "RE", "AE", "FL", "TM", "DF", "RF",
                                                  "NM", "??" };
    static const char *const wop_names[W_NOPS] = { "Send", "NBSend", "Call", "Recv", "NBRecv", "Reply",
                                                   "ReplyRecv", "Yield", "Invoke", "Fault", "RecvPath", "Serve" };
    printf("fuzz: seed %lu: %lu operations in %lu epochs, %lu.%02lu s; driver restarted %lu times (blocked %lu, "
           "stalled %lu); workers: %lu operations, %lu errors, %lu restarts, %lu lost\n", seed, drv.op, epochs,
           ticks / PIT_HZ, (ticks % PIT_HZ) * (100 / PIT_HZ), restarts_blocked + restarts_stalled, restarts_blocked,
           restarts_stalled, worker_ops, worker_errors, worker_restarts, workers_lost);
    printf("fuzz: seed %lu: driver operations: count, results by seL4_Error (IA InvalidArgument, IC "
           "InvalidCapability, IO IllegalOperation, RE RangeError, AE AlignmentError, FL FailedLookup, TM "
           "TruncatedMessage, DF DeleteFirst, RF RevokeFirst, NM NotEnoughMemory), restarts\n", seed);
    for (int op = 0; op < D_NOPS; op++) {
        char line[256];
        int n = snprintf(line, sizeof(line), "  %-12s %8lu", driver_op_name(op), drv.by_op[op]);
        for (int e = 0; e < N_ERR; e++)
            if (drv.err[op][e])
                n += snprintf(line + n, sizeof(line) - (size_t)n, " %s %lu", err_names[e], drv.err[op][e]);
        if (drv.stuck[op])
            n += snprintf(line + n, sizeof(line) - (size_t)n, " restarted %lu", drv.stuck[op]);
        printf("%s\n", line);
    }
    printf("fuzz: seed %lu: worker operations:", seed);
    for (int i = 0; i < W_NOPS; i++)
        printf(" %s %lu", wop_names[i], worker_by_op[i]);
    printf("\n");
}

static bool run_seed(uint64_t seed, uint64_t ops, uint64_t epoch_ops)
{
    memset(&drv, 0, sizeof(drv));
    drv.rng = splitmix64(seed) | 1;
    ticks = epochs = restarts_blocked = restarts_stalled = worker_restarts = worker_ops = worker_errors = 0;
    workers_lost = 0;
    memset(worker_by_op, 0, sizeof(worker_by_op));
    uint64_t next_report = ops / 10;
    printf("fuzz: seed %lu: %lu operations, %lu per epoch\n", seed, ops, epoch_ops);
    while (drv.op < ops) {
        drv.end = drv.op + epoch_ops < ops ? drv.op + epoch_ops : ops;
        build_epoch(seed);
        bool ok = run_epoch(seed);
        end_epoch();
        if (!ok)
            return false;
        if (drv.op >= next_report && drv.op < ops) {
            printf("fuzz: seed %lu: %lu/%lu operations, %lu.%02lu s\n", seed, drv.op, ops, ticks / PIT_HZ,
                   (ticks % PIT_HZ) * (100 / PIT_HZ));
            next_report += ops / 10;
        }
    }
    print_summary(seed);
    printf("PASS: fuzz/seed-%lu\n", seed);
    return true;
}

int main(void)
{
    bi = sel4runtime_bootinfo();
    next_slot = bi->empty.start;
    uint64_t seed = fuzz_params.seed, n = fuzz_params.n_seeds, ops = fuzz_params.ops;
    uint64_t epoch_ops = fuzz_params.epoch_ops ? fuzz_params.epoch_ops : 1000;
    printf("fuzz: seeds %lu..%lu, %lu operations each\n", seed, seed + n - 1, ops);
    setup_persistent();
    int passed = 0, failed = 0;
    for (uint64_t i = 0; i < n; i++) {
        if (run_seed(seed + i, ops, epoch_ops)) {
            passed++;
        } else {
            failed++;
            break;   /* the system is in an unknown state */
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
