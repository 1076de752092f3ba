/* CNode invocations: Copy, Mint, Move, Mutate, Rotate, Delete, Revoke,
 * SaveCaller, CancelBadgedSends. Decode checks everything first; the
 * invoke step cannot fail on user input. */
#include "kernel.h"

static bool hasCancelSendRights(cap_t c)
{
    return cap_get_type(c) == cap_endpoint && cap_ep_can_send(c) && cap_ep_can_receive(c) &&
           cap_ep_can_grant(c) && cap_ep_can_grant_reply(c);
}

static exception_t missing_source(bool source, word_t depth)
{
    current_lookup_fault.type = lookup_missing_cap;
    current_lookup_fault.bits_left = depth;
    return SYSCALL_FAILED_LOOKUP(source);
}

static exception_t invokeCNodeSaveCaller(cte_t *dest)
{
    cte_t *src = tcb_cte(ksCurThread, TCB_CALLER);
    cap_t c = src->cap;
    if (cap_is_null(c))
        userError("CNode SaveCaller: Reply cap not present.");
    else if (cap_get_type(c) == cap_reply && !cap_reply_master(c))
        cteMove(c, src, dest);
    return EXCEPTION_NONE;
}

static exception_t invokeCNodeRotate(cap_t src_cap, cap_t pivot_cap, cte_t *src, cte_t *pivot, cte_t *dest)
{
    if (src == dest) {
        cteSwap(src_cap, src, pivot_cap, pivot);
    } else {
        cteMove(pivot_cap, pivot, dest);
        cteMove(src_cap, src, pivot);
    }
    return EXCEPTION_NONE;
}

static exception_t decodeCopyMintMoveMutate(word_t label, word_t length, cte_t *dest, word_t *buffer)
{
    if (length < 4 || !current_extra_caps.slots[0]) {
        userError("CNode Copy/Mint/Move/Mutate: Truncated message.");
        return SYSCALL_ERROR(seL4_TruncatedMessage);
    }
    word_t src_index = getSyscallArg(2, buffer), src_depth = getSyscallArg(3, buffer);
    cap_t src_root = current_extra_caps.slots[0]->cap;

    exception_t status = ensureEmptySlot(dest);
    if (status != EXCEPTION_NONE) {
        userError("CNode Copy/Mint/Move/Mutate: Destination not empty.");
        return status;
    }
    lookup_slot_ret_t l = lookupSourceSlot(src_root, src_index, src_depth);
    if (l.status != EXCEPTION_NONE) {
        userError("CNode Copy/Mint/Move/Mutate: Invalid source slot.");
        return l.status;
    }
    cte_t *src = l.slot;
    if (cap_is_null(src->cap)) {
        userError("CNode Copy/Mint/Move/Mutate: Source slot invalid or empty.");
        return missing_source(true, src_depth);
    }

    cap_t new_cap;
    bool is_move;
    derive_cap_ret_t d;
    switch (label) {
    case CNodeCopy:
        if (length < 5) {
            userError("Truncated message for CNode Copy operation.");
            return SYSCALL_ERROR(seL4_TruncatedMessage);
        }
        d = deriveCap(src, maskCapRights(getSyscallArg(4, buffer), src->cap));
        if (d.status != EXCEPTION_NONE) {
            userError("Error deriving cap for CNode Copy operation.");
            return d.status;
        }
        new_cap = d.cap;
        is_move = false;
        break;
    case CNodeMint:
        if (length < 6) {
            userError("CNode Mint: Truncated message.");
            return SYSCALL_ERROR(seL4_TruncatedMessage);
        }
        d = deriveCap(src, updateCapData(false, getSyscallArg(5, buffer),
                                         maskCapRights(getSyscallArg(4, buffer), src->cap)));
        if (d.status != EXCEPTION_NONE) {
            userError("Error deriving cap for CNode Mint operation.");
            return d.status;
        }
        new_cap = d.cap;
        is_move = false;
        break;
    case CNodeMove:
        new_cap = src->cap;
        is_move = true;
        break;
    default: /* CNodeMutate */
        if (length < 5) {
            userError("CNode Mutate: Truncated message.");
            return SYSCALL_ERROR(seL4_TruncatedMessage);
        }
        new_cap = updateCapData(true, getSyscallArg(4, buffer), src->cap);
        is_move = true;
        break;
    }
    if (cap_is_null(new_cap)) {
        userError("CNode Copy/Mint/Move/Mutate: Mutated cap would be invalid.");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    if (is_move)
        cteMove(new_cap, src, dest);
    else
        cteInsert(new_cap, src, dest);
    return EXCEPTION_NONE;
}

static exception_t decodeRotate(word_t length, cte_t *dest, word_t *buffer)
{
    if (length < 8 || !current_extra_caps.slots[0] || !current_extra_caps.slots[1]) {
        userError("CNode Rotate: Target cap invalid.");
        return SYSCALL_ERROR(seL4_TruncatedMessage);
    }
    word_t pivot_data = getSyscallArg(2, buffer), pivot_index = getSyscallArg(3, buffer);
    word_t pivot_depth = getSyscallArg(4, buffer), src_data = getSyscallArg(5, buffer);
    word_t src_index = getSyscallArg(6, buffer), src_depth = getSyscallArg(7, buffer);
    cap_t pivot_root = current_extra_caps.slots[0]->cap, src_root = current_extra_caps.slots[1]->cap;

    lookup_slot_ret_t l = lookupSourceSlot(src_root, src_index, src_depth);
    if (l.status != EXCEPTION_NONE)
        return l.status;
    cte_t *src = l.slot;
    l = lookupPivotSlot(pivot_root, pivot_index, pivot_depth);
    if (l.status != EXCEPTION_NONE)
        return l.status;
    cte_t *pivot = l.slot;
    if (pivot == src || pivot == dest) {
        userError("CNode Rotate: Pivot slot the same as source or dest slot.");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    if (src != dest) {
        exception_t status = ensureEmptySlot(dest);
        if (status != EXCEPTION_NONE)
            return status;
    }
    if (cap_is_null(src->cap))
        return missing_source(true, src_depth);
    if (cap_is_null(pivot->cap))
        return missing_source(false, pivot_depth);
    cap_t new_src = updateCapData(true, src_data, src->cap);
    cap_t new_pivot = updateCapData(true, pivot_data, pivot->cap);
    if (cap_is_null(new_src)) {
        userError("CNode Rotate: Source cap invalid.");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    if (cap_is_null(new_pivot)) {
        userError("CNode Rotate: Pivot cap invalid.");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeCNodeRotate(new_src, new_pivot, src, pivot, dest);
}

exception_t decodeCNodeInvocation(word_t label, word_t length, cap_t cap, word_t *buffer)
{
    if (label < CNodeRevoke || label > CNodeSaveCaller) {
        userError("CNodeCap: Illegal Operation attempted.");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    if (length < 2) {
        userError("CNode operation: Truncated message.");
        return SYSCALL_ERROR(seL4_TruncatedMessage);
    }
    lookup_slot_ret_t l = lookupTargetSlot(cap, getSyscallArg(0, buffer), getSyscallArg(1, buffer));
    if (l.status != EXCEPTION_NONE) {
        userError("CNode operation: Target slot invalid.");
        return l.status;
    }
    cte_t *dest = l.slot;

    switch (label) {
    case CNodeCopy:
    case CNodeMint:
    case CNodeMove:
    case CNodeMutate:
        return decodeCopyMintMoveMutate(label, length, dest, buffer);
    case CNodeRevoke:
        setThreadState(ksCurThread, ThreadState_Restart);
        return cteRevoke(dest);
    case CNodeDelete:
        setThreadState(ksCurThread, ThreadState_Restart);
        return cteDelete(dest, true);
    case CNodeSaveCaller: {
        exception_t status = ensureEmptySlot(dest);
        if (status != EXCEPTION_NONE) {
            userError("CNode SaveCaller: Destination slot not empty.");
            return status;
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeCNodeSaveCaller(dest);
    }
    case CNodeCancelBadgedSends:
        if (!hasCancelSendRights(dest->cap)) {
            userError("CNode CancelBadgedSends: Target cap invalid.");
            return SYSCALL_ERROR(seL4_IllegalOperation);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        if (cap_ep_badge(dest->cap) != 0)
            cancelBadgedSends(cap_object_ptr(dest->cap), cap_ep_badge(dest->cap));
        return EXCEPTION_NONE;
    default: /* CNodeRotate */
        return decodeRotate(length, dest, buffer);
    }
}
