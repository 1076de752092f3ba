/* Isolation: a thread reaches only what its caps name, in the ways their
 * rights allow, and nothing the kernel or another address space owns. */
#include "harness.h"

/* seL4 fault message layouts (MR numbers) */
enum { CAPFAULT_ADDR = 1, CAPFAULT_IN_RECV = 2 };
enum { VMFAULT_IP = 0, VMFAULT_ADDR = 1 };

/* For children in a VSpace of their own: no TLS, so raw syscalls only. */
static void raw_park(void) __attribute__((noreturn));
static void raw_park(void)
{
    for (;;) {
        seL4_Word d = CHILD_PARK, i = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        keel_x64_syscall(seL4_SysRecv, &d, &i, &m0, &m1, &m2, &m3);
    }
}

/* ---------------------------------------------------------------- no cap, no access */

static void outside_cspace_child(seL4_Word unused)
{
    (void)unused;
    /* slot numbers that name the root's TCB and CNode in the root's CSpace */
    res[0] = seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    res[1] = seL4_CNode_Delete(seL4_CapInitThreadCNode, seL4_CapInitThreadTCB, seL4_WordBits);
    res[2] = seL4_DebugCapIdentify(seL4_CapInitThreadTCB);
    res[3] = 1;
    /* a CPtr no CNode of ours resolves: a cap fault */
    seL4_Send(0x123456, seL4_MessageInfo_new(0, 0, 0, 0));
    res[4] = 1;
    park();
}

/* A thread's CPtrs resolve in its own CSpace only: the slot numbers of the
 * root's caps name nothing there, and a CPtr beyond it faults. */
static void no_cap_outside_cspace(void)
{
    child_t c;
    seL4_CPtr fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep);
    CHECK(cn);
    CHILD(&c, cn, 0);
    START(&c, outside_cspace_child, 0);
    run_lower();
    CHECK_EQ(res[3], 1);
    CHECK_EQ(res[0], seL4_InvalidCapability);
    CHECK_EQ(res[1], seL4_InvalidCapability);
    CHECK_EQ(res[2], 0);
    seL4_Word mr[4];
    seL4_MessageInfo_t f = take_fault(fault_ep, mr);
    CHECK_EQ(seL4_MessageInfo_get_label(f), seL4_Fault_CapFault);
    CHECK_EQ(mr[CAPFAULT_ADDR], 0x123456);
    CHECK_EQ(res[4], 0);
    /* and the root is untouched: its TCB and CNode still answer */
    CHECK_EQ(seL4_DebugCapIdentify(ROOT_TCB), 12);
    CHECK_EQ(seL4_DebugCapIdentify(ROOT_CNODE), 10);
}

/* ---------------------------------------------------------------- memory */

static volatile seL4_Word victim = 0x1234;

static void touch_child(seL4_Word addr)
{
    *(volatile seL4_Word *)addr = 0xbad;
    raw_park();
}

/* A child in its own VSpace writing at the address of the root's variable
 * takes a VM fault, delivered to its fault endpoint; the variable keeps
 * its value. */
static void vm_fault_outside_vspace(void)
{
    child_t c;
    seL4_CPtr fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep), vs = child_vspace();
    CHECK(cn && vs);
    if (child_new_in(&c, cn, vs))
        FAIL("child");
    START(&c, touch_child, &victim);
    run_lower();
    seL4_Word mr[4];
    seL4_MessageInfo_t f = take_fault(fault_ep, mr);
    CHECK_EQ(seL4_MessageInfo_get_label(f), seL4_Fault_VMFault);
    CHECK_EQ(mr[VMFAULT_ADDR], (seL4_Word)&victim);
    CHECK_EQ(mr[VMFAULT_IP] >= (seL4_Word)touch_child, 1);
    CHECK_EQ(victim, 0x1234);
}

enum { SRV_EP = 1 };

/* Answers Calls on SRV_EP with MR0 + 1, in registers only (it has no IPC
 * buffer and, in its own VSpace, none of the root's data). */
static void echo_child(seL4_Word unused)
{
    (void)unused;
    seL4_Word mr0 = 0;
    seL4_RecvWithMRs(SRV_EP, NULL, &mr0, NULL, NULL, NULL);
    for (;;) {
        mr0++;
        seL4_ReplyRecvWithMRs(SRV_EP, seL4_MessageInfo_new(0, 0, 0, 1), NULL, &mr0, NULL, NULL, NULL);
    }
}

static void call_child(seL4_Word idx)
{
    seL4_Word mr0 = 41;
    seL4_CallWithMRs(SRV_EP, seL4_MessageInfo_new(0, 0, 0, 1), &mr0, NULL, NULL, NULL);
    res[idx] = mr0;
    park();
}

/* Deleting an ASID pool takes the VSpaces in it away from their threads
 * (they run on the kernel's PML4 and fault), also for a thread the IPC
 * fast path has switched to before, which caches its VSpace check. */
static void vspace_gone_with_asid_pool(void)
{
    child_t srv, c1, c2;
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0), fault_ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12), pool = slot();
    OK(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, pool, DEPTH));
    seL4_CPtr srv_cn = child_cnode(fault_ep), cl_cn = child_cnode(0), vs = child_vspace_in(pool);
    CHECK(srv_cn && cl_cn && vs);
    OK(give(srv_cn, SRV_EP, ep, seL4_AllRights, 0));
    OK(give(cl_cn, SRV_EP, ep, seL4_AllRights, 0));
    if (child_new_in(&srv, srv_cn, vs))
        FAIL("server");
    CHILD(&c1, cl_cn, 0);
    CHILD(&c2, cl_cn, 0);
    START(&srv, echo_child, 0);
    run_lower();
    START(&c1, call_child, 0);
    run_lower();
    CHECK_EQ(res[0], 42);
    seL4_Word mr[4];
    CHECK_EQ(seL4_MessageInfo_get_label(take_fault(fault_ep, mr)), 0);
    OK(seL4_CNode_Delete(ROOT_CNODE, pool, DEPTH));
    START(&c2, call_child, 1);
    run_lower();
    CHECK_EQ(res[1], 0);
    CHECK_EQ(seL4_MessageInfo_get_label(take_fault(fault_ep, mr)), seL4_Fault_VMFault);
}

/* Nor can a thread touch the kernel's half of the address space, which
 * every VSpace maps for the kernel only. */
static void no_kernel_memory(void)
{
    child_t c;
    seL4_Word addr = 0xffffff8000100000ul;   /* the kernel window: the kernel image's first page */
    seL4_CPtr fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep), vs = child_vspace();
    CHECK(cn && vs);
    if (child_new_in(&c, cn, vs))
        FAIL("child");
    START(&c, touch_child, addr);
    run_lower();
    seL4_Word mr[4];
    seL4_MessageInfo_t f = take_fault(fault_ep, mr);
    CHECK_EQ(seL4_MessageInfo_get_label(f), seL4_Fault_VMFault);
    CHECK_EQ(mr[VMFAULT_ADDR], addr);
}

static void write_child(seL4_Word addr)
{
    res[0] = 1;
    *(volatile seL4_Word *)addr = 0xbad;
    res[1] = 1;
    park();
}

/* A read-only frame cap minted with all rights still maps read-only. */
static void frame_rights_not_raised(void)
{
    child_t c;
    seL4_CPtr frame = NEW(seL4_X86_4K, 0), ro = slot(), all = slot();
    seL4_CPtr fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep);
    CHECK(cn);
    OK(seL4_CNode_Copy(ROOT_CNODE, ro, DEPTH, ROOT_CNODE, frame, DEPTH, seL4_CanRead));
    OK(seL4_CNode_Mint(ROOT_CNODE, all, DEPTH, ROOT_CNODE, ro, DEPTH, seL4_AllRights, 0));
    seL4_Word v = 0x30100000;   /* in the scratch page table, clear of scratch_page()'s pages */
    OK(seL4_X86_Page_Map(all, ROOT_VSPACE, v, seL4_AllRights, seL4_X86_Default_VMAttributes));
    CHILD(&c, cn, 0);
    START(&c, write_child, v);
    run_lower();
    CHECK_EQ(res[0], 1);
    CHECK_EQ(res[1], 0);
    seL4_Word mr[4];
    seL4_MessageInfo_t f = take_fault(fault_ep, mr);
    CHECK_EQ(seL4_MessageInfo_get_label(f), seL4_Fault_VMFault);
    CHECK_EQ(mr[VMFAULT_ADDR], v);
    CHECK_EQ(*(volatile seL4_Word *)v, 0);
}

/* ---------------------------------------------------------------- badges and rights */

enum { EP_BADGED = 1, SELF_CNODE = 2, EP_COPY = 3, EP_REMINT = 4 };

static void badge_child(seL4_Word unused)
{
    (void)unused;
    /* SELF_CNODE has the CSpace's guard: depth 64 names a slot */
    res[0] = seL4_CNode_Mint(SELF_CNODE, EP_REMINT, seL4_WordBits, SELF_CNODE, EP_BADGED, seL4_WordBits,
                             seL4_AllRights, 0x99);
    res[1] = seL4_CNode_Copy(SELF_CNODE, EP_COPY, seL4_WordBits, SELF_CNODE, EP_BADGED, seL4_WordBits,
                             seL4_AllRights);
    /* the badge register is the CPtr register on the way in: try to look
     * like badge 0x77 in every message register as well */
    seL4_SendWithMRs(EP_BADGED, seL4_MessageInfo_new(0x77, 0, 0, 4), &(seL4_Word){ 0x77 }, &(seL4_Word){ 0x77 },
                     &(seL4_Word){ 0x77 }, &(seL4_Word){ 0x77 });
    seL4_SendWithMRs(EP_COPY, seL4_MessageInfo_new(0x77, 0, 0, 1), &(seL4_Word){ 2 }, NULL, NULL, NULL);
    res[2] = 1;
    park();
}

/* The receiver sees the badge the cap was minted with, whatever the sender
 * does: a badged cap cannot be minted with another badge, and its copies
 * keep the badge. */
static void badge_unforgeable(void)
{
    child_t c;
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0), fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep);
    CHECK(cn);
    OK(give(cn, EP_BADGED, ep, seL4_CanWrite, 0x42));
    OK(seL4_CNode_Mint(cn, SELF_CNODE, CHILD_BITS, ROOT_CNODE, cn, DEPTH, seL4_AllRights, child_guard()));
    CHILD(&c, cn, 0);
    START(&c, badge_child, 0);
    run_lower();
    CHECK_EQ(res[0], seL4_IllegalOperation);
    CHECK_EQ(res[1], seL4_NoError);
    seL4_Word badge = 0;
    seL4_Recv(ep, &badge);
    CHECK_EQ(badge, 0x42);
    CHECK_EQ(seL4_GetMR(0), 0x77);
    seL4_Recv(ep, &badge);
    CHECK_EQ(badge, 0x42);
    CHECK_EQ(seL4_GetMR(0), 2);
    run_lower();
    CHECK_EQ(res[2], 1);
}

enum { EP_WRITE_ONLY = 1, EP_REMINTED = 3, NTFN_WRITE_ONLY = 4, NTFN_REMINTED = 5 };

static void mint_up_child(seL4_Word which)
{
    seL4_Word src = which ? NTFN_WRITE_ONLY : EP_WRITE_ONLY, dst = which ? NTFN_REMINTED : EP_REMINTED;
    res[which] = seL4_CNode_Mint(SELF_CNODE, dst, seL4_WordBits, SELF_CNODE, src, seL4_WordBits, seL4_AllRights, 0);
    res[2 + which] = 1;
    if (which)
        seL4_Wait(dst, NULL);          /* no Read right: a cap fault */
    else
        seL4_NBRecv(dst, NULL);        /* no Read right: a cap fault, even non-blocking */
    res[4 + which] = 1;
    park();
}

/* Minting a write-only endpoint or notification cap with all rights gives
 * a write-only cap: receiving through it is a cap fault. */
static void rights_not_raised(void)
{
    for (seL4_Word which = 0; which < 2; which++) {
        child_t c;
        seL4_CPtr obj = NEW(which ? seL4_NotificationObject : seL4_EndpointObject, 0);
        seL4_CPtr fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep);
        CHECK(cn);
        OK(give(cn, which ? NTFN_WRITE_ONLY : EP_WRITE_ONLY, obj, seL4_CanWrite, 0));
        OK(seL4_CNode_Mint(cn, SELF_CNODE, CHILD_BITS, ROOT_CNODE, cn, DEPTH, seL4_AllRights, child_guard()));
        CHILD(&c, cn, 0);
        START(&c, mint_up_child, which);
        run_lower();
        CHECK_EQ(res[which], seL4_NoError);
        CHECK_EQ(res[2 + which], 1);
        CHECK_EQ(res[4 + which], 0);
        seL4_Word mr[4];
        seL4_MessageInfo_t f = take_fault(fault_ep, mr);
        CHECK_EQ(seL4_MessageInfo_get_label(f), seL4_Fault_CapFault);
        CHECK_EQ(mr[CAPFAULT_ADDR], which ? NTFN_REMINTED : EP_REMINTED);
        CHECK_EQ(mr[CAPFAULT_IN_RECV], 1);
    }
}

static void recv_child(seL4_Word ep)
{
    seL4_Recv(ep, NULL);
    res[0] = 1;
    park();
}

/* A cap without Read cannot receive, blocking or not. */
static void recv_needs_read(void)
{
    child_t c;
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0), fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep);
    CHECK(cn);
    OK(give(cn, 1, ep, seL4_CapRights_new(1, 1, 0, 1), 0));   /* everything but Read */
    CHILD(&c, cn, 0);
    START(&c, recv_child, 1);
    run_lower();
    seL4_Word mr[4];
    seL4_MessageInfo_t f = take_fault(fault_ep, mr);
    CHECK_EQ(seL4_MessageInfo_get_label(f), seL4_Fault_CapFault);
    CHECK_EQ(mr[CAPFAULT_ADDR], 1);
    CHECK_EQ(mr[CAPFAULT_IN_RECV], 1);
    /* nothing was received, and a send from the root finds no receiver */
    CHECK_EQ(res[0], 0);
    seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
    run_lower();
    CHECK_EQ(res[0], 0);
}

enum { GRANT_EP = 1, NOGRANT_EP = 2, GIFT = 3 };

static void grant_child(seL4_Word unused)
{
    (void)unused;
    seL4_SetCap(0, GIFT);
    seL4_Send(NOGRANT_EP, seL4_MessageInfo_new(1, 0, 1, 0));
    seL4_SetCap(0, GIFT);
    seL4_Send(GRANT_EP, seL4_MessageInfo_new(2, 0, 1, 0));
    park();
}

/* Caps travel in a message only through a cap with Grant. */
static void grant_needed_to_send_caps(void)
{
    child_t c;
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0), gift = NEW(seL4_NotificationObject, 0);
    seL4_CPtr fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep);
    CHECK(cn);
    OK(give(cn, GRANT_EP, ep, seL4_AllRights, 0));
    OK(give(cn, NOGRANT_EP, ep, seL4_CapRights_new(1, 0, 1, 1), 0));
    OK(give(cn, GIFT, gift, seL4_AllRights, 0));
    CHILD(&c, cn, 0);
    START(&c, grant_child, 0);
    seL4_CPtr recv_slot = slot();
    run_lower();
    seL4_SetCapReceivePath(ROOT_CNODE, recv_slot, DEPTH);
    seL4_MessageInfo_t info = seL4_Recv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), 1);
    CHECK_EQ(seL4_MessageInfo_get_extraCaps(info), 0);
    CHECK_EQ(seL4_DebugCapIdentify(recv_slot), 0);
    info = seL4_Recv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), 2);
    CHECK_EQ(seL4_MessageInfo_get_extraCaps(info), 1);
    CHECK_EQ(seL4_DebugCapIdentify(recv_slot), 6);
}

/* ---------------------------------------------------------------- priorities */

static void mcp_child(seL4_Word self)
{
    res[0] = seL4_TCB_SetPriority(self, self, 51);
    res[1] = seL4_TCB_SetPriority(self, self, 255);
    res[2] = seL4_TCB_SetMCPriority(self, self, 60);
    res[3] = seL4_TCB_SetSchedParams(self, self, 255, 255);
    res[4] = seL4_TCB_SetPriority(self, self, 50);   /* at its MCP: allowed */
    res[5] = seL4_TCB_SetMCPriority(self, self, 20); /* lowering: allowed */
    res[6] = seL4_TCB_SetPriority(self, self, 21);   /* now above it */
    res[7] = 1;
    park();
}

/* A thread cannot raise its priority, or its MCP, above its MCP. */
static void priority_above_mcp(void)
{
    child_t c;
    seL4_CPtr fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep);
    CHECK(cn);
    CHILD(&c, cn, 50);
    OK(give(cn, 1, c.tcb, seL4_AllRights, 0));
    START(&c, mcp_child, 1);
    run_lower();
    CHECK_EQ(res[7], 1);
    CHECK_EQ(res[0], seL4_RangeError);
    CHECK_EQ(res[1], seL4_RangeError);
    CHECK_EQ(res[2], seL4_RangeError);
    CHECK_EQ(res[3], seL4_RangeError);
    CHECK_EQ(res[4], seL4_NoError);
    CHECK_EQ(res[5], seL4_NoError);
    CHECK_EQ(res[6], seL4_RangeError);
}

/* ---------------------------------------------------------------- revocation */

/* Revoking a cap deletes every cap derived from it, in every CSpace. */
static void revoke_removes_all_copies(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr cn1 = child_cnode(0), cn2 = child_cnode(0), m1 = slot(), m2 = slot(), probe = slot();
    CHECK(cn1 && cn2);
    OK(seL4_CNode_Mint(ROOT_CNODE, m1, DEPTH, ROOT_CNODE, ep, DEPTH, seL4_AllRights, 5));
    OK(seL4_CNode_Copy(ROOT_CNODE, m2, DEPTH, ROOT_CNODE, m1, DEPTH, seL4_CanWrite));
    OK(give(cn1, 1, ep, seL4_AllRights, 0));
    OK(give(cn1, 2, m1, seL4_CanWrite, 0));
    OK(give(cn2, 1, ep, seL4_AllRights, 7));
    OK(seL4_CNode_Copy(cn2, 2, CHILD_BITS, cn2, 1, CHILD_BITS, seL4_AllRights));
    OK(seL4_CNode_Revoke(ROOT_CNODE, ep, DEPTH));
    CHECK_EQ(seL4_DebugCapIdentify(ep), 4);   /* the revoked cap itself stays */
    CHECK_EQ(seL4_DebugCapIdentify(m1), 0);
    CHECK_EQ(seL4_DebugCapIdentify(m2), 0);
    for (seL4_Word i = 1; i <= 2; i++) {
        CHECK_EQ(seL4_CNode_Move(ROOT_CNODE, probe, DEPTH, cn1, i, CHILD_BITS), seL4_FailedLookup);
        CHECK_EQ(seL4_CNode_Move(ROOT_CNODE, probe, DEPTH, cn2, i, CHILD_BITS), seL4_FailedLookup);
    }
}

static void blocked_recv_child(seL4_Word unused)
{
    (void)unused;
    seL4_Recv(1, NULL);
    res[0] = 1;
    park();
}

/* Revoking an untyped destroys its objects and every cap to them: a thread
 * blocked on a destroyed endpoint is restarted and finds its cap gone. */
static void revoke_untyped_destroys(void)
{
    child_t c;
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12), ep = slot();
    seL4_CPtr fault_ep = NEW(seL4_EndpointObject, 0), cn = child_cnode(fault_ep);
    CHECK(cn);
    OK(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, ep, 1));
    OK(give(cn, 1, ep, seL4_AllRights, 3));
    CHILD(&c, cn, 0);
    START(&c, blocked_recv_child, 0);
    run_lower();
    seL4_Word mr[4];
    CHECK_EQ(seL4_MessageInfo_get_label(take_fault(fault_ep, mr)), 0);   /* blocked, not faulted */
    OK(seL4_CNode_Revoke(ROOT_CNODE, ut, DEPTH));
    CHECK_EQ(seL4_DebugCapIdentify(ep), 0);
    run_lower();
    CHECK_EQ(res[0], 0);
    seL4_MessageInfo_t f = take_fault(fault_ep, mr);
    CHECK_EQ(seL4_MessageInfo_get_label(f), seL4_Fault_CapFault);
    CHECK_EQ(mr[CAPFAULT_ADDR], 1);
    CHECK_EQ(mr[CAPFAULT_IN_RECV], 1);
}

/* ---------------------------------------------------------------- device memory */

/* Device untyped memory can hold frames only, never kernel objects. */
static void device_untyped_no_kernel_objects(void)
{
    seL4_BootInfo *bi = sel4runtime_bootinfo();
    seL4_CPtr dev = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++)
        if (bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= 12 && bi->untypedList[i].sizeBits < 32) {
            dev = bi->untyped.start + i;
            break;
        }
    CHECK(dev);
    static const seL4_Word types[] = { seL4_TCBObject, seL4_EndpointObject, seL4_NotificationObject,
                                       seL4_CapTableObject, seL4_X86_PageTableObject, seL4_X64_PML4Object };
    for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        seL4_CPtr s = slot();
        CHECK_EQ(seL4_Untyped_Retype(dev, types[i], types[i] == seL4_CapTableObject ? 4 : 0, ROOT_CNODE, 0, 0, s, 1),
                 seL4_InvalidArgument);
        CHECK_EQ(seL4_DebugCapIdentify(s), 0);
    }
}

#define T(name) { #name, name }
const test_t isolation_tests[] = {
    T(no_cap_outside_cspace),
    T(vm_fault_outside_vspace),
    T(vspace_gone_with_asid_pool),
    T(no_kernel_memory),
    T(frame_rights_not_raised),
    T(badge_unforgeable),
    T(rights_not_raised),
    T(recv_needs_read),
    T(grant_needed_to_send_caps),
    T(priority_above_mcp),
    T(revoke_removes_all_copies),
    T(revoke_untyped_destroys),
    T(device_untyped_no_kernel_objects),
    { NULL, NULL },
};
