/* The IPC fast path: seL4_Call and seL4_ReplyRecv with a short message
 * (message registers only, no caps) to a thread that is already waiting.
 *
 * Each function is a list of checks; any check that fails returns, and
 * the caller continues into the general path (kernel/api/syscall.c), which
 * handles every case. Past the checks, the transfer cannot fail and the
 * kernel switches straight to the other thread. The result must be
 * indistinguishable from the general path's. Build with
 * KERNEL_EXTRA_CFLAGS=-DCONFIG_NO_FASTPATH to switch it off. */
#include "kernel.h"
#include "invariants.h"

/* A short message: at most the four register MRs and no extra caps. */
static inline bool short_message(word_t info)
{
    return mi_extra_caps(info) == 0 && mi_length(info) <= N_MSG_REGS;
}

static inline cap_t lookup_fp(tcb_t *t, cptr_t cptr)
{
    resolve_ret_t r = resolveAddressBits(tcb_cte(t, TCB_CTABLE)->cap, cptr, WORD_BITS);
    return likely(r.status == EXCEPTION_NONE) ? r.slot->cap : null_cap;
}

static inline void copy_mrs(tcb_t *from, tcb_t *to, word_t n)
{
    for (word_t i = 0; i < n; i++)
        to->ctx.r[msg_registers[i]] = from->ctx.r[msg_registers[i]];
}

static NORETURN void switch_to(tcb_t *from, tcb_t *to, word_t badge, word_t info)
{
    to->ctx.r[REG_BADGE] = badge;
    to->ctx.r[REG_MSGINFO] = info;
    to->state = ThreadState_Running;
    arch_switch_thread(from, to);
    setVMRoot(to);
    ksCurThread = to;
    check_invariants();
    arch_restore_user_context();
}

void fastpath_call(cptr_t cptr, word_t info)
{
    tcb_t *cur = ksCurThread;

    /* a fault message or a long message goes the general way */
    if (unlikely(cur->fault.type != fault_null || !short_message(info)))
        return;
    /* the cap must be an endpoint we may send on */
    cap_t ep_cap = lookup_fp(cur, cptr);
    if (unlikely(cap_get_type(ep_cap) != cap_endpoint || !cap_ep_can_send(ep_cap)))
        return;
    /* a receiver must be waiting */
    endpoint_t *ep = cap_object_ptr(ep_cap);
    if (unlikely(queue_state((word_t *)ep) != EPState_Recv))
        return;
    tcb_t *dest = queue_head((word_t *)ep);
    /* its VSpace must be usable, or the switch would need the general path's fallback */
    if (unlikely(!isValidVTableRoot(tcb_cte(dest, TCB_VTABLE)->cap)))
        return;
    /* switching to it must be what the scheduler would do */
    if (unlikely(dest->priority < cur->priority && !isHighestPrio(dest->priority)))
        return;
    /* a Call needs Grant or GrantReply to make the reply cap */
    if (unlikely(!cap_ep_can_grant(ep_cap) && !cap_ep_can_grant_reply(ep_cap)))
        return;
    /* the caller's master reply cap must be there, the receiver's caller slot empty */
    cte_t *reply_slot = tcb_cte(cur, TCB_REPLY), *caller_slot = tcb_cte(dest, TCB_CALLER);
    if (unlikely(cap_get_type(reply_slot->cap) != cap_reply || mdb_next(reply_slot) || !cap_is_null(caller_slot->cap)))
        return;

    /* --- no way back from here --- */
    tcb_t *next = dest->ep_next;
    queue_set((word_t *)ep, next, next ? queue_tail((word_t *)ep) : NULL, next ? EPState_Recv : EPState_Idle);
    if (next)
        next->ep_prev = NULL;
    dest->ep_next = dest->ep_prev = NULL;

    /* the reply cap, as setupCallerCap makes it: the only child of the master */
    cap_t reply = cap_new(cap_reply);
    reply = cap_set_reply_tcb_paddr(reply, paddr_from_pptr(cur));
    caller_slot->cap = cap_set_reply_can_grant(reply, dest->blocking_can_grant);
    caller_slot->mdb.prev = (word_t)reply_slot;
    caller_slot->mdb.next = 0;
    mdb_set_next(reply_slot, caller_slot);
    cur->state = ThreadState_BlockedOnReply;

    word_t n = mi_length(info);
    copy_mrs(cur, dest, n);
    switch_to(cur, dest, cap_ep_badge(ep_cap), mi_new(mi_label(info), 0, 0, n));
}

void fastpath_reply_recv(cptr_t cptr, word_t info)
{
    tcb_t *cur = ksCurThread;

    if (unlikely(cur->fault.type != fault_null || !short_message(info)))
        return;
    /* the cap must be an endpoint we may receive on */
    cap_t ep_cap = lookup_fp(cur, cptr);
    if (unlikely(cap_get_type(ep_cap) != cap_endpoint || !cap_ep_can_receive(ep_cap)))
        return;
    /* a pending bound notification would be delivered instead */
    notification_t *n = cur->bound_notification;
    if (unlikely(n && queue_state((word_t *)n) == NtfnState_Active))
        return;
    /* a waiting sender would be received at once */
    endpoint_t *ep = cap_object_ptr(ep_cap);
    if (unlikely(queue_state((word_t *)ep) == EPState_Send))
        return;
    /* there must be a caller to reply to, and not one waiting on a fault reply */
    cte_t *caller_slot = tcb_cte(cur, TCB_CALLER);
    cap_t reply = caller_slot->cap;
    if (unlikely(cap_get_type(reply) != cap_reply || cap_reply_master(reply)))
        return;
    tcb_t *caller = ptr_from_paddr(cap_reply_tcb_paddr(reply));
    if (unlikely(caller->fault.type != fault_null))
        return;
    if (unlikely(!isValidVTableRoot(tcb_cte(caller, TCB_VTABLE)->cap)))
        return;
    /* the caller must be the thread the scheduler would pick */
    if (unlikely(!isHighestPrio(caller->priority)))
        return;

    /* --- no way back from here --- */
    /* block in Recv, at the end of the queue */
    cur->blocking_object = (word_t)ep;
    cur->blocking_can_grant = cap_ep_can_grant(ep_cap);
    cur->state = ThreadState_BlockedOnReceive;
    tcb_t *tail = queue_tail((word_t *)ep);
    cur->ep_prev = tail;
    cur->ep_next = NULL;
    if (tail)
        tail->ep_next = cur;
    queue_set((word_t *)ep, tail ? queue_head((word_t *)ep) : cur, cur, EPState_Recv);

    /* the reply cap is used up: unlink it from its master */
    mdb_set_next(mdb_prev(caller_slot), NULL);
    caller_slot->cap = null_cap;
    caller_slot->mdb.prev = caller_slot->mdb.next = 0;

    word_t len = mi_length(info);
    copy_mrs(cur, caller, len);
    switch_to(cur, caller, 0, mi_new(mi_label(info), 0, 0, len));
}
