/* TCB invocations. */
#include "kernel.h"

enum {
    UPDATE_SPACE = 1, UPDATE_IPC_BUFFER = 2, UPDATE_PRIORITY = 4, UPDATE_MCP = 8,
};
#define N_FRAME_REGS 18   /* rip .. r15 in seL4_UserContext order */

static inline tcb_t *cap_tcb(cap_t c) { return (tcb_t *)ptr_from_paddr(cap_tcb_paddr(c)); }

static exception_t truncated(const char *what)
{
    userError("%s: Truncated message.", what);
    return SYSCALL_ERROR(seL4_TruncatedMessage);
}

static exception_t illegal(const char *msg)
{
    userError("%s", msg);
    return SYSCALL_ERROR(seL4_IllegalOperation);
}

static exception_t checkPrio(word_t prio, tcb_t *auth)
{
    if (prio > auth->mcp)
        return SYSCALL_RANGE_ERROR(seL4_MinPrio, auth->mcp);
    return EXCEPTION_NONE;
}

static exception_t checkValidIPCBuffer(vptr_t vaddr, cap_t c)
{
    if (cap_get_type(c) != cap_frame)
        return illegal("IPC Buffer is an invalid cap.");
    if (cap_frame_is_device(c))
        return illegal("Specifying a device frame as an IPC buffer is not permitted.");
    if (!IS_ALIGNED(vaddr, IPC_BUFFER_BITS)) {
        userError("IPC Buffer vaddr 0x%x is not aligned.", (int)vaddr);
        return SYSCALL_ERROR(seL4_AlignmentError);
    }
    return EXCEPTION_NONE;
}

/* A CSpace/VSpace root whose deletion could not finish (a zombie, or the
 * last cap of an object that holds caps) must not be replaced. */
static bool slotCapLongRunningDelete(cte_t *slot)
{
    if (cap_is_null(slot->cap) || !isFinalCapability(slot))
        return false;
    switch (cap_get_type(slot->cap)) {
    case cap_thread:
    case cap_zombie:
    case cap_cnode:
        return true;
    default:
        return false;
    }
}

typedef struct thread_control {
    word_t fault_ep, mcp, prio;
    cap_t croot; cte_t *croot_src;
    cap_t vroot; cte_t *vroot_src;
    vptr_t buffer; cap_t buffer_cap; cte_t *buffer_src;
    word_t flags;
} thread_control_t;

static exception_t invokeTCB_ThreadControl(tcb_t *target, cte_t *slot, thread_control_t *tc)
{
    cap_t tcap = cap_set_tcb_paddr(cap_new(cap_thread), paddr_from_pptr(target));
    exception_t e;

    if (tc->flags & UPDATE_SPACE)
        target->fault_handler = tc->fault_ep;
    if (tc->flags & UPDATE_MCP)
        target->mcp = tc->mcp;
    if (tc->flags & UPDATE_PRIORITY)
        setPriority(target, tc->prio);
    if (tc->flags & UPDATE_SPACE) {
        cte_t *root = tcb_cte(target, TCB_CTABLE);
        if ((e = cteDelete(root, true)) != EXCEPTION_NONE)
            return e;
        /* The source or the TCB may have gone during the delete. */
        if (sameObjectAs(tc->croot, tc->croot_src->cap) && sameObjectAs(tcap, slot->cap))
            cteInsert(tc->croot, tc->croot_src, root);
        root = tcb_cte(target, TCB_VTABLE);
        if ((e = cteDelete(root, true)) != EXCEPTION_NONE)
            return e;
        if (sameObjectAs(tc->vroot, tc->vroot_src->cap) && sameObjectAs(tcap, slot->cap))
            cteInsert(tc->vroot, tc->vroot_src, root);
    }
    if (tc->flags & UPDATE_IPC_BUFFER) {
        cte_t *buf = tcb_cte(target, TCB_BUFFER);
        if ((e = cteDelete(buf, true)) != EXCEPTION_NONE)
            return e;
        target->ipc_buffer = tc->buffer;
        if (tc->buffer_src && sameObjectAs(tc->buffer_cap, tc->buffer_src->cap) &&
            sameObjectAs(tcap, slot->cap))
            cteInsert(tc->buffer_cap, tc->buffer_src, buf);
        if (target == ksCurThread)
            rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

static exception_t decodeBuffer(thread_control_t *tc, vptr_t vaddr, cte_t *src)
{
    tc->buffer = vaddr;
    tc->buffer_src = NULL;
    tc->buffer_cap = null_cap;
    if (vaddr == 0)
        return EXCEPTION_NONE;
    derive_cap_ret_t d = deriveCap(src, src->cap);
    if (d.status != EXCEPTION_NONE)
        return d.status;
    exception_t e = checkValidIPCBuffer(vaddr, d.cap);
    if (e != EXCEPTION_NONE)
        return e;
    tc->buffer_cap = d.cap;
    tc->buffer_src = src;
    return EXCEPTION_NONE;
}

static exception_t decodeSpace(thread_control_t *tc, tcb_t *t, word_t croot_data, word_t vroot_data,
                               cte_t *croot_slot, cte_t *vroot_slot, const char *who)
{
    if (slotCapLongRunningDelete(tcb_cte(t, TCB_CTABLE)) || slotCapLongRunningDelete(tcb_cte(t, TCB_VTABLE))) {
        userError("%s: CSpace or VSpace currently being deleted.", who);
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    cap_t c = croot_slot->cap;
    if (croot_data != 0)
        c = updateCapData(false, croot_data, c);
    derive_cap_ret_t d = deriveCap(croot_slot, c);
    if (d.status != EXCEPTION_NONE)
        return d.status;
    if (cap_get_type(d.cap) != cap_cnode) {
        userError("%s: CSpace cap is invalid.", who);
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    tc->croot = d.cap;
    tc->croot_src = croot_slot;

    c = vroot_slot->cap;
    if (vroot_data != 0)
        c = updateCapData(false, vroot_data, c);
    d = deriveCap(vroot_slot, c);
    if (d.status != EXCEPTION_NONE)
        return d.status;
    if (!isValidVTableRoot(d.cap)) {
        userError("%s: VSpace cap is invalid.", who);
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    tc->vroot = d.cap;
    tc->vroot_src = vroot_slot;
    return EXCEPTION_NONE;
}

static exception_t decodeTCBConfigure(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
    extra_caps_t *x = &current_extra_caps;
    if (length < 4 || !x->slots[0] || !x->slots[1] || !x->slots[2])
        return truncated("TCB Configure");
    thread_control_t tc = { .flags = UPDATE_SPACE | UPDATE_IPC_BUFFER };
    tc.fault_ep = getSyscallArg(0, buffer);
    exception_t e = decodeBuffer(&tc, getSyscallArg(3, buffer), x->slots[2]);
    if (e != EXCEPTION_NONE)
        return e;
    e = decodeSpace(&tc, cap_tcb(cap), getSyscallArg(1, buffer), getSyscallArg(2, buffer),
                    x->slots[0], x->slots[1], "TCB Configure");
    if (e != EXCEPTION_NONE)
        return e;
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_ThreadControl(cap_tcb(cap), slot, &tc);
}

static exception_t decodeSetSpace(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
    extra_caps_t *x = &current_extra_caps;
    if (length < 3 || !x->slots[0] || !x->slots[1])
        return truncated("TCB SetSpace");
    thread_control_t tc = { .flags = UPDATE_SPACE };
    tc.fault_ep = getSyscallArg(0, buffer);
    exception_t e = decodeSpace(&tc, cap_tcb(cap), getSyscallArg(1, buffer), getSyscallArg(2, buffer),
                                x->slots[0], x->slots[1], "TCB SetSpace");
    if (e != EXCEPTION_NONE)
        return e;
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_ThreadControl(cap_tcb(cap), slot, &tc);
}

static exception_t decodeSetIPCBuffer(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
    if (length < 1 || !current_extra_caps.slots[0])
        return truncated("TCB SetIPCBuffer");
    thread_control_t tc = { .flags = UPDATE_IPC_BUFFER };
    exception_t e = decodeBuffer(&tc, getSyscallArg(0, buffer), current_extra_caps.slots[0]);
    if (e != EXCEPTION_NONE)
        return e;
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_ThreadControl(cap_tcb(cap), slot, &tc);
}

/* SetPriority, SetMCPriority and SetSchedParams: the authority TCB's MCP
 * bounds the new values. */
static exception_t decodeSched(word_t label, cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
    word_t nargs = label == TCBSetSchedParams ? 2 : 1;
    const char *who = label == TCBSetPriority ? "TCB SetPriority"
                    : label == TCBSetMCPriority ? "TCB SetMCPriority" : "TCB SetSchedParams";
    if (length < nargs || !current_extra_caps.slots[0])
        return truncated(who);
    cap_t auth = current_extra_caps.slots[0]->cap;
    if (cap_get_type(auth) != cap_thread) {
        userError("%s: authority cap not a TCB.", who);
        return SYSCALL_INVALID_CAP(1);
    }
    tcb_t *auth_tcb = cap_tcb(auth);
    thread_control_t tc = { 0 };
    word_t a0 = getSyscallArg(0, buffer), a1 = getSyscallArg(1, buffer);
    exception_t e;
    if (label == TCBSetPriority) {
        tc.prio = a0;
        tc.flags = UPDATE_PRIORITY;
    } else if (label == TCBSetMCPriority) {
        tc.mcp = a0;
        tc.flags = UPDATE_MCP;
    } else {
        tc.mcp = a0;
        tc.prio = a1;
        tc.flags = UPDATE_MCP | UPDATE_PRIORITY;
    }
    if ((tc.flags & UPDATE_MCP) && (e = checkPrio(tc.mcp, auth_tcb)) != EXCEPTION_NONE) {
        userError("%s: Requested maximum controlled priority %lu too high (max %lu).", who, tc.mcp, auth_tcb->mcp);
        return e;
    }
    if ((tc.flags & UPDATE_PRIORITY) && (e = checkPrio(tc.prio, auth_tcb)) != EXCEPTION_NONE) {
        userError("%s: Requested priority %lu too high (max %lu).", who, tc.prio, auth_tcb->mcp);
        return e;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_ThreadControl(cap_tcb(cap), slot, &tc);
}

static exception_t decodeReadRegisters(cap_t cap, word_t length, bool call, word_t *buffer)
{
    if (length < 2)
        return truncated("TCB ReadRegisters");
    word_t flags = getSyscallArg(0, buffer), n = getSyscallArg(1, buffer);
    if (n < 1 || n > N_USER_CONTEXT_WORDS) {
        userError("TCB ReadRegisters: Attempted to read an invalid number of registers (%d).", (int)n);
        return SYSCALL_RANGE_ERROR(1, N_USER_CONTEXT_WORDS);
    }
    tcb_t *src = cap_tcb(cap);
    if (src == ksCurThread)
        return illegal("TCB ReadRegisters: Attempted to read our own registers.");
    setThreadState(ksCurThread, ThreadState_Restart);

    if (flags & 1)
        suspend(src);
    if (call) {
        tcb_t *t = ksCurThread;
        word_t *buf = lookupIPCBuffer(true, t), i, len = 0;
        for (i = 0; i < n; i++)
            len = setMR(t, buf, i, getRegister(src, user_context_order[i]));
        setRegister(t, REG_BADGE, 0);
        setRegister(t, REG_MSGINFO, mi_new(0, 0, 0, len));
    }
    /* The reply is already in place: do not let handleInvocation replace it. */
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

static exception_t decodeWriteRegisters(cap_t cap, word_t length, word_t *buffer)
{
    if (length < 2)
        return truncated("TCB WriteRegisters");
    word_t flags = getSyscallArg(0, buffer), n = getSyscallArg(1, buffer);
    if (length - 2 < n) {
        userError("TCB WriteRegisters: Message too short for requested write size (%d/%d).",
                  (int)(length - 2), (int)n);
        return SYSCALL_ERROR(seL4_TruncatedMessage);
    }
    tcb_t *dest = cap_tcb(cap);
    if (dest == ksCurThread)
        return illegal("TCB WriteRegisters: Attempted to write our own registers.");
    setThreadState(ksCurThread, ThreadState_Restart);

    n = MIN(n, (word_t)N_USER_CONTEXT_WORDS);
    for (word_t i = 0; i < n; i++) {
        int reg = user_context_order[i];
        setRegister(dest, reg, sanitiseRegister(reg, getSyscallArg(i + 2, buffer)));
    }
    setNextPC(dest, getRestartPC(dest));
    dest->ctx.r[REG_ENTRY_KIND] = ENTRY_TRAP;
    if (flags & 1)
        restart(dest);
    return EXCEPTION_NONE;
}

static exception_t decodeCopyRegisters(cap_t cap, word_t length, word_t *buffer)
{
    if (length < 1 || !current_extra_caps.slots[0])
        return truncated("TCB CopyRegisters");
    word_t flags = getSyscallArg(0, buffer);
    cap_t src_cap = current_extra_caps.slots[0]->cap;
    if (cap_get_type(src_cap) != cap_thread) {
        userError("TCB CopyRegisters: Invalid source TCB.");
        return SYSCALL_INVALID_CAP(1);
    }
    tcb_t *src = cap_tcb(src_cap), *dest = cap_tcb(cap);
    setThreadState(ksCurThread, ThreadState_Restart);

    if (flags & BIT(0))
        suspend(src);
    if (flags & BIT(1))
        restart(dest);
    if (flags & BIT(2)) {
        for (int i = 0; i < N_FRAME_REGS; i++)
            setRegister(dest, user_context_order[i], getRegister(src, user_context_order[i]));
        setNextPC(dest, getRestartPC(dest));
    }
    if (flags & BIT(3))
        for (int i = N_FRAME_REGS; i < N_USER_CONTEXT_WORDS; i++)
            setRegister(dest, user_context_order[i], getRegister(src, user_context_order[i]));
    dest->ctx.r[REG_ENTRY_KIND] = ENTRY_TRAP;
    if (dest == ksCurThread)
        rescheduleRequired();
    return EXCEPTION_NONE;
}

static exception_t decodeBindNotification(cap_t cap)
{
    if (!current_extra_caps.slots[0])
        return truncated("TCB BindNotification");
    tcb_t *t = cap_tcb(cap);
    if (t->bound_notification)
        return illegal("TCB BindNotification: TCB already has a bound notification.");
    cap_t nc = current_extra_caps.slots[0]->cap;
    if (cap_get_type(nc) != cap_notification)
        return illegal("TCB BindNotification: Notification is invalid.");
    if (!cap_ntfn_can_receive(nc))
        return illegal("TCB BindNotification: Insufficient access rights");
    notification_t *n = cap_object_ptr(nc);
    if (queue_head((word_t *)n) || n->bound_tcb)
        return illegal("TCB BindNotification: Notification cannot be bound.");
    setThreadState(ksCurThread, ThreadState_Restart);
    bindNotification(t, n);
    return EXCEPTION_NONE;
}

exception_t decodeTCBInvocation(word_t label, word_t length, cap_t cap, cte_t *slot, bool call, word_t *buffer)
{
    tcb_t *t = cap_tcb(cap);
    switch (label) {
    case TCBReadRegisters:
        return decodeReadRegisters(cap, length, call, buffer);
    case TCBWriteRegisters:
        return decodeWriteRegisters(cap, length, buffer);
    case TCBCopyRegisters:
        return decodeCopyRegisters(cap, length, buffer);
    case TCBSuspend:
        setThreadState(ksCurThread, ThreadState_Restart);
        suspend(t);
        return EXCEPTION_NONE;
    case TCBResume:
        setThreadState(ksCurThread, ThreadState_Restart);
        restart(t);
        return EXCEPTION_NONE;
    case TCBConfigure:
        return decodeTCBConfigure(cap, length, slot, buffer);
    case TCBSetPriority:
    case TCBSetMCPriority:
    case TCBSetSchedParams:
        return decodeSched(label, cap, length, slot, buffer);
    case TCBSetIPCBuffer:
        return decodeSetIPCBuffer(cap, length, slot, buffer);
    case TCBSetSpace:
        return decodeSetSpace(cap, length, slot, buffer);
    case TCBBindNotification:
        return decodeBindNotification(cap);
    case TCBUnbindNotification:
        if (!t->bound_notification)
            return illegal("TCB UnbindNotification: TCB already has no bound Notification.");
        setThreadState(ksCurThread, ThreadState_Restart);
        unbindNotification(t);
        return EXCEPTION_NONE;
    case TCBSetTLSBase:
        if (length < 1)
            return truncated("TCB SetTLSBase");
        setThreadState(ksCurThread, ThreadState_Restart);
        setRegister(t, REG_FS_BASE, sanitiseRegister(REG_FS_BASE, getSyscallArg(0, buffer)));
        if (t == ksCurThread)
            rescheduleRequired();
        return EXCEPTION_NONE;
    default:
        /* TCBSetFlags (FPU flags) is not implemented yet: see README. */
        return illegal("TCB: Illegal operation.");
    }
}
