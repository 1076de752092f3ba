/* Untyped memory: Retype is the only way kernel objects come to exist. */
#include "kernel.h"

static exception_t invokeUntyped_Retype(cte_t *src, bool reset, word_t base, word_t type,
                                        word_t user_size, cte_t *dest, word_t offset, word_t count,
                                        bool device)
{
    word_t size_bits = getObjectSize(type, user_size);
    word_t region = (word_t)cap_object_ptr(src->cap);
    (void)reset;   /* objects are zeroed as they are made, so a reset only rewinds */

    src->cap = cap_set_ut_free_index(src->cap, base + (count << size_bits) - region);
    for (word_t i = 0; i < count; i++) {
        cap_t c = createObject(type, (void *)(base + (i << size_bits)), user_size, device);
        if (type == seL4_TCBObject)
            tcbDebugAppend((tcb_t *)((base + (i << size_bits)) + TCB_OFFSET));
        insertNewCap(src, dest + offset + i, c);
    }
    return EXCEPTION_NONE;
}

exception_t decodeUntypedInvocation(word_t label, word_t length, cte_t *slot, cap_t cap, word_t *buffer)
{
    if (label != UntypedRetype) {
        userError("Untyped cap: Illegal operation attempted.");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    if (length < 6 || !current_extra_caps.slots[0]) {
        userError("Untyped invocation: Truncated message.");
        return SYSCALL_ERROR(seL4_TruncatedMessage);
    }
    word_t type = getSyscallArg(0, buffer), user_size = getSyscallArg(1, buffer);
    word_t node_index = getSyscallArg(2, buffer), node_depth = getSyscallArg(3, buffer);
    word_t node_offset = getSyscallArg(4, buffer), node_window = getSyscallArg(5, buffer);
    cap_t root = current_extra_caps.slots[0]->cap;

    if (type >= seL4_ObjectTypeCount) {
        userError("Untyped Retype: Invalid object type.");
        return SYSCALL_INVALID_ARGUMENT(0);
    }
    word_t size_bits = getObjectSize(type, user_size);
    if (user_size >= WORD_BITS || size_bits > seL4_MaxUntypedBits) {
        userError("Untyped Retype: Invalid object size.");
        return SYSCALL_RANGE_ERROR(0, seL4_MaxUntypedBits);
    }
    if (type == seL4_CapTableObject && user_size == 0) {
        userError("Untyped Retype: Requested CapTable size too small.");
        return SYSCALL_INVALID_ARGUMENT(1);
    }
    if (type == seL4_UntypedObject && user_size < seL4_MinUntypedBits) {
        userError("Untyped Retype: Requested UntypedItem size too small.");
        return SYSCALL_INVALID_ARGUMENT(1);
    }

    cap_t node_cap;
    if (node_depth == 0) {
        node_cap = root;
    } else {
        lookup_slot_ret_t l = lookupTargetSlot(root, node_index, node_depth);
        if (l.status != EXCEPTION_NONE) {
            userError("Untyped Retype: Invalid destination address.");
            return l.status;
        }
        node_cap = l.slot->cap;
    }
    if (cap_get_type(node_cap) != cap_cnode) {
        userError("Untyped Retype: Destination cap invalid or read-only.");
        current_lookup_fault.type = lookup_missing_cap;
        current_lookup_fault.bits_left = node_depth;
        return SYSCALL_FAILED_LOOKUP(false);
    }
    word_t node_size = BIT(cap_cnode_radix(node_cap));
    if (node_offset > node_size - 1) {
        userError("Untyped Retype: Destination node offset #%d too large.", (int)node_offset);
        return SYSCALL_RANGE_ERROR(0, node_size - 1);
    }
    if (node_window < 1 || node_window > seL4_UntypedRetypeMaxObjects) {
        userError("Untyped Retype: Number of requested objects (%d) too small or large.", (int)node_window);
        return SYSCALL_RANGE_ERROR(1, seL4_UntypedRetypeMaxObjects);
    }
    if (node_window > node_size - node_offset) {
        userError("Untyped Retype: Requested destination window overruns size of node.");
        return SYSCALL_RANGE_ERROR(1, node_size - node_offset);
    }
    cte_t *dest = cnode_slots(node_cap);
    for (word_t i = node_offset; i < node_offset + node_window; i++) {
        exception_t status = ensureEmptySlot(dest + i);
        if (status != EXCEPTION_NONE) {
            userError("Untyped Retype: Slot #%d in destination window non-empty.", (int)i);
            return status;
        }
    }

    /* With no children left the untyped starts again from its beginning. */
    bool reset = ensureNoChildren(slot) == EXCEPTION_NONE;
    word_t free_index = reset ? 0 : cap_ut_free_index(cap);
    word_t region = (word_t)cap_object_ptr(cap);
    word_t block = BIT(cap_ut_block_bits(cap));
    word_t free_bytes = block - free_index;
    /* Align the physical address: the kernel window's base is only 2^39 aligned. */
    word_t aligned = region + (ROUND_UP(cap_ut_paddr(cap) + free_index, size_bits) - cap_ut_paddr(cap));
    word_t usable = aligned - region <= block ? block - (aligned - region) : 0;
    if ((usable >> size_bits) < node_window) {
        userError("Untyped Retype: Insufficient memory (%lu * %lu bytes needed, %lu bytes available).",
                  node_window, size_bits >= WORD_BITS ? 0 : BIT(size_bits), free_bytes);
        current_syscall_error.type = seL4_NotEnoughMemory;
        current_syscall_error.memory_left = free_bytes;
        return EXCEPTION_SYSCALL_ERROR;
    }
    bool device = cap_ut_is_device(cap);
    if (device && !arch_is_frame_type(type) && type != seL4_UntypedObject) {
        userError("Untyped Retype: Creating kernel objects with device untyped");
        return SYSCALL_INVALID_ARGUMENT(1);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeUntyped_Retype(slot, reset, aligned, type, user_size, dest, node_offset, node_window, device);
}
