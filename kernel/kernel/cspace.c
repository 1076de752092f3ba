/* CSpace addressing: resolving a CPtr through guarded CNodes. */
#include "kernel.h"

lookup_fault_t current_lookup_fault;

static inline word_t mask_bits(word_t n) { return n >= 64 ? ~0ul : MASK(n); }

static void lookup_fault_set(word_t type, word_t bits_left, word_t bits_found, word_t guard_found)
{
    current_lookup_fault.type = type;
    current_lookup_fault.bits_left = bits_left;
    current_lookup_fault.bits_found = bits_found;
    current_lookup_fault.guard_found = guard_found;
}

/* Walk n_bits of cptr from the CNode cap node_cap. Stops early, returning
 * the slot and the bits left, when a slot holds something other than a
 * CNode: seL4 lets a short CPtr name a cap that is not a CNode. */
resolve_ret_t resolveAddressBits(cap_t node_cap, cptr_t cptr, word_t n_bits)
{
    resolve_ret_t ret = { EXCEPTION_NONE, NULL, n_bits };

    if (unlikely(cap_get_type(node_cap) != cap_cnode)) {
        lookup_fault_set(lookup_invalid_root, 0, 0, 0);
        ret.status = EXCEPTION_LOOKUP_FAULT;
        return ret;
    }
    for (;;) {
        word_t radix = cap_cnode_radix(node_cap);
        word_t guard_bits = cap_cnode_guard_size(node_cap);
        word_t level_bits = radix + guard_bits;
        word_t cap_guard = cap_cnode_guard(node_cap);
        word_t guard = guard_bits == 0 || guard_bits > n_bits ? 0
                     : (cptr >> (n_bits - guard_bits)) & mask_bits(guard_bits);

        if (unlikely(guard_bits > n_bits || guard != cap_guard)) {
            lookup_fault_set(lookup_guard_mismatch, n_bits, guard_bits, cap_guard);
            ret.status = EXCEPTION_LOOKUP_FAULT;
            return ret;
        }
        if (unlikely(level_bits > n_bits || level_bits == 0)) {
            lookup_fault_set(lookup_depth_mismatch, n_bits, level_bits, 0);
            ret.status = EXCEPTION_LOOKUP_FAULT;
            return ret;
        }
        word_t offset = (cptr >> (n_bits - level_bits)) & mask_bits(radix);
        cte_t *slot = cnode_slots(node_cap) + offset;
        if (likely(n_bits == level_bits)) {
            ret.slot = slot;
            ret.bits_remaining = 0;
            return ret;
        }
        n_bits -= level_bits;
        node_cap = slot->cap;
        if (unlikely(cap_get_type(node_cap) != cap_cnode)) {
            ret.slot = slot;
            ret.bits_remaining = n_bits;
            return ret;
        }
    }
}

lookup_slot_ret_t lookupSlot(tcb_t *t, cptr_t cptr)
{
    cap_t root = tcb_cte(t, TCB_CTABLE)->cap;
    cte_t *slot = lookup_slot_one_level(root, cptr);
    if (likely(slot != NULL)) {
        lookup_slot_ret_t ret = { EXCEPTION_NONE, slot };
        return ret;
    }
    resolve_ret_t r = resolveAddressBits(root, cptr, WORD_BITS);
    lookup_slot_ret_t ret = { r.status, r.slot };
    return ret;
}

lookup_cap_ret_t lookupCap(tcb_t *t, cptr_t cptr)
{
    lookup_slot_ret_t s = lookupSlot(t, cptr);
    lookup_cap_ret_t ret = { s.status, null_cap };
    if (s.status == EXCEPTION_NONE)
        ret.cap = s.slot->cap;
    return ret;
}

lookup_cap_slot_ret_t lookupCapAndSlot(tcb_t *t, cptr_t cptr)
{
    lookup_slot_ret_t s = lookupSlot(t, cptr);
    lookup_cap_slot_ret_t ret = { s.status, null_cap, NULL };
    if (s.status == EXCEPTION_NONE) {
        ret.slot = s.slot;
        ret.cap = s.slot->cap;
    }
    return ret;
}

/* (root, index, depth) addressing used by CNode and retype invocations:
 * the lookup must consume exactly `depth` bits. */
lookup_slot_ret_t lookupSlotForCNodeOp(bool is_source, cap_t root, cptr_t index, word_t depth)
{
    lookup_slot_ret_t ret = { EXCEPTION_SYSCALL_ERROR, NULL };

    if (unlikely(cap_get_type(root) != cap_cnode)) {
        lookup_fault_set(lookup_invalid_root, 0, 0, 0);
        SYSCALL_FAILED_LOOKUP(is_source);
        return ret;
    }
    if (unlikely(depth < 1 || depth > WORD_BITS)) {
        SYSCALL_RANGE_ERROR(1, WORD_BITS);
        return ret;
    }
    resolve_ret_t r = resolveAddressBits(root, index, depth);
    if (unlikely(r.status != EXCEPTION_NONE)) {
        SYSCALL_FAILED_LOOKUP(is_source);
        return ret;
    }
    if (unlikely(r.bits_remaining != 0)) {
        lookup_fault_set(lookup_depth_mismatch, r.bits_remaining, 0, 0);
        SYSCALL_FAILED_LOOKUP(is_source);
        return ret;
    }
    ret.status = EXCEPTION_NONE;
    ret.slot = r.slot;
    return ret;
}

lookup_slot_ret_t lookupSourceSlot(cap_t root, cptr_t index, word_t depth)
{ return lookupSlotForCNodeOp(true, root, index, depth); }
lookup_slot_ret_t lookupTargetSlot(cap_t root, cptr_t index, word_t depth)
{ return lookupSlotForCNodeOp(false, root, index, depth); }
lookup_slot_ret_t lookupPivotSlot(cap_t root, cptr_t index, word_t depth)
{ return lookupSlotForCNodeOp(true, root, index, depth); }
