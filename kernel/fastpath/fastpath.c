/* The IPC fast path: seL4_Call and seL4_ReplyRecv with a plain message
 * (no extra caps; MR4 and up through both IPC buffers) between a thread and
 * one that is already waiting for it.
 *
 * Each function is a list of checks; any check that fails returns, and
 * the caller continues into the general path (kernel/api/syscall.c), which
 * handles every case. Past the checks, the transfer cannot fail and the
 * kernel switches straight to the other thread. The result must be
 * indistinguishable from the general path's. Build with
 * KERNEL_EXTRA_CFLAGS=-DCONFIG_NO_FASTPATH to switch it off. */
#include "kernel.h"
#include "invariants.h"
#include "../arch/x86_64/include/fastpath_arch.h"

/* Every instruction here counts (docs/performance.md): no frame pointer,
 * and the common case compiles without calls, so without saved registers.
 * Each function comes in two instances: the common one (a one-level CSpace,
 * the message in registers, the VSpace check cached) and, reached by a
 * tail call when one of those does not hold, the general one, which calls
 * out for what the common one cannot do inline (the generic CSpace walk,
 * the full VSpace check, the IPC buffers). Both make the same checks. */
#pragma GCC optimize("omit-frame-pointer")

#define NOINLINE __attribute__((noinline))

/* The cap cptr names in t's CSpace; a null cap if the lookup fails.
 * Common instance: *common is cleared when the CSpace is not one level.
 * A one-level lookup's slot depends on nothing but the root cap's two
 * words and the CPtr, so the last one is cached in the TCB (tcb_init()
 * starts it with words no cap has). */
static FORCE_INLINE cap_t lookup_fp(tcb_t *t, cptr_t cptr, bool general, bool *common)
{
    cap_t root = tcb_cte(t, TCB_CTABLE)->cap;
    if (likely(cptr == t->fp_cptr && root.w[0] == t->fp_root.w[0] && root.w[1] == t->fp_root.w[1]))
        return t->fp_slot->cap;
    cte_t *slot = lookup_slot_one_level(root, cptr);
    if (likely(slot != NULL)) {
        t->fp_root = root;
        t->fp_cptr = cptr;
        t->fp_slot = slot;
        return slot->cap;
    }
    if (!general) {
        *common = false;
        return null_cap;
    }
    resolve_ret_t r = resolveAddressBits(root, cptr, WORD_BITS);
    return r.status == EXCEPTION_NONE ? r.slot->cap : null_cap;
}

/* t's VSpace root as setVMRoot() would find it; false where setVMRoot()
 * would fall back to the kernel's PML4 (left to the general path).
 * Common instance: *common is cleared on a cache miss. */
static FORCE_INLINE bool vspace_root_fp(tcb_t *t, paddr_t *root, bool general, bool *common)
{
    if (likely(fastpath_vspace_root_cached(t, root)))
        return true;
    if (!general) {
        *common = false;
        return false;
    }
    return vspace_root_of(t, root);
}

static FORCE_INLINE endpoint_t *ep_ptr(cap_t ep_cap)
{
    return ptr_from_paddr(cap_ep_paddr(ep_cap));
}


/* The IPC buffers for MR4 and up, as doIPCTransfer looks them up; false
 * when one is missing (the general path then sends only the register MRs,
 * which it may do itself). */
static FORCE_INLINE bool long_message_buffers(tcb_t *from, tcb_t *to, word_t **sbuf, word_t **rbuf)
{
    *sbuf = lookupIPCBuffer(false, from);
    *rbuf = lookupIPCBuffer(true, to);
    return *sbuf != NULL && *rbuf != NULL;
}

/* Exactly n MRs, as copyMRs: the receiver's other registers stay its own. */
static FORCE_INLINE void copy_mrs(tcb_t *from, tcb_t *to, word_t n, const word_t *sbuf, word_t *rbuf)
{
    if (likely(n == 1)) {   /* the usual RPC word: one compare, not the switch's */
        to->ctx.r[REG_R10] = from->ctx.r[REG_R10];
        return;
    }
    switch (n) {
    default:
        for (word_t i = N_MSG_REGS; i < n; i++)
            rbuf[IPCBUF_MSG + i] = sbuf[IPCBUF_MSG + i];
        /* fall through */
    case 4: to->ctx.r[REG_R15] = from->ctx.r[REG_R15]; /* fall through */
    case 3: to->ctx.r[REG_R9] = from->ctx.r[REG_R9];   /* fall through */
    case 2: to->ctx.r[REG_R8] = from->ctx.r[REG_R8];   /* fall through */
    case 1: to->ctx.r[REG_R10] = from->ctx.r[REG_R10]; /* fall through */
    case 0: break;
    }
}
compile_assert(four_register_mrs, N_MSG_REGS == 4);   /* R10, R8, R9, R15 (context.h) */

static FORCE_INLINE NORETURN void switch_to(tcb_t *to, paddr_t vroot, word_t badge, word_t info)
{
    to->ctx.r[REG_BADGE] = badge;
    to->ctx.r[REG_MSGINFO] = info;
    to->state = ThreadState_Running;
    fastpath_set_vspace_root(vroot);
    ksCurThread = to;
    check_invariants();
    arch_fastpath_exit(to);
}

static void fastpath_call_general(cptr_t cptr, word_t info);

static FORCE_INLINE void call(cptr_t cptr, word_t info, bool general)
{
    tcb_t *cur = ksCurThread;
    word_t *sbuf = NULL, *rbuf = NULL;
    paddr_t vroot;
    bool common = true;

    /* a thread with a pending fault sends a fault message, not this one */
    if (unlikely(cur->fault.type != fault_null))
        return;
    /* caps to transfer need the general transfer */
    if (unlikely(mi_extra_caps(info) != 0))
        return;
    /* MR4 and up are copied by the general instance */
    word_t n = mi_length(info);
    if (!general && unlikely(n > N_MSG_REGS))
        return fastpath_call_general(cptr, info);
    /* a length to truncate needs the general transfer (after the above:
     * the common instance then needs no compare for it) */
    if (unlikely(n > seL4_MsgMaxLength))
        return;
    /* the cap must be an endpoint we may send on */
    cap_t ep_cap = lookup_fp(cur, cptr, general, &common);
    if (unlikely(!common))
        return fastpath_call_general(cptr, info);
    if (unlikely(cap_get_type(ep_cap) != cap_endpoint || !cap_ep_can_send(ep_cap)))
        return;
    /* a receiver must be waiting */
    endpoint_t *ep = ep_ptr(ep_cap);
    if (unlikely(queue_state((word_t *)ep) != EPState_Recv))
        return;
    tcb_t *dest = queue_head((word_t *)ep);
    /* a Call needs Grant or GrantReply to make the reply cap */
    if (unlikely(!cap_ep_can_grant(ep_cap) && !cap_ep_can_grant_reply(ep_cap)))
        return;
    /* the caller's master reply cap must be there without a child, the receiver's caller slot empty */
    cte_t *reply_slot = tcb_cte(cur, TCB_REPLY), *caller_slot = tcb_cte(dest, TCB_CALLER);
    if (unlikely(cap_get_type(reply_slot->cap) != cap_reply || mdb_next(reply_slot) || !cap_is_null(caller_slot->cap)))
        return;
    /* its VSpace must be usable, or the switch would need setVMRoot's fallback */
    bool have_root = vspace_root_fp(dest, &vroot, general, &common);
    if (unlikely(!common))
        return fastpath_call_general(cptr, info);
    if (unlikely(!have_root))
        return;
    /* switching to it must be what the scheduler would do */
    if (!general && unlikely(dest->priority < cur->priority))
        return fastpath_call_general(cptr, info);   /* to ask the scheduler, out of line */
    if (unlikely(dest->priority < cur->priority && !isHighestPrio(dest->priority)))
        return;
    /* MR4 and up need both IPC buffers, or the general path's truncation */
    if (general && n > N_MSG_REGS && unlikely(!long_message_buffers(cur, dest, &sbuf, &rbuf)))
        return;

    /* --- no way back from here --- */
    tcb_t *next = dest->ep_next;
    queue_set((word_t *)ep, next, next ? queue_tail((word_t *)ep) : NULL, next ? EPState_Recv : EPState_Idle);
    if (next)
        next->ep_prev = NULL;
    dest->ep_next = dest->ep_prev = NULL;

    /* the reply cap, as setupCallerCap makes it: the only child of the
     * master, which names cur already (setupReplyMaster made it for cur) */
    cap_t reply = cap_set_reply_master(reply_slot->cap, 0);
    caller_slot->cap = cap_set_reply_can_grant(reply, dest->blocking_can_grant);
    caller_slot->mdb.prev = (word_t)reply_slot;
    caller_slot->mdb.next = 0;
    mdb_set_next(reply_slot, caller_slot);
    cur->state = ThreadState_BlockedOnReply;

    copy_mrs(cur, dest, n, sbuf, rbuf);
    switch_to(dest, vroot, cap_ep_badge(ep_cap), mi_new(mi_label(info), 0, 0, n));
}

void fastpath_call(cptr_t cptr, word_t info) { call(cptr, info, false); }
static NOINLINE void fastpath_call_general(cptr_t cptr, word_t info) { call(cptr, info, true); }

static void fastpath_reply_recv_general(cptr_t cptr, word_t info);

static FORCE_INLINE void reply_recv(cptr_t cptr, word_t info, bool general)
{
    tcb_t *cur = ksCurThread;
    word_t *sbuf = NULL, *rbuf = NULL;
    paddr_t vroot;
    bool common = true;

    /* a thread with a pending fault sends a fault message, not this one */
    if (unlikely(cur->fault.type != fault_null))
        return;
    /* caps to transfer need the general transfer */
    if (unlikely(mi_extra_caps(info) != 0))
        return;
    /* MR4 and up are copied by the general instance */
    word_t n = mi_length(info);
    if (!general && unlikely(n > N_MSG_REGS))
        return fastpath_reply_recv_general(cptr, info);
    /* a length to truncate needs the general transfer (after the above:
     * the common instance then needs no compare for it) */
    if (unlikely(n > seL4_MsgMaxLength))
        return;
    /* there must be a caller to reply to (first: a fault handler's reply
     * leaves here before the cap lookup) */
    cte_t *caller_slot = tcb_cte(cur, TCB_CALLER);
    cap_t reply = caller_slot->cap;
    if (unlikely(cap_get_type(reply) != cap_reply || cap_reply_master(reply)))
        return;
    /* a caller waiting on a fault reply gets its registers set, not a message */
    tcb_t *caller = ptr_from_paddr(cap_reply_tcb_paddr(reply));
    if (unlikely(caller->fault.type != fault_null))
        return;
    /* the cap must be an endpoint we may receive on */
    cap_t ep_cap = lookup_fp(cur, cptr, general, &common);
    if (unlikely(!common))
        return fastpath_reply_recv_general(cptr, info);
    if (unlikely(cap_get_type(ep_cap) != cap_endpoint || !cap_ep_can_receive(ep_cap)))
        return;
    /* a pending bound notification would be delivered instead */
    notification_t *ntfn = cur->bound_notification;
    if (unlikely(ntfn && queue_state((word_t *)ntfn) == NtfnState_Active))
        return;
    /* a waiting sender would be received at once */
    endpoint_t *ep = ep_ptr(ep_cap);
    if (unlikely(queue_state((word_t *)ep) == EPState_Send))
        return;
    /* the caller's VSpace must be usable, or the switch would need setVMRoot's fallback */
    bool have_root = vspace_root_fp(caller, &vroot, general, &common);
    if (unlikely(!common))
        return fastpath_reply_recv_general(cptr, info);
    if (unlikely(!have_root))
        return;
    /* the caller must be the thread the scheduler would pick */
    if (unlikely(!isHighestPrio(caller->priority)))
        return;
    /* MR4 and up need both IPC buffers, or the general path's truncation */
    if (general && n > N_MSG_REGS && unlikely(!long_message_buffers(cur, caller, &sbuf, &rbuf)))
        return;

    /* --- no way back from here --- */
    /* block in Recv, at the end of the queue */
    cur->blocking_object = (word_t)ep;
    cur->blocking_can_grant = cap_ep_can_grant(ep_cap);
    cur->state = ThreadState_BlockedOnReceive;
    queue_append((word_t *)ep, cur, EPState_Recv);

    /* the reply cap is used up: unlink it from its master */
    mdb_set_next(mdb_prev(caller_slot), NULL);
    caller_slot->cap = null_cap;
    caller_slot->mdb.prev = caller_slot->mdb.next = 0;

    copy_mrs(cur, caller, n, sbuf, rbuf);
    switch_to(caller, vroot, 0, mi_new(mi_label(info), 0, 0, n));
}

void fastpath_reply_recv(cptr_t cptr, word_t info) { reply_recv(cptr, info, false); }
static NOINLINE void fastpath_reply_recv_general(cptr_t cptr, word_t info) { reply_recv(cptr, info, true); }
