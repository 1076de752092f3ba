/* TCB invocations: Configure, SetPriority/MCPriority/SchedParams (MCP
 * checks against the authority), SetIPCBuffer, SetSpace, Suspend, Resume,
 * Read/Write/CopyRegisters (sanitising), Bind/UnbindNotification,
 * SetTLSBase, and DomainSet. */
#include "test.h"

#define NREGS (sizeof(seL4_UserContext) / sizeof(seL4_Word))

static void waiter_counts(seL4_Word ntfn, seL4_Word idx)
{
    for (;;) {
        seL4_Word badge;
        seL4_Wait(ntfn, &badge);
        g[idx]++;
        g[idx + 1] = badge;
    }
}

static void set_flag(seL4_Word idx, seL4_Word v)
{
    g[idx] = v;
}

static seL4_CPtr new_tcb_with_mcp(seL4_Word mcp)
{
    seL4_CPtr t = new_object(seL4_TCBObject, 0);
    if (t && seL4_TCB_SetMCPriority(t, ROOT_TCB, mcp) != seL4_NoError) {
        test_fail(0, "setup: SetMCPriority failed");
        return 0;
    }
    return t;
}

static void fill_regs(seL4_UserContext *r, seL4_Word base)
{
    seL4_Word *w = (seL4_Word *)r;
    for (unsigned i = 0; i < NREGS; i++)
        w[i] = base + i;
    r->rip = 0x401000 + base;
    r->rsp = 0x7000000 + base * 8;
    r->rflags = 0x202;
    r->fs_base = 0x10000 + base;
    r->gs_base = 0x20000 + base;
}

/* Compare two register sets; returns the index of the first difference or -1. */
static int regs_diff(const seL4_UserContext *a, const seL4_UserContext *b)
{
    const seL4_Word *x = (const seL4_Word *)a, *y = (const seL4_Word *)b;
    for (unsigned i = 0; i < NREGS; i++)
        if (x[i] != y[i])
            return (int)i;
    return -1;
}

/* ---------------------------------------------------------------- Configure */

static void tcb_configure_ok(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr frame;
    seL4_Word va = (seL4_Word)NEW_PAGE(&frame);
    CHECK_OK(seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, ROOT_VSPACE, 0, va, frame));
    /* again, replacing everything */
    CHECK_OK(seL4_TCB_Configure(tcb, 5, ROOT_CNODE, 0, ROOT_VSPACE, 0, va + 1024, frame));
}

static void tcb_configure_cspace_not_cnode(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_TCB_Configure(tcb, 0, ep, 0, ROOT_VSPACE, 0, 0, 0), seL4_IllegalOperation);
}

static void tcb_configure_vspace_not_pml4(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, ROOT_CNODE, 0, 0, 0), seL4_IllegalOperation);
    seL4_CPtr pd = NEW(seL4_X86_PageDirectoryObject, 0);
    CHECK_ERR(seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, pd, 0, 0, 0), seL4_IllegalOperation);
}

static void tcb_configure_vspace_no_asid(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr pml4 = NEW(seL4_X64_PML4Object, 0);
    CHECK_ERR(seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, pml4, 0, 0, 0), seL4_IllegalOperation);
    CHECK_OK(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4));
    CHECK_OK(seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, pml4, 0, 0, 0));
}

static void tcb_configure_buffer_unaligned(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr frame;
    seL4_Word va = (seL4_Word)NEW_PAGE(&frame);
    CHECK_ERR(seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, ROOT_VSPACE, 0, va + 0x200, frame),
              seL4_AlignmentError);
    CHECK_OK(seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, ROOT_VSPACE, 0, va + 0x400, frame));
}

static void tcb_configure_buffer_not_frame(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, ROOT_VSPACE, 0, 0x10000000, ep),
              seL4_IllegalOperation);
    /* buffer address 0: no IPC buffer, the frame cap is not looked at */
    CHECK_OK(seL4_TCB_Configure(tcb, 0, ROOT_CNODE, 0, ROOT_VSPACE, 0, 0, ep));
}

static void tcb_configure_truncated(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr caps[3] = { ROOT_CNODE, ROOT_VSPACE, 0 };
    seL4_Word mrs[4] = { 0, 0, 0, 0 };
    seL4_MessageInfo_t r = raw_call(tcb, TCBConfigure, 4, 2, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(tcb, TCBConfigure, 3, 3, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(tcb, TCBConfigure, 4, 3, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_NoError);
}

static void tcb_configure_cspace_data(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr cn = NEW(seL4_CapTableObject, 8);
    /* guard 56 + radix 8 = 64 bits: fine */
    CHECK_OK(seL4_TCB_Configure(tcb, 0, cn, seL4_CNode_CapData_new(0, 56).words[0], ROOT_VSPACE, 0, 0, 0));
    /* guard 57 + radix 8 > 64: the cap would be invalid */
    CHECK_ERR(seL4_TCB_Configure(tcb, 0, cn, seL4_CNode_CapData_new(0, 57).words[0], ROOT_VSPACE, 0, 0, 0),
              seL4_IllegalOperation);
}

/* ---------------------------------------------------------------- priorities */

static void tcb_set_priority_range(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_OK(seL4_TCB_SetPriority(tcb, ROOT_TCB, 254));
    CHECK_OK(seL4_TCB_SetPriority(tcb, ROOT_TCB, seL4_MaxPrio));
    CHECK_ERR(seL4_TCB_SetPriority(tcb, ROOT_TCB, seL4_MaxPrio + 1), seL4_RangeError);
    CHECK_MR(0, seL4_MinPrio);
    CHECK_MR(1, seL4_MaxPrio);
}

static void tcb_set_priority_above_mcp(void)
{
    seL4_CPtr auth = new_tcb_with_mcp(50);
    CHECK(auth);
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_TCB_SetPriority(tcb, auth, 51), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, 50);
    CHECK_OK(seL4_TCB_SetPriority(tcb, auth, 50));
}

static void tcb_new_thread_mcp_zero(void)
{
    /* a fresh TCB has MCP 0: as an authority it allows priority 0 only */
    seL4_CPtr auth = NEW(seL4_TCBObject, 0);
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_TCB_SetPriority(tcb, auth, 1), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, 0);
    CHECK_OK(seL4_TCB_SetPriority(tcb, auth, 0));
}

static void tcb_set_priority_auth_not_tcb(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_TCB_SetPriority(tcb, ep, 1), seL4_InvalidCapability);
    CHECK_MR(0, 1);
    CHECK_ERR(seL4_TCB_SetMCPriority(tcb, ep, 1), seL4_InvalidCapability);
    CHECK_MR(0, 1);
    CHECK_ERR(seL4_TCB_SetSchedParams(tcb, ep, 1, 1), seL4_InvalidCapability);
    CHECK_MR(0, 1);
}

static void tcb_set_priority_truncated(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_Word mrs[2] = { 10, 10 };
    seL4_CPtr caps[1] = { ROOT_TCB };
    seL4_MessageInfo_t r = raw_call(tcb, TCBSetPriority, 1, 0, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(tcb, TCBSetPriority, 0, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(tcb, TCBSetSchedParams, 1, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void tcb_set_mcp(void)
{
    seL4_CPtr auth = new_tcb_with_mcp(50);
    CHECK(auth);
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_TCB_SetMCPriority(tcb, auth, 51), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, 50);
    CHECK_OK(seL4_TCB_SetMCPriority(tcb, auth, 50));
    /* the new MCP bounds what tcb may grant as an authority */
    seL4_CPtr other = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_TCB_SetPriority(other, tcb, 60), seL4_RangeError);
    CHECK_MR(1, 50);
    CHECK_OK(seL4_TCB_SetPriority(other, tcb, 40));
    /* lowering an MCP is always allowed by a strong authority */
    CHECK_OK(seL4_TCB_SetMCPriority(tcb, ROOT_TCB, 10));
    CHECK_ERR(seL4_TCB_SetPriority(other, tcb, 40), seL4_RangeError);
    CHECK_MR(1, 10);
}

static void tcb_set_sched_params(void)
{
    seL4_CPtr auth = new_tcb_with_mcp(50);
    CHECK(auth);
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_OK(seL4_TCB_SetSchedParams(tcb, ROOT_TCB, 100, 90));
    CHECK_ERR(seL4_TCB_SetSchedParams(tcb, auth, 60, 10), seL4_RangeError);   /* MCP too high */
    CHECK_MR(0, 0);
    CHECK_MR(1, 50);
    CHECK_ERR(seL4_TCB_SetSchedParams(tcb, auth, 10, 60), seL4_RangeError);   /* priority too high */
    CHECK_MR(1, 50);
    CHECK_OK(seL4_TCB_SetSchedParams(tcb, auth, 50, 50));
}

static void tcb_root_mcp_is_max(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_OK(seL4_TCB_SetMCPriority(tcb, ROOT_TCB, seL4_MaxPrio));
    CHECK_ERR(seL4_TCB_SetMCPriority(tcb, ROOT_TCB, seL4_MaxPrio + 1), seL4_RangeError);
    CHECK_MR(1, seL4_MaxPrio);
}

/* ---------------------------------------------------------------- IPC buffer, space */

static void tcb_set_ipc_buffer(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr frame;
    seL4_Word va = (seL4_Word)NEW_PAGE(&frame);
    CHECK_OK(seL4_TCB_SetIPCBuffer(tcb, va, frame));
    CHECK_ERR(seL4_TCB_SetIPCBuffer(tcb, va + 8, frame), seL4_AlignmentError);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_TCB_SetIPCBuffer(tcb, va, ep), seL4_IllegalOperation);
    CHECK_OK(seL4_TCB_SetIPCBuffer(tcb, 0, ep));
}

static void tcb_set_ipc_buffer_device_frame(void)
{
    seL4_CPtr dut = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++)
        if (bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= 12) {
            dut = bi->untyped.start + i;
            break;
        }
    CHECK_MSG(dut, "no device untyped");
    seL4_CPtr f = slot_alloc();
    CHECK_OK(seL4_Untyped_Retype(dut, seL4_X86_4K, 0, ROOT_CNODE, 0, 0, f, 1));
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_TCB_SetIPCBuffer(tcb, 0x10000000, f), seL4_IllegalOperation);
}

static void tcb_set_ipc_buffer_truncated(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_Word mrs[1] = { 0 };
    seL4_CPtr caps[1] = { 0 };
    seL4_MessageInfo_t r = raw_call(tcb, TCBSetIPCBuffer, 0, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(tcb, TCBSetIPCBuffer, 1, 0, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void tcb_set_space(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_OK(seL4_TCB_SetSpace(tcb, 0, ROOT_CNODE, 0, ROOT_VSPACE, 0));
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_TCB_SetSpace(tcb, 0, ep, 0, ROOT_VSPACE, 0), seL4_IllegalOperation);
    CHECK_ERR(seL4_TCB_SetSpace(tcb, 0, ROOT_CNODE, 0, ep, 0), seL4_IllegalOperation);
    seL4_CPtr caps[2] = { ROOT_CNODE, ROOT_VSPACE };
    seL4_Word mrs[3] = { 0, 0, 0 };
    seL4_MessageInfo_t r = raw_call(tcb, TCBSetSpace, 3, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(tcb, TCBSetSpace, 2, 2, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

/* ---------------------------------------------------------------- suspend / resume */

static void tcb_suspend_resume(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 1);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, waiter_counts, n, 0);
    seL4_Signal(nb);
    run_lower();
    CHECK_EQ(g[0], 1);
    CHECK_OK(seL4_TCB_Suspend(t.tcb));
    seL4_Signal(nb);
    run_lower();
    CHECK_EQ(g[0], 1);             /* suspended: the signal stays pending */
    CHECK_OK(seL4_TCB_Resume(t.tcb));
    run_lower();
    CHECK_EQ(g[0], 2);             /* it waits again and takes the pending signal */
    CHECK_OK(seL4_TCB_Suspend(t.tcb));
    CHECK_OK(seL4_TCB_Suspend(t.tcb));   /* suspending an inactive thread is fine */
}

static void tcb_invoke_with_send(void)
{
    /* an invocation made with Send or NBSend has its effect but no reply */
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 1);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, waiter_counts, n, 0);
    run_lower();
    seL4_Word m0 = 0x77, m1 = 0, m2 = 0, m3 = 0;
    seL4_SendWithMRs(t.tcb, seL4_MessageInfo_new(TCBSuspend, 0, 0, 0), &m0, &m1, &m2, &m3);
    seL4_Signal(nb);
    run_lower();
    CHECK_EQ(g[0], 0);                   /* suspended */
    seL4_NBSendWithMRs(t.tcb, seL4_MessageInfo_new(TCBResume, 0, 0, 0), &m0, &m1, &m2, &m3);
    run_lower();
    CHECK_EQ(g[0], 1);
    /* an error through Send is silent */
    seL4_SendWithMRs(t.tcb, seL4_MessageInfo_new(CNodeCopy, 0, 0, 0), &m0, &m1, &m2, &m3);
    seL4_SendWithMRs(slot_alloc(), seL4_MessageInfo_new(TCBSuspend, 0, 0, 0), &m0, &m1, &m2, &m3);
}

static void tcb_resume_not_started(void)
{
    /* WriteRegisters without resume leaves the thread inactive */
    thread_t t;
    THREAD(&t, 10, 0);
    seL4_UserContext regs;
    thread_regs(&t, &regs, (thread_fn_t)set_flag, 3, 7);
    CHECK_OK(seL4_TCB_WriteRegisters(t.tcb, 0, 0, NREGS, &regs));
    run_lower();
    CHECK_EQ(g[3], 0);
    CHECK_OK(seL4_TCB_Resume(t.tcb));
    run_lower();
    CHECK_EQ(g[3], 7);
}

static void tcb_delete_running_thread(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 2);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, waiter_counts, n, 0);
    run_lower();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, t.tcb, DEPTH));
    seL4_Signal(nb);
    run_lower();
    CHECK_EQ(g[0], 0);
    seL4_Word badge = 0;
    seL4_Poll(n, &badge);
    CHECK_EQ(badge, 2);           /* the dead thread is no longer queued */
}

static void delete_own_tcb(seL4_Word self_slot, seL4_Word unused)
{
    (void)unused;
    g[0] = 1;
    seL4_CNode_Delete(ROOT_CNODE, self_slot, DEPTH);
    g[1] = 1;    /* never reached: the thread is gone */
}

static void tcb_delete_self(void)
{
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, delete_own_tcb, t.tcb, 0);
    run_lower();
    CHECK_EQ(g[0], 1);
    CHECK_EQ(g[1], 0);
    CHECK_EQ(cap_type(t.tcb), CT_NULL);
    /* and the kernel carries on: another thread runs fine */
    thread_t u;
    THREAD(&u, 10, 0);
    START(&u, set_flag, 2, 5);
    run_lower();
    CHECK_EQ(g[2], 5);
}

/* ---------------------------------------------------------------- registers */

static void tcb_read_write_registers(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_UserContext w, r;
    fill_regs(&w, 1);
    CHECK_OK(seL4_TCB_WriteRegisters(tcb, 0, 0, NREGS, &w));
    memset(&r, 0, sizeof(r));
    CHECK_OK(seL4_TCB_ReadRegisters(tcb, 0, 0, NREGS, &r));
    int d = regs_diff(&w, &r);
    CHECK_MSG(d < 0, "register %d read back %#lx, wrote %#lx", d, ((seL4_Word *)&r)[d], ((seL4_Word *)&w)[d]);
}

static void tcb_read_registers_count(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_UserContext r;
    CHECK_ERR(seL4_TCB_ReadRegisters(tcb, 0, 0, 0, &r), seL4_RangeError);
    CHECK_MR(0, 1);
    CHECK_MR(1, NREGS);
    CHECK_ERR(seL4_TCB_ReadRegisters(tcb, 0, 0, NREGS + 1, &r), seL4_RangeError);
    CHECK_MR(0, 1);
    CHECK_MR(1, NREGS);
}

static void tcb_read_registers_partial(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_UserContext w;
    fill_regs(&w, 3);
    CHECK_OK(seL4_TCB_WriteRegisters(tcb, 0, 0, NREGS, &w));
    seL4_Word mrs[2] = { 0, 3 };
    seL4_MessageInfo_t r = raw_call(tcb, TCBReadRegisters, 2, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), 0);
    CHECK_EQ(seL4_MessageInfo_get_length(r), 3);
    CHECK_MR(0, w.rip);
    CHECK_MR(1, w.rsp);
    CHECK_MR(2, w.rflags);
}

static void tcb_read_registers_self(void)
{
    seL4_UserContext r;
    CHECK_ERR(seL4_TCB_ReadRegisters(ROOT_TCB, 0, 0, NREGS, &r), seL4_IllegalOperation);
}

static void tcb_write_registers_self(void)
{
    seL4_UserContext r;
    memset(&r, 0, sizeof(r));
    CHECK_ERR(seL4_TCB_WriteRegisters(ROOT_TCB, 0, 0, NREGS, &r), seL4_IllegalOperation);
}

static void tcb_write_registers_truncated(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_Word mrs[22] = { 0, 20 };
    seL4_MessageInfo_t r = raw_call(tcb, TCBWriteRegisters, 10, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(tcb, TCBWriteRegisters, 1, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void tcb_write_registers_partial(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_UserContext w, w2, r;
    fill_regs(&w, 5);
    CHECK_OK(seL4_TCB_WriteRegisters(tcb, 0, 0, NREGS, &w));
    fill_regs(&w2, 40);
    CHECK_OK(seL4_TCB_WriteRegisters(tcb, 0, 0, 2, &w2));   /* rip and rsp only */
    CHECK_OK(seL4_TCB_ReadRegisters(tcb, 0, 0, NREGS, &r));
    CHECK_EQ(r.rip, w2.rip);
    CHECK_EQ(r.rsp, w2.rsp);
    w.rip = w2.rip;
    w.rsp = w2.rsp;
    int d = regs_diff(&w, &r);
    CHECK_MSG(d < 0, "register %d changed to %#lx", d, ((seL4_Word *)&r)[d]);
}

static seL4_Word written_back(seL4_CPtr tcb, unsigned idx, seL4_Word v, seL4_Error *err)
{
    seL4_UserContext w, r;
    fill_regs(&w, 9);
    ((seL4_Word *)&w)[idx] = v;
    *err = seL4_TCB_WriteRegisters(tcb, 0, 0, NREGS, &w);
    if (*err == seL4_NoError)
        *err = seL4_TCB_ReadRegisters(tcb, 0, 0, NREGS, &r);
    return ((seL4_Word *)&r)[idx];
}

#define IDX(field) (offsetof(seL4_UserContext, field) / sizeof(seL4_Word))

static void tcb_write_rflags_sanitised(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_Error e;
    /* seL4: (v | bit 1 | IF) & (bits 0..11 without TF, bit 3, bit 5) */
    seL4_Word v = written_back(tcb, IDX(rflags), 0xffffffffffffffff, &e);
    CHECK_OK(e);
    CHECK_EQ(v, 0xed7);
    v = written_back(tcb, IDX(rflags), 0, &e);
    CHECK_EQ(v, 0x202);
    v = written_back(tcb, IDX(rflags), 0x100 | 0x4000 | 0x3000 | 0x40000, &e);   /* TF, NT, IOPL, AC */
    CHECK_EQ(v, 0x202);
    v = written_back(tcb, IDX(rflags), 0x8d5, &e);   /* arithmetic flags, DF, OF kept */
    CHECK_EQ(v, 0xad7);
}

static void tcb_write_rip_noncanonical(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_Error e;
    CHECK_EQ(written_back(tcb, IDX(rip), 0x0000800000000000, &e), 0);
    CHECK_OK(e);
    CHECK_EQ(written_back(tcb, IDX(rip), 0xffff7fffffffffff, &e), 0);
    CHECK_EQ(written_back(tcb, IDX(fs_base), 0x8000000000000000, &e), 0);
    CHECK_EQ(written_back(tcb, IDX(gs_base), 0x0000900000000000, &e), 0);
    /* other registers are not checked */
    CHECK_EQ(written_back(tcb, IDX(rsp), 0x8000000000000000, &e), 0x8000000000000000);
    CHECK_EQ(written_back(tcb, IDX(rax), 0x0000800000000000, &e), 0x0000800000000000);
}

static void tcb_write_rip_canonical_kept(void)
{
    /* seL4 zeroes only non-canonical addresses: the top of the lower half
     * and the upper half are kept (the thread faults when it runs there) */
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_Error e;
    CHECK_EQ(written_back(tcb, IDX(rip), 0x00007ffffffffff0, &e), 0x00007ffffffffff0);
    CHECK_OK(e);
    CHECK_EQ(written_back(tcb, IDX(rip), 0xffff800000000000, &e), 0xffff800000000000);
    CHECK_EQ(written_back(tcb, IDX(fs_base), 0xffffffff80000000, &e), 0xffffffff80000000);
}

static void tcb_copy_registers(void)
{
    seL4_CPtr a = NEW(seL4_TCBObject, 0);
    seL4_CPtr b = NEW(seL4_TCBObject, 0);
    seL4_UserContext wa, wb, r;
    fill_regs(&wa, 11);
    fill_regs(&wb, 70);
    CHECK_OK(seL4_TCB_WriteRegisters(a, 0, 0, NREGS, &wa));
    CHECK_OK(seL4_TCB_WriteRegisters(b, 0, 0, NREGS, &wb));
    CHECK_OK(seL4_TCB_CopyRegisters(b, a, 0, 0, 1, 1, 0));
    CHECK_OK(seL4_TCB_ReadRegisters(b, 0, 0, NREGS, &r));
    int d = regs_diff(&wa, &r);
    CHECK_MSG(d < 0, "register %d: %#lx, source had %#lx", d, ((seL4_Word *)&r)[d], ((seL4_Word *)&wa)[d]);
}

static void tcb_copy_registers_subsets(void)
{
    seL4_CPtr a = NEW(seL4_TCBObject, 0);
    seL4_CPtr b = NEW(seL4_TCBObject, 0);
    seL4_UserContext wa, wb, r;
    fill_regs(&wa, 11);
    fill_regs(&wb, 70);
    CHECK_OK(seL4_TCB_WriteRegisters(a, 0, 0, NREGS, &wa));
    CHECK_OK(seL4_TCB_WriteRegisters(b, 0, 0, NREGS, &wb));
    /* frame registers only: rip..r15, not fs/gs base */
    CHECK_OK(seL4_TCB_CopyRegisters(b, a, 0, 0, 1, 0, 0));
    CHECK_OK(seL4_TCB_ReadRegisters(b, 0, 0, NREGS, &r));
    CHECK_EQ(r.rip, wa.rip);
    CHECK_EQ(r.r15, wa.r15);
    CHECK_EQ(r.fs_base, wb.fs_base);
    CHECK_EQ(r.gs_base, wb.gs_base);
    /* integer (gp) registers only: fs/gs base */
    CHECK_OK(seL4_TCB_WriteRegisters(b, 0, 0, NREGS, &wb));
    CHECK_OK(seL4_TCB_CopyRegisters(b, a, 0, 0, 0, 1, 0));
    CHECK_OK(seL4_TCB_ReadRegisters(b, 0, 0, NREGS, &r));
    CHECK_EQ(r.rip, wb.rip);
    CHECK_EQ(r.rax, wb.rax);
    CHECK_EQ(r.fs_base, wa.fs_base);
    CHECK_EQ(r.gs_base, wa.gs_base);
}

static void tcb_copy_registers_bad_source(void)
{
    seL4_CPtr b = NEW(seL4_TCBObject, 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_TCB_CopyRegisters(b, ep, 0, 0, 1, 1, 0), seL4_InvalidCapability);
    CHECK_MR(0, 1);
    seL4_Word mrs[1] = { 0xf };
    seL4_MessageInfo_t r = raw_call(b, TCBCopyRegisters, 1, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void tcb_copy_registers_suspend_source(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 1);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, waiter_counts, n, 0);
    run_lower();
    seL4_CPtr b = NEW(seL4_TCBObject, 0);
    CHECK_OK(seL4_TCB_CopyRegisters(b, t.tcb, 1, 0, 0, 0, 0));
    seL4_Signal(nb);
    run_lower();
    CHECK_EQ(g[0], 0);
}

static void tcb_copy_registers_resume_target(void)
{
    /* a template TCB holds a start state; copying it into a fresh thread
     * with resume_target starts that thread */
    thread_t t;
    THREAD(&t, 10, 0);
    seL4_CPtr tmpl = NEW(seL4_TCBObject, 0);
    seL4_UserContext regs;
    thread_regs(&t, &regs, (thread_fn_t)set_flag, 5, 0x55);
    CHECK_OK(seL4_TCB_WriteRegisters(tmpl, 0, 0, NREGS, &regs));
    CHECK_OK(seL4_TCB_CopyRegisters(t.tcb, tmpl, 0, 1, 1, 1, 0));
    run_lower();
    CHECK_EQ(g[5], 0x55);
}

static void spin_count(seL4_Word stop, seL4_Word counter)
{
    while (!g[stop])
        g[counter]++;
}

static void tcb_registers_of_preempted_thread(void)
{
    /* a thread preempted by the timer: its registers show where it was,
     * and WriteRegisters moves it elsewhere without a resume */
    thread_t t;
    THREAD(&t, 50, 0);
    set_root_prio(50);
    START(&t, spin_count, 7, 8);
    seL4_Word t0 = rdtsc();
    while (g[8] == 0 && rdtsc() - t0 < 3000000000ul)
        seL4_Yield();
    CHECK(g[8] > 0);
    seL4_UserContext r;
    CHECK_OK(seL4_TCB_ReadRegisters(t.tcb, 0, 0, NREGS, &r));
    CHECK_MSG(r.rip >= (seL4_Word)spin_count && r.rip < (seL4_Word)spin_count + 64,
              "rip %#lx, spin loop at %#lx", r.rip, (seL4_Word)spin_count);
    CHECK(r.rsp < t.stack_top && r.rsp > t.stack_top - 256);
    CHECK_EQ(r.fs_base, t.tls_base);
    seL4_UserContext n;
    thread_regs(&t, &n, (thread_fn_t)set_flag, 9, 1);
    CHECK_OK(seL4_TCB_WriteRegisters(t.tcb, 0, 0, NREGS, &n));
    t0 = rdtsc();
    while (g[9] == 0 && rdtsc() - t0 < 3000000000ul)
        seL4_Yield();
    set_root_prio(seL4_MaxPrio);
    CHECK_EQ(g[9], 1);
    seL4_Word c = g[8];
    run_lower();
    CHECK_EQ(g[8], c);          /* the spin loop is gone */
}

static void tcb_read_registers_suspend_source(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 1);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, waiter_counts, n, 0);
    run_lower();
    seL4_UserContext r;
    CHECK_OK(seL4_TCB_ReadRegisters(t.tcb, 1, 0, NREGS, &r));
    CHECK_EQ(r.fs_base, t.tls_base);
    CHECK(r.rsp < t.stack_top && r.rsp > t.stack_top - 16384);
    seL4_Signal(nb);
    run_lower();
    CHECK_EQ(g[0], 0);
}

/* ---------------------------------------------------------------- notifications */

static void tcb_bind_unbind(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_OK(seL4_TCB_BindNotification(tcb, n));
    CHECK_ERR(seL4_TCB_BindNotification(tcb, n), seL4_IllegalOperation);   /* already bound */
    CHECK_OK(seL4_TCB_UnbindNotification(tcb));
    CHECK_ERR(seL4_TCB_UnbindNotification(tcb), seL4_IllegalOperation);    /* nothing bound */
    CHECK_OK(seL4_TCB_BindNotification(tcb, n));
}

static void tcb_bind_ntfn_bound_elsewhere(void)
{
    seL4_CPtr t1 = NEW(seL4_TCBObject, 0);
    seL4_CPtr t2 = NEW(seL4_TCBObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_OK(seL4_TCB_BindNotification(t1, n));
    CHECK_ERR(seL4_TCB_BindNotification(t2, n), seL4_IllegalOperation);
    CHECK_OK(seL4_TCB_UnbindNotification(t1));
    CHECK_OK(seL4_TCB_BindNotification(t2, n));
}

static void tcb_bind_not_ntfn(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_TCB_BindNotification(tcb, ep), seL4_IllegalOperation);
    seL4_Word mrs[1] = { 0 };
    seL4_MessageInfo_t r = raw_call(tcb, TCBBindNotification, 0, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void tcb_bind_needs_read(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr wo = COPY(n, seL4_CanWrite);
    CHECK_ERR(seL4_TCB_BindNotification(tcb, wo), seL4_IllegalOperation);
    seL4_CPtr ro = COPY(n, seL4_CanRead);
    CHECK_OK(seL4_TCB_BindNotification(tcb, ro));
}

static void tcb_bind_ntfn_with_waiter(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, waiter_counts, n, 0);
    run_lower();
    seL4_CPtr other = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_TCB_BindNotification(other, n), seL4_IllegalOperation);
}

static void tcb_set_tls_base(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_OK(seL4_TCB_SetTLSBase(tcb, 0x1234000));
    seL4_UserContext r;
    CHECK_OK(seL4_TCB_ReadRegisters(tcb, 0, 0, NREGS, &r));
    CHECK_EQ(r.fs_base, 0x1234000);
    seL4_Word mrs[1] = { 0 };
    seL4_MessageInfo_t m = raw_call(tcb, TCBSetTLSBase, 0, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(m), seL4_TruncatedMessage);
}

static void read_fs0(seL4_Word idx, seL4_Word unused)
{
    (void)unused;
    seL4_Word v;
    __asm__ volatile("movq %%fs:0, %0" : "=r"(v));
    g[idx] = v;
}

static void tcb_tls_base_used_by_thread(void)
{
    /* the thread sees its TLS base through %fs */
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, read_fs0, 4, 0);
    run_lower();
    CHECK_EQ(g[4], t.tls_base);
}

static void tcb_illegal_label(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_Word mrs[6] = { 0 };
    seL4_MessageInfo_t r = raw_call(tcb, CNodeCopy, 6, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
    r = raw_call(tcb, 0, 0, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
}

static void tcb_domain_set(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    CHECK_OK(seL4_DomainSet_Set(seL4_CapDomain, 0, tcb));
    CHECK_ERR(seL4_DomainSet_Set(seL4_CapDomain, 1, tcb), seL4_InvalidArgument);
    CHECK_MR(0, 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_DomainSet_Set(seL4_CapDomain, 0, ep), seL4_InvalidArgument);
    CHECK_MR(0, 1);
}

static void write_regs_raw(seL4_Word target, seL4_Word count)
{
    /* WriteRegisters(target, resume 0, count, rip = 0x401000, rsp = 0x1000,
     * rflags = 0x202) with only the message registers in CPU registers */
    seL4_Word m0 = 0, m1 = count, m2 = 0x401000, m3 = 0x1000;
    seL4_MessageInfo_t r = seL4_CallWithMRs(target, seL4_MessageInfo_new(TCBWriteRegisters, 0, 0, 2 + count),
                                            &m0, &m1, &m2, &m3);
    g[count] = seL4_MessageInfo_get_label(r) + 1;
}

static void tcb_no_ipc_buffer_truncates(void)
{
    /* without an IPC buffer an invocation has only the four register MRs */
    seL4_CPtr target = NEW(seL4_TCBObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    CHECK_OK(seL4_TCB_SetIPCBuffer(t.tcb, 0, 0));
    START(&t, write_regs_raw, target, 2);
    run_lower();
    CHECK_EQ(g[2], seL4_NoError + 1);
    THREAD(&t, 10, 0);
    CHECK_OK(seL4_TCB_SetIPCBuffer(t.tcb, 0, 0));
    START(&t, write_regs_raw, target, 3);
    run_lower();
    CHECK_EQ(g[3], seL4_TruncatedMessage + 1);
    seL4_UserContext r;
    CHECK_OK(seL4_TCB_ReadRegisters(target, 0, 0, 3, &r));
    CHECK_EQ(r.rip, 0x401000);
    CHECK_EQ(r.rsp, 0x1000);
}

const test_case_t tcb_tests[] = {
    TEST(tcb, configure_ok),
    TEST(tcb, configure_cspace_not_cnode),
    TEST(tcb, configure_vspace_not_pml4),
    TEST(tcb, configure_vspace_no_asid),
    TEST(tcb, configure_buffer_unaligned),
    TEST(tcb, configure_buffer_not_frame),
    TEST(tcb, configure_truncated),
    TEST(tcb, configure_cspace_data),
    TEST(tcb, set_priority_range),
    TEST(tcb, set_priority_above_mcp),
    TEST(tcb, new_thread_mcp_zero),
    TEST(tcb, set_priority_auth_not_tcb),
    TEST(tcb, set_priority_truncated),
    TEST(tcb, set_mcp),
    TEST(tcb, set_sched_params),
    TEST(tcb, root_mcp_is_max),
    TEST(tcb, set_ipc_buffer),
    TEST(tcb, set_ipc_buffer_device_frame),
    TEST(tcb, set_ipc_buffer_truncated),
    TEST(tcb, set_space),
    TEST(tcb, suspend_resume),
    TEST(tcb, invoke_with_send),
    TEST(tcb, resume_not_started),
    TEST(tcb, delete_running_thread),
    TEST(tcb, delete_self),
    TEST(tcb, read_write_registers),
    TEST(tcb, read_registers_count),
    TEST(tcb, read_registers_partial),
    TEST(tcb, read_registers_self),
    TEST(tcb, write_registers_self),
    TEST(tcb, write_registers_truncated),
    TEST(tcb, write_registers_partial),
    TEST(tcb, write_rflags_sanitised),
    TEST(tcb, write_rip_noncanonical),
    TEST(tcb, write_rip_canonical_kept),
    TEST(tcb, copy_registers),
    TEST(tcb, copy_registers_subsets),
    TEST(tcb, copy_registers_bad_source),
    TEST(tcb, copy_registers_suspend_source),
    TEST(tcb, copy_registers_resume_target),
    TEST(tcb, read_registers_suspend_source),
    TEST(tcb, registers_of_preempted_thread),
    TEST(tcb, bind_unbind),
    TEST(tcb, bind_ntfn_bound_elsewhere),
    TEST(tcb, bind_not_ntfn),
    TEST(tcb, bind_needs_read),
    TEST(tcb, bind_ntfn_with_waiter),
    TEST(tcb, set_tls_base),
    TEST(tcb, tls_base_used_by_thread),
    TEST(tcb, illegal_label),
    TEST(tcb, domain_set),
    TEST(tcb, no_ipc_buffer_truncates),
    TESTS_END,
};
