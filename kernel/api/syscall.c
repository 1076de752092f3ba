/* Kernel entry: the syscall path from trap to handler.
 *
 * arch/x86_64 saves the user registers and calls syscall_handlers[] for
 * the numbers -1..-8, seL4's IPC syscalls, and c_handle_syscall() for
 * everything else: a debug syscall or an unknown-syscall fault (debug.c). Every entry
 * ends the same way: schedule(), activateThread(), back to user space. */
#include "kernel.h"
#include "invariants.h"

exception_t decodeCNodeInvocation(word_t label, word_t length, cap_t cap, word_t *buffer);
exception_t decodeUntypedInvocation(word_t label, word_t length, cte_t *slot, cap_t cap, word_t *buffer);
exception_t decodeTCBInvocation(word_t label, word_t length, cap_t cap, cte_t *slot, bool call, word_t *buffer);
exception_t decodeIRQControlInvocation(word_t label, word_t length, cte_t *slot, word_t *buffer);
exception_t decodeIRQHandlerInvocation(word_t label, word_t irq);
exception_t decodeDomainInvocation(word_t label, word_t length, word_t *buffer);
void handleUnknownSyscall(word_t sysno);

static exception_t invalid_cap(const char *what, cptr_t cptr)
{
    userError("Attempted to invoke %s #%lu.", what, cptr);
    return SYSCALL_INVALID_CAP(0);
}

static exception_t decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                                    bool block, bool call, word_t *buffer)
{
    if (cap_get_type(cap) & 1)
        return arch_decode_invocation(label, length, cptr, slot, cap, call, buffer);

    switch (cap_get_type(cap)) {
    case cap_null:
        return invalid_cap("a null cap", cptr);
    case cap_zombie:
        return invalid_cap("a zombie cap", cptr);
    case cap_endpoint:
        if (!cap_ep_can_send(cap))
            return invalid_cap("a read-only endpoint cap", cptr);
        setThreadState(ksCurThread, ThreadState_Restart);
        sendIPC(block, call, cap_ep_badge(cap), cap_ep_can_grant(cap), cap_ep_can_grant_reply(cap),
                ksCurThread, ptr_from_paddr(cap_ep_paddr(cap)));
        return EXCEPTION_NONE;
    case cap_notification:
        if (!cap_ntfn_can_send(cap))
            return invalid_cap("a read-only notification cap", cptr);
        setThreadState(ksCurThread, ThreadState_Restart);
        sendSignal(ptr_from_paddr(cap_ntfn_paddr(cap)), cap_ntfn_badge(cap));
        return EXCEPTION_NONE;
    case cap_reply:
        if (cap_reply_master(cap))
            return invalid_cap("an invalid reply cap", cptr);
        setThreadState(ksCurThread, ThreadState_Restart);
        doReplyTransfer(ksCurThread, ptr_from_paddr(cap_reply_tcb_paddr(cap)), slot, cap_reply_can_grant(cap));
        return EXCEPTION_NONE;
    case cap_thread:
        return decodeTCBInvocation(label, length, cap, slot, call, buffer);
    case cap_domain:
        return decodeDomainInvocation(label, length, buffer);
    case cap_cnode:
        return decodeCNodeInvocation(label, length, cap, buffer);
    case cap_untyped:
        return decodeUntypedInvocation(label, length, slot, cap, buffer);
    case cap_irq_control:
        return decodeIRQControlInvocation(label, length, slot, buffer);
    case cap_irq_handler:
        return decodeIRQHandlerInvocation(label, cap_irq(cap));
    default:
        return invalid_cap("an unknown cap", cptr);
    }
}

static void handleInvocation(bool is_call, bool is_blocking)
{
    tcb_t *t = ksCurThread;
    word_t info = getRegister(t, REG_MSGINFO);
    cptr_t cptr = getRegister(t, REG_CAP);

    lookup_cap_slot_ret_t l = lookupCapAndSlot(t, cptr);
    if (unlikely(l.status != EXCEPTION_NONE)) {
        userError("Invocation of invalid cap #%lu.", cptr);
        current_fault.type = fault_cap;
        current_fault.w[0] = cptr;
        current_fault.w[1] = 0;
        if (is_blocking)
            handleFault(t);
        return;
    }
    word_t *buffer = lookupIPCBuffer(false, t);
    if (unlikely(lookupExtraCaps(t, buffer, info) != EXCEPTION_NONE)) {
        userError("Lookup of extra caps failed.");
        if (is_blocking)
            handleFault(t);
        return;
    }
    word_t length = MIN(mi_length(info), seL4_MsgMaxLength);
    if (unlikely(length > N_MSG_REGS && !buffer))
        length = N_MSG_REGS;

    exception_t status = decodeInvocation(mi_label(info), length, cptr, l.slot, l.cap, is_blocking,
                                          is_call, buffer);
    if (unlikely(status == EXCEPTION_SYSCALL_ERROR)) {
        if (is_call)
            replyFromKernel_error(t);
        return;
    }
    if (unlikely(t->state == ThreadState_Restart)) {
        if (is_call)
            replyFromKernel_success_empty(t);
        setThreadState(t, ThreadState_Running);
    }
}

static void recv_cap_fault(tcb_t *t, cptr_t cptr)
{
    current_lookup_fault.type = lookup_missing_cap;
    current_lookup_fault.bits_left = 0;
    current_fault.type = fault_cap;
    current_fault.w[0] = cptr;
    current_fault.w[1] = 1;   /* in receive phase */
    handleFault(t);
}

static void handleRecv(bool is_blocking)
{
    tcb_t *t = ksCurThread;
    cptr_t cptr = getRegister(t, REG_CAP);
    lookup_cap_ret_t l = lookupCap(t, cptr);

    if (unlikely(l.status != EXCEPTION_NONE)) {
        current_fault.type = fault_cap;
        current_fault.w[0] = cptr;
        current_fault.w[1] = 1;
        handleFault(t);
        return;
    }
    switch (cap_get_type(l.cap)) {
    case cap_endpoint:
        if (unlikely(!cap_ep_can_receive(l.cap))) {
            recv_cap_fault(t, cptr);
            return;
        }
        deleteCallerCap(t);
        receiveIPC(t, l.cap, is_blocking);
        return;
    case cap_notification: {
        notification_t *n = ptr_from_paddr(cap_ntfn_paddr(l.cap));
        if (unlikely(!cap_ntfn_can_receive(l.cap) || (n->bound_tcb && n->bound_tcb != t))) {
            recv_cap_fault(t, cptr);
            return;
        }
        receiveSignal(t, l.cap, is_blocking);
        return;
    }
    default:
        recv_cap_fault(t, cptr);
        return;
    }
}

static void handleReply(void)
{
    cte_t *slot = tcb_cte(ksCurThread, TCB_CALLER);
    cap_t c = slot->cap;
    if (cap_get_type(c) == cap_reply && !cap_reply_master(c))
        doReplyTransfer(ksCurThread, ptr_from_paddr(cap_reply_tcb_paddr(c)), slot, cap_reply_can_grant(c));
}

/* The end of every entry: act on the scheduler's decision, if any, and
 * return to whichever thread is current. */
static FORCE_INLINE NORETURN void return_to_user(void)
{
    if (unlikely(ksSchedulerAction != SCHEDULER_ACTION_RESUME_CURRENT))
        schedule();
    if (unlikely(ksCurThread->state == ThreadState_Restart))
        activateThread();
    check_invariants();
    arch_restore_user_context();
}

#ifndef CONFIG_NO_FASTPATH
#define FASTPATH(call) call
#else
#define FASTPATH(call) ((void)cptr, (void)msginfo)
#endif

/* One entry per IPC syscall, reached from syscall_entry through
 * syscall_handlers[] with no dispatch in C, so a fast path starts with no
 * frame and no switch before it. Each fast path returns only when the case
 * is not one it handles. */
#define SYSCALL_ENTRY NORETURN __attribute__((optimize("omit-frame-pointer")))  /* nothing to unwind to */

static SYSCALL_ENTRY void sys_call(word_t cptr, word_t msginfo)
{
    FASTPATH(fastpath_call(cptr, msginfo));
    handleInvocation(true, true);
    return_to_user();
}

static SYSCALL_ENTRY void sys_reply_recv(word_t cptr, word_t msginfo)
{
    FASTPATH(fastpath_reply_recv(cptr, msginfo));
    handleReply();
    handleRecv(true);
    return_to_user();
}

static SYSCALL_ENTRY void sys_send(word_t cptr, word_t msginfo)
{
    FASTPATH(fastpath_signal(cptr, msginfo));
    handleInvocation(false, true);
    return_to_user();
}

static SYSCALL_ENTRY void sys_nb_send(word_t cptr, word_t msginfo)
{
    FASTPATH(fastpath_signal(cptr, msginfo));
    handleInvocation(false, false);
    return_to_user();
}

static SYSCALL_ENTRY void sys_recv(word_t cptr, word_t msginfo)
{
    FASTPATH(fastpath_wait(cptr, true));
    (void)msginfo;
    handleRecv(true);
    return_to_user();
}

static SYSCALL_ENTRY void sys_nb_recv(word_t cptr, word_t msginfo)
{
    FASTPATH(fastpath_wait(cptr, false));
    (void)msginfo;
    handleRecv(false);
    return_to_user();
}

static SYSCALL_ENTRY void sys_reply(word_t cptr, word_t msginfo)
{
    (void)cptr;
    (void)msginfo;
    handleReply();
    return_to_user();
}

static SYSCALL_ENTRY void sys_yield(word_t cptr, word_t msginfo)
{
    FASTPATH(fastpath_yield());
    (void)cptr;
    (void)msginfo;
    yieldCurrent();
    return_to_user();
}

/* Indexed by the syscall number + 8 (SysNBRecv = -8 .. SysCall = -1). */
const syscall_handler_t syscall_handlers[8] = {
    [SysCall + 8] = sys_call,      [SysReplyRecv + 8] = sys_reply_recv,
    [SysSend + 8] = sys_send,      [SysNBSend + 8] = sys_nb_send,
    [SysRecv + 8] = sys_recv,      [SysReply + 8] = sys_reply,
    [SysYield + 8] = sys_yield,    [SysNBRecv + 8] = sys_nb_recv,
};

/* Any other number: a debug syscall or an unknown-syscall fault. */
NORETURN void c_handle_syscall(word_t cptr, word_t msginfo, word_t sysno)
{
    (void)cptr;
    (void)msginfo;
    handleUnknownSyscall(sysno);
    return_to_user();
}

NORETURN void c_handle_user_exception(word_t vector, word_t error_code, word_t addr)
{
    tcb_t *t = ksCurThread;
    if (vector == 14) {
        handleVMFault(t, addr, error_code);
    } else {
        current_fault.type = fault_user_exception;
        current_fault.w[0] = vector;
        current_fault.w[1] = error_code;
    }
    handleFault(t);
    return_to_user();
}

NORETURN void c_handle_interrupt(word_t irq)
{
    handleInterrupt(irq);
    return_to_user();
}
