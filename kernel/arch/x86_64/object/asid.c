/* ASID control and ASID pools: X86_ASIDControl_MakePool turns a 4 KiB
 * untyped into the next free pool of the ASID table; X86_ASIDPool_Assign
 * gives a PML4 the pool's first free ASID, which makes it a usable VSpace. */
#include "paging.h"

/* ---------------------------------------------------------------- invoke */

static exception_t performASIDControlMakePool(void *frame, cte_t *dest, cte_t *parent, word_t asid_base)
{
    /* the untyped is used up: it cannot be retyped again until revoked */
    parent->cap = cap_set_ut_free_index(parent->cap, BIT(cap_ut_block_bits(parent->cap)));
    words_zero(frame, BIT(ASID_POOL_BITS) / sizeof(word_t));

    cap_t pool = cap_new(cap_asid_pool);
    pool = cap_set_pool_paddr(pool, paddr_from_pptr(frame));
    pool = cap_set_pool_asid_base(pool, asid_base);
    cteInsert(pool, parent, dest);
    x86KSASIDTable[asid_base >> ASID_LOW_BITS] = frame;
    return EXCEPTION_NONE;
}

static exception_t performASIDPoolAssign(word_t asid, asid_pool_t *pool, cte_t *vspace_slot)
{
    cap_t c = cap_set_pt_mapped_asid(vspace_slot->cap, asid);
    vspace_slot->cap = cap_set_pt_is_mapped(c, 1);
    pool->pml4[asid & MASK(ASID_LOW_BITS)] = table_ptr(vspace_slot->cap);
    return EXCEPTION_NONE;
}

/* ---------------------------------------------------------------- decode */

/* MR0 index, MR1 depth of the destination slot; extra caps: the untyped,
 * then the destination CNode root. */
exception_t decodeX86ASIDControlInvocation(word_t label, word_t length, cte_t *slot UNUSED, word_t *buffer)
{
    if (label != X86ASIDControlMakePool)
        return SYSCALL_ERROR(seL4_IllegalOperation);
    if (length < 2 || !current_extra_caps.slots[0] || !current_extra_caps.slots[1])
        return SYSCALL_ERROR(seL4_TruncatedMessage);

    word_t index = getSyscallArg(0, buffer);
    word_t depth = getSyscallArg(1, buffer);
    cte_t *parent = current_extra_caps.slots[0];
    cap_t untyped = parent->cap;
    cap_t root = current_extra_caps.slots[1]->cap;

    word_t i;
    for (i = 0; i < N_ASID_POOLS && x86KSASIDTable[i]; i++)
        ;
    if (i == N_ASID_POOLS)   /* every pool is in use */
        return SYSCALL_ERROR(seL4_DeleteFirst);
    word_t asid_base = i << ASID_LOW_BITS;

    if (cap_get_type(untyped) != cap_untyped || cap_ut_block_bits(untyped) != ASID_POOL_BITS ||
        cap_ut_is_device(untyped))
        return SYSCALL_INVALID_CAP(1);

    exception_t status = ensureNoChildren(parent);
    if (status != EXCEPTION_NONE)
        return status;

    lookup_slot_ret_t dest = lookupTargetSlot(root, index, depth);
    if (dest.status != EXCEPTION_NONE)
        return dest.status;
    status = ensureEmptySlot(dest.slot);
    if (status != EXCEPTION_NONE)
        return status;

    setThreadState(ksCurThread, ThreadState_Restart);
    return performASIDControlMakePool(ptr_from_paddr(cap_ut_paddr(untyped)), dest.slot, parent, asid_base);
}

/* Extra cap 0: the PML4 to give an ASID to. */
exception_t decodeX86ASIDPoolInvocation(word_t label, cap_t cap)
{
    if (label != X86ASIDPoolAssign)
        return SYSCALL_ERROR(seL4_IllegalOperation);
    if (!current_extra_caps.slots[0])
        return SYSCALL_ERROR(seL4_TruncatedMessage);

    cte_t *vspace_slot = current_extra_caps.slots[0];
    cap_t vspace_cap = vspace_slot->cap;
    if (cap_get_type(vspace_cap) != cap_pml4 || cap_pt_is_mapped(vspace_cap)) {
        userErrorAs("decodeX86MMUInvocation", "X86ASIDPool: Invalid vspace root.");
        return SYSCALL_INVALID_CAP(1);
    }

    asid_pool_t *pool = x86KSASIDTable[cap_pool_asid_base(cap) >> ASID_LOW_BITS];
    if (!pool) {
        set_lookup_fault(lookup_invalid_root, 0);
        return SYSCALL_FAILED_LOOKUP(false);
    }
    if (pool != pool_ptr(cap))
        return SYSCALL_INVALID_CAP(0);

    /* first free ASID; ASID 0 is never given out */
    word_t base = cap_pool_asid_base(cap), i;
    for (i = 0; i < BIT(ASID_LOW_BITS) && (base + i == ASID_INVALID || pool->pml4[i]); i++)
        ;
    if (i == BIT(ASID_LOW_BITS))
        return SYSCALL_ERROR(seL4_DeleteFirst);

    setThreadState(ksCurThread, ThreadState_Restart);
    return performASIDPoolAssign(base + i, pool, vspace_slot);
}
