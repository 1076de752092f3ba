/* Boot info check: the root task's initial capabilities, slot regions,
 * untypeds and IPC buffer are where and what seL4 promises. Prints one
 * "PASS: name" or "FAIL: name: detail" line per check (the test runner
 * counts them, see tests/expect/bootinfo.expect) and returns the number of
 * failed checks. The runner also compares the "untyped RAM total" line with
 * the kernel's "Free RAM given to the root task as untyped memory" line. */
#include <stdio.h>
#include <stdarg.h>
#include <sel4/sel4.h>
#include <sel4runtime.h>

/* Capability type tags (seL4_DebugCapIdentify, x86_64). */
enum {
    CAP_NULL = 0, CAP_FRAME = 1, CAP_UNTYPED = 2, CAP_ENDPOINT = 4, CAP_PML4 = 9, CAP_CNODE = 10,
    CAP_ASID_CONTROL = 11, CAP_TCB = 12, CAP_ASID_POOL = 13, CAP_IRQ_CONTROL = 14,
    CAP_DOMAIN = 20, CAP_IO_PORT_CONTROL = 31,
};

static int failures;

static void check(int ok, const char *name, const char *fmt, ...)
{
    if (ok) {
        printf("PASS: %s\n", name);
        return;
    }
    failures++;
    printf("FAIL: %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

static void check_initial_caps(void)
{
    static const struct { seL4_CPtr slot; unsigned type; const char *what; } caps[] = {
        { seL4_CapInitThreadTCB, CAP_TCB, "initial thread TCB" },
        { seL4_CapInitThreadCNode, CAP_CNODE, "initial thread CNode" },
        { seL4_CapInitThreadVSpace, CAP_PML4, "initial thread VSpace (PML4)" },
        { seL4_CapIRQControl, CAP_IRQ_CONTROL, "IRQ control" },
        { seL4_CapASIDControl, CAP_ASID_CONTROL, "ASID control" },
        { seL4_CapInitThreadASIDPool, CAP_ASID_POOL, "initial thread ASID pool" },
        { seL4_CapIOPortControl, CAP_IO_PORT_CONTROL, "IO port control" },
        { seL4_CapIOSpace, CAP_NULL, "IO space (null: no IOMMU)" },
        { seL4_CapBootInfoFrame, CAP_FRAME, "boot info frame" },
        { seL4_CapInitThreadIPCBuffer, CAP_FRAME, "IPC buffer frame" },
        { seL4_CapDomain, CAP_DOMAIN, "domain control" },
        { seL4_CapSMMUSIDControl, CAP_NULL, "SMMU SID control (null on x86)" },
        { seL4_CapSMMUCBControl, CAP_NULL, "SMMU CB control (null on x86)" },
        { seL4_CapInitThreadSC, CAP_NULL, "init thread SC (null: non-MCS)" },
        { seL4_CapSMC, CAP_NULL, "SMC (null on x86)" },
    };
    int bad = 0;
    for (unsigned i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
        unsigned t = seL4_DebugCapIdentify(caps[i].slot);
        if (t != caps[i].type) {
            printf("    slot %lu (%s): cap type %u, expected %u\n",
                   (unsigned long)caps[i].slot, caps[i].what, t, caps[i].type);
            bad++;
        }
    }
    check(bad == 0, "initial caps", "%d of slots 1..15 hold the wrong cap type", bad);
    check(seL4_DebugCapIdentify(seL4_CapNull) == CAP_NULL, "slot 0 null", "slot 0 is not empty");
}

static int region_size(seL4_SlotRegion r)
{
    return (int)(r.end - r.start);
}

static void check_regions(seL4_BootInfo *bi)
{
    check(bi->initThreadCNodeSizeBits == 16, "cnode size bits", "initThreadCNodeSizeBits = %lu, expected 16",
          (unsigned long)bi->initThreadCNodeSizeBits);
    check(bi->empty.end == 65536, "empty end", "empty.end = %lu, expected 65536", (unsigned long)bi->empty.end);

    /* Non-empty regions in seL4's order, each starting where the previous ends. */
    struct { const char *name; seL4_SlotRegion r; } regs[] = {
        { "userImagePaging", bi->userImagePaging },
        { "userImageFrames", bi->userImageFrames },
        { "sharedFrames", bi->sharedFrames },
        { "ioSpaceCaps", bi->ioSpaceCaps },
        { "extraBIPages", bi->extraBIPages },
        { "untyped", bi->untyped },
        { "empty", bi->empty },
    };
    seL4_SlotPos at = seL4_NumInitialCaps;
    int ok = 1;
    for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        seL4_SlotRegion r = regs[i].r;
        printf("    %-16s [%lu --> %lu)\n", regs[i].name, (unsigned long)r.start, (unsigned long)r.end);
        if (r.start > r.end) {
            printf("    %s: start after end\n", regs[i].name);
            ok = 0;
        } else if (r.start == r.end) {
            continue;   /* an empty region may sit anywhere (seL4 leaves them at [0 --> 0)) */
        } else if (r.start != at) {
            printf("    %s starts at %lu, expected %lu\n", regs[i].name, (unsigned long)r.start,
                   (unsigned long)at);
            ok = 0;
        }
        at = r.end;
    }
    check(ok, "regions contiguous", "slot regions are not contiguous and in order");
    check(region_size(bi->userImagePaging) > 0 && region_size(bi->userImageFrames) > 0 &&
          region_size(bi->untyped) > 0, "regions present", "userImagePaging, userImageFrames or untyped is empty");

    /* empty.start is right after the last used slot. */
    seL4_SlotPos e = bi->empty.start;
    unsigned last = seL4_DebugCapIdentify(e - 1), first = seL4_DebugCapIdentify(e);
    check(last != CAP_NULL && first == CAP_NULL, "empty start",
          "slot %lu (last used) has type %u, slot %lu (first empty) has type %u",
          (unsigned long)(e - 1), last, (unsigned long)e, first);
    int nonnull = 0;
    for (seL4_SlotPos s = e; s < bi->empty.end; s += (s < e + 256 ? 1 : 97))
        if (seL4_DebugCapIdentify(s) != CAP_NULL)
            nonnull++;
    if (seL4_DebugCapIdentify(bi->empty.end - 1) != CAP_NULL)
        nonnull++;
    check(nonnull == 0, "empty slots null", "%d sampled slots of the empty region hold a cap", nonnull);
}

static void check_untypeds(seL4_BootInfo *bi)
{
    int n = region_size(bi->untyped), bad = 0, ram = 0, dev = 0, badsize = 0;
    unsigned long total = 0;
    for (int i = 0; i < n; i++) {
        seL4_UntypedDesc *d = &bi->untypedList[i];
        unsigned t = seL4_DebugCapIdentify(bi->untyped.start + i);
        if (t != CAP_UNTYPED) {
            if (bad < 5)
                printf("    slot %lu: cap type %u, expected %u (untyped)\n",
                       (unsigned long)(bi->untyped.start + i), t, CAP_UNTYPED);
            bad++;
        }
        if (d->sizeBits < seL4_MinUntypedBits || d->sizeBits > seL4_MaxUntypedBits ||
            (d->paddr & ((1ul << d->sizeBits) - 1)) != 0)
            badsize++;
        if (d->isDevice) {
            dev++;
        } else {
            ram++;
            total += 1ul << d->sizeBits;
        }
    }
    printf("    %d untypeds: %d of RAM, %d of devices\n", n, ram, dev);
    check(n > 0 && n <= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS, "untyped count", "%d untypeds", n);
    check(bad == 0, "untyped caps", "%d untyped slots do not hold an untyped cap", bad);
    check(badsize == 0, "untyped sizes", "%d untypeds have a bad size or an unaligned address", badsize);
    check(ram > 0 && total > 0, "untyped RAM", "no RAM untypeds");
    /* The test runner compares this line with the kernel's boot log. */
    printf("untyped RAM total: 0x%lx bytes\n", total);
}

static void check_ipc_buffer(seL4_BootInfo *bi)
{
    seL4_IPCBuffer *buf = seL4_GetIPCBuffer();
    check(buf == bi->ipcBuffer, "ipc buffer pointer", "seL4_GetIPCBuffer() = %p, bi->ipcBuffer = %p",
          (void *)buf, (void *)bi->ipcBuffer);
    check(((unsigned long)bi->ipcBuffer & 0xfff) == 0 && bi->ipcBuffer != NULL, "ipc buffer aligned",
          "ipcBuffer = %p", (void *)bi->ipcBuffer);
    for (int i = 0; i < seL4_MsgMaxLength; i++)
        seL4_SetMR(i, 0x1000 + i);
    int same = 1;
    for (int i = 0; i < seL4_MsgMaxLength; i++)
        if (seL4_GetMR(i) != (seL4_Word)(0x1000 + i) || buf->msg[i] != (seL4_Word)(0x1000 + i))
            same = 0;
    check(same, "ipc buffer message registers", "seL4_SetMR/seL4_GetMR do not round-trip");

    /* Untyped_Retype has more arguments than fit in registers, so the kernel
     * reads some from the IPC buffer: it only works if the buffer does. */
    seL4_CPtr slot = bi->empty.start, ut = 0;
    for (int i = 0; i < region_size(bi->untyped); i++) {
        if (!bi->untypedList[i].isDevice) {
            ut = bi->untyped.start + i;
            break;
        }
    }
    seL4_Error e = seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0, slot, 1);
    unsigned t = seL4_DebugCapIdentify(slot);
    check(e == seL4_NoError && t == CAP_ENDPOINT, "ipc buffer in a syscall",
          "Untyped_Retype of an endpoint into slot %lu: error %d, cap type %u", (unsigned long)slot, e, t);
    e = seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits);
    check(e == seL4_NoError && seL4_DebugCapIdentify(slot) == CAP_NULL, "cnode delete",
          "CNode_Delete of slot %lu: error %d", (unsigned long)slot, e);
}

int main(void)
{
    seL4_BootInfo *bi = sel4runtime_bootinfo();
    check(bi != NULL && bi == seL4_GetBootInfo(), "boot info pointer",
          "sel4runtime_bootinfo() = %p, seL4_GetBootInfo() = %p", (void *)bi, (void *)seL4_GetBootInfo());
    if (bi == NULL)
        return 1;
    printf("    nodeID %lu of %lu, IOPT levels %ld, domain %lu, IPC buffer %p\n",
           (unsigned long)bi->nodeID, (unsigned long)bi->numNodes, (long)bi->numIOPTLevels,
           (unsigned long)bi->initThreadDomain, (void *)bi->ipcBuffer);
    check(bi->nodeID == 0 && bi->numNodes == 1, "one node", "nodeID %lu numNodes %lu",
          (unsigned long)bi->nodeID, (unsigned long)bi->numNodes);
    check(bi->initThreadDomain == 0, "domain 0", "initThreadDomain = %lu", (unsigned long)bi->initThreadDomain);
    check_initial_caps();
    check_regions(bi);
    check_untypeds(bi);
    check_ipc_buffer(bi);
    printf("bootinfo: %d check(s) failed\n", failures);
    return failures > 127 ? 127 : failures;
}
