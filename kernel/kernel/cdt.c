/* The capability derivation tree and deletion.
 *
 * The tree is kept, as in seL4, as one doubly linked list in depth-first
 * order: a cap's descendants follow it directly, and isMDBParentOf()
 * decides where a subtree ends. Deletion of CNodes and TCBs (objects that
 * hold caps) goes through zombies so that the kernel's recursion depth
 * stays bounded whatever the user builds (seL4's finaliseSlot/reduceZombie). */
#include "kernel.h"

static bool isMDBParentOf(cte_t *a, cte_t *b)
{
    if (!mdb_revocable(a) || !sameRegionAs(a->cap, b->cap))
        return false;
    switch (cap_get_type(a->cap)) {
    case cap_endpoint: {
        word_t badge = cap_ep_badge(a->cap);
        if (badge == 0)
            return true;
        return badge == cap_ep_badge(b->cap) && !mdb_first_badged(b);
    }
    case cap_notification: {
        word_t badge = cap_ntfn_badge(a->cap);
        if (badge == 0)
            return true;
        return badge == cap_ntfn_badge(b->cap) && !mdb_first_badged(b);
    }
    default:
        return true;
    }
}

bool hasChildren(cte_t *slot)
{
    cte_t *next = mdb_next(slot);
    return next && isMDBParentOf(slot, next);
}

exception_t ensureNoChildren(cte_t *slot)
{
    if (hasChildren(slot))
        return SYSCALL_ERROR(seL4_RevokeFirst);
    return EXCEPTION_NONE;
}

exception_t ensureEmptySlot(cte_t *slot)
{
    if (!cap_is_null(slot->cap))
        return SYSCALL_ERROR(seL4_DeleteFirst);
    return EXCEPTION_NONE;
}

bool isFinalCapability(cte_t *slot)
{
    cte_t *prev = mdb_prev(slot), *next = mdb_next(slot);
    if (prev && sameObjectAs(prev->cap, slot->cap))
        return false;
    return !next || !sameObjectAs(slot->cap, next->cap);
}

/* A retype from a copy of an untyped must not hand out memory that another
 * copy can still retype: mark the source full. */
void setUntypedCapAsFull(cap_t src, cap_t new_cap, cte_t *src_slot)
{
    if (cap_get_type(src) == cap_untyped && cap_get_type(new_cap) == cap_untyped &&
        cap_ut_paddr(src) == cap_ut_paddr(new_cap) &&
        cap_ut_block_bits(src) == cap_ut_block_bits(new_cap))
        src_slot->cap = cap_set_ut_free_index(src_slot->cap, BIT(cap_ut_block_bits(src)));
}

void cteInsert(cap_t new_cap, cte_t *src, cte_t *dest)
{
    bool revocable = isCapRevocable(new_cap, src->cap);
    cte_t *next = mdb_next(src);

    setUntypedCapAsFull(src->cap, new_cap, src);
    dest->cap = new_cap;
    dest->mdb.prev = (word_t)src;
    dest->mdb.next = (word_t)next;
    mdb_set_flags(dest, revocable, revocable);
    mdb_set_next(src, dest);
    if (next)
        mdb_set_prev(next, dest);
}

void insertNewCap(cte_t *parent, cte_t *slot, cap_t cap)
{
    cte_t *next = mdb_next(parent);
    slot->cap = cap;
    slot->mdb.prev = (word_t)parent;
    slot->mdb.next = (word_t)next;
    mdb_set_flags(slot, true, true);
    if (next)
        mdb_set_prev(next, slot);
    mdb_set_next(parent, slot);
}

void cteMove(cap_t new_cap, cte_t *src, cte_t *dest)
{
    mdb_node_t m = src->mdb;
    dest->cap = new_cap;
    dest->mdb = m;
    src->cap = null_cap;
    src->mdb.prev = src->mdb.next = 0;
    if (mdb_prev(dest))
        mdb_set_next(mdb_prev(dest), dest);
    if (mdb_next(dest))
        mdb_set_prev(mdb_next(dest), dest);
}

/* The order of the link updates matters when the two slots are neighbours
 * in the list: slot2's links are read only after slot1's neighbours have
 * been redirected, which makes the adjacent case come out right. */
void cteSwap(cap_t cap1, cte_t *slot1, cap_t cap2, cte_t *slot2)
{
    slot1->cap = cap2;
    slot2->cap = cap1;

    mdb_node_t m1 = slot1->mdb;
    cte_t *prev = (cte_t *)(m1.prev & ~MDB_FLAGS), *next = (cte_t *)m1.next;
    if (prev)
        mdb_set_next(prev, slot2);
    if (next)
        mdb_set_prev(next, slot2);

    mdb_node_t m2 = slot2->mdb;
    slot1->mdb = m2;
    slot2->mdb = m1;
    prev = (cte_t *)(m2.prev & ~MDB_FLAGS);
    next = (cte_t *)m2.next;
    if (prev)
        mdb_set_next(prev, slot1);
    if (next)
        mdb_set_prev(next, slot1);
}

static void emptySlot(cte_t *slot, cap_t cleanup)
{
    if (cap_is_null(slot->cap))
        return;
    cte_t *prev = mdb_prev(slot), *next = mdb_next(slot);
    if (prev)
        mdb_set_next(prev, next);
    if (next) {
        mdb_set_prev(next, prev);
        /* The first badged copy's flag passes to its successor. */
        mdb_set_flags(next, mdb_revocable(next), mdb_first_badged(next) || mdb_first_badged(slot));
    }
    slot->cap = null_cap;
    slot->mdb.prev = slot->mdb.next = 0;
    if (cap_get_type(cleanup) == cap_irq_handler)
        deletedIRQHandler(cap_irq(cleanup));
}

/* ---------------------------------------------------------------- zombies */

#define ZOMBIE_TCB 0x3f   /* zombie_kind: a TCB; otherwise the CNode radix */

static inline cte_t *zombie_ptr(cap_t z) { return (cte_t *)ptr_from_paddr(cap_zombie_paddr(z)); }

cap_t make_zombie(cte_t *first, word_t number, word_t kind)
{
    cap_t z = cap_new(cap_zombie);
    z = cap_set_zombie_paddr(z, paddr_from_pptr(first));
    z = cap_set_zombie_kind(z, kind);
    return cap_set_zombie_number(z, number);
}

static bool capRemovable(cap_t cap, cte_t *slot)
{
    if (cap_is_null(cap))
        return true;
    word_t n = cap_zombie_number(cap);
    return n == 0 || (n == 1 && zombie_ptr(cap) == slot);
}

static bool capCyclicZombie(cap_t cap, cte_t *slot)
{
    return cap_get_type(cap) == cap_zombie && zombie_ptr(cap) == slot;
}

/* Move the zombie in `slot` into the first slot of the object it covers,
 * so that deleting that object's slots happens one level up. */
static void capSwapForDelete(cte_t *a, cte_t *b)
{
    if (a != b)
        cteSwap(a->cap, a, b->cap, b);
}

typedef struct finalise_slot_ret { exception_t status; bool success; cap_t cleanup; } finalise_slot_ret_t;
static finalise_slot_ret_t finaliseSlot(cte_t *slot, bool immediate);

exception_t cteDelete(cte_t *slot, bool exposed)
{
    finalise_slot_ret_t r = finaliseSlot(slot, exposed);
    if (r.status != EXCEPTION_NONE)
        return r.status;
    if (exposed || r.success)
        emptySlot(slot, r.cleanup);
    return EXCEPTION_NONE;
}

static exception_t reduceZombie(cte_t *slot, bool immediate)
{
    cap_t z = slot->cap;
    cte_t *first = zombie_ptr(z);
    word_t n = cap_zombie_number(z), kind = cap_zombie_kind(z);

    if (immediate) {
        cte_t *end = first + n - 1;
        exception_t status = cteDelete(end, false);
        if (status != EXCEPTION_NONE)
            return status;
        if (cap_get_type(slot->cap) == cap_zombie && zombie_ptr(slot->cap) == first &&
            cap_zombie_number(slot->cap) == n && cap_zombie_kind(slot->cap) == kind)
            slot->cap = cap_set_zombie_number(slot->cap, n - 1);
        /* Otherwise the deletion replaced our zombie with a self-referential
         * one moved here by capSwapForDelete: the loop goes on with it. */
    } else {
        capSwapForDelete(first, slot);
    }
    return EXCEPTION_NONE;
}

static finalise_slot_ret_t finaliseSlot(cte_t *slot, bool immediate)
{
    finalise_slot_ret_t ret = { EXCEPTION_NONE, true, null_cap };

    while (!cap_is_null(slot->cap)) {
        bool final = isFinalCapability(slot);
        finalise_ret_t f = finaliseCap(slot->cap, final, false);
        if (capRemovable(f.remainder, slot)) {
            ret.cleanup = f.cleanup_info;
            return ret;
        }
        slot->cap = f.remainder;
        if (!immediate && capCyclicZombie(f.remainder, slot)) {
            ret.success = false;
            return ret;
        }
        exception_t status = reduceZombie(slot, immediate);
        if (status != EXCEPTION_NONE) {
            ret.status = status;
            ret.success = false;
            return ret;
        }
    }
    return ret;
}

/* Delete a cap that can never be the last one holding other caps (reply
 * caps, a thread's caller slot, ...). */
void cteDeleteOne(cte_t *slot)
{
    if (cap_is_null(slot->cap))
        return;
    bool final = isFinalCapability(slot);
    finalise_ret_t f = finaliseCap(slot->cap, final, true);
    emptySlot(slot, f.cleanup_info);
}

exception_t cteRevoke(cte_t *slot)
{
    for (cte_t *next = mdb_next(slot); next && isMDBParentOf(slot, next); next = mdb_next(slot)) {
        exception_t status = cteDelete(next, true);
        if (status != EXCEPTION_NONE)
            return status;
    }
    return EXCEPTION_NONE;
}
