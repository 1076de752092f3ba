/*
 * allocman: untyped memory as a buddy system (see allocman/allocman.h).
 *
 * Each block of untyped memory the allocator knows is a struct allocman_ut
 * with its own untyped cap. A block is FREE (on the free list), SPLIT (its
 * two halves exist as child untyped caps) or USED (one object was retyped
 * out of it; the cookie given out is the block's address).
 */
#include <string.h>
#include <utils/util.h>
#include <vka/object.h>
#include <allocman/allocman.h>

enum ut_state { UT_FREE, UT_SPLIT, UT_USED };

struct allocman_ut {
    struct allocman_ut *next, *prev;   /* free list, while FREE */
    struct allocman_ut *parent;        /* block this is half of; NULL for added untypeds */
    struct allocman_ut *buddy;         /* the other half of parent */
    seL4_CPtr cptr;                    /* its untyped cap, in the allocator's CNode */
    uintptr_t paddr;
    uint8_t size_bits;
    uint8_t kind;                      /* ALLOCMAN_UT_* */
    uint8_t state;
};

static void free_list_add(allocman_t *alloc, struct allocman_ut *ut)
{
    ut->state = UT_FREE;
    ut->prev = NULL;
    ut->next = alloc->free_uts;
    if (ut->next) {
        ut->next->prev = ut;
    }
    alloc->free_uts = ut;
}

static void free_list_remove(allocman_t *alloc, struct allocman_ut *ut)
{
    if (ut->prev) {
        ut->prev->next = ut->next;
    } else {
        alloc->free_uts = ut->next;
    }
    if (ut->next) {
        ut->next->prev = ut->prev;
    }
    ut->next = ut->prev = NULL;
}

int allocman_utspace_add_uts(allocman_t *alloc, size_t num, const cspacepath_t *uts, size_t *size_bits,
                             uintptr_t *paddr, int utType)
{
    if (utType != ALLOCMAN_UT_KERNEL && utType != ALLOCMAN_UT_DEV && utType != ALLOCMAN_UT_DEV_MEM) {
        ZF_LOGE("allocman: unknown untyped kind %d", utType);
        return -1;
    }
    for (size_t i = 0; i < num; i++) {
        if (size_bits[i] < seL4_MinUntypedBits || size_bits[i] > seL4_MaxUntypedBits) {
            ZF_LOGE("allocman: untyped of %zu bits ignored", size_bits[i]);
            continue;
        }
        struct allocman_ut *ut = allocman_mspace_alloc(alloc, sizeof(*ut), NULL);
        if (ut == NULL) {
            return -1;
        }
        ut->cptr = uts[i].capPtr;
        ut->paddr = paddr ? paddr[i] : ALLOCMAN_NO_PADDR;
        ut->size_bits = (uint8_t)size_bits[i];
        ut->kind = (uint8_t)utType;
        free_list_add(alloc, ut);
    }
    alloc->have_utspace = true;
    return 0;
}

static bool is_frame_type(seL4_Word type)
{
    return type == seL4_X86_4K || type == seL4_X86_LargePageObject || type == seL4_X64_HugePageObject;
}

/* Can `ut` (of at least `bits` bits) hold this request? */
static bool fits(const struct allocman_ut *ut, size_t bits, seL4_Word type, uintptr_t paddr, bool canBeDev)
{
    if (ut->size_bits < bits) {
        return false;
    }
    if (ut->kind != ALLOCMAN_UT_KERNEL) {
        /* Device memory holds only frames and untypeds... */
        if (!is_frame_type(type) && type != seL4_UntypedObject) {
            return false;
        }
        /* ...and plain device memory only when an address is asked for. */
        if (paddr == ALLOCMAN_NO_PADDR && (ut->kind == ALLOCMAN_UT_DEV || !canBeDev)) {
            return false;
        }
    }
    if (paddr != ALLOCMAN_NO_PADDR) {
        if (ut->paddr == ALLOCMAN_NO_PADDR) {
            return false;
        }
        uintptr_t end = ut->paddr + BIT(ut->size_bits);
        if (paddr < ut->paddr || paddr + BIT(bits) > end || paddr + BIT(bits) < paddr) {
            return false;
        }
    }
    return true;
}

/* Best fit: the smallest block that can hold the request, RAM before device RAM. */
static struct allocman_ut *find_block(allocman_t *alloc, size_t bits, seL4_Word type, uintptr_t paddr,
                                      bool canBeDev)
{
    struct allocman_ut *best = NULL;
    for (struct allocman_ut *ut = alloc->free_uts; ut; ut = ut->next) {
        if (!fits(ut, bits, type, paddr, canBeDev)) {
            continue;
        }
        if (best == NULL || ut->size_bits < best->size_bits ||
            (ut->size_bits == best->size_bits && ut->kind == ALLOCMAN_UT_KERNEL && best->kind != ALLOCMAN_UT_KERNEL)) {
            best = ut;
        }
    }
    return best;
}

static int retype_into_new_slot(allocman_t *alloc, seL4_CPtr from, seL4_Word type, seL4_Word user_size,
                                cspacepath_t *slot)
{
    int error = allocman_cspace_alloc(alloc, slot);
    if (error) {
        return error;
    }
    error = seL4_Untyped_Retype(from, type, user_size, slot->root, slot->dest, slot->destDepth, slot->offset, 1);
    if (error) {
        ZF_LOGE("allocman: Untyped_Retype failed: %d", error);
        allocman_cspace_free(alloc, slot);
    }
    return error;
}

static void delete_block(allocman_t *alloc, struct allocman_ut *ut)
{
    cspacepath_t path = allocman_cspace_make_path(alloc, ut->cptr);
    seL4_CNode_Delete(path.root, path.capPtr, path.capDepth);
    allocman_cspace_free(alloc, &path);
    allocman_mspace_free(alloc, ut, sizeof(*ut));
}

/* Halve the free block `ut` into two free untyped children. */
static int split_block(allocman_t *alloc, struct allocman_ut *ut)
{
    size_t half = ut->size_bits - 1u;
    if (half < seL4_MinUntypedBits) {
        return -1;
    }
    struct allocman_ut *lo = allocman_mspace_alloc(alloc, sizeof(*lo), NULL);
    struct allocman_ut *hi = allocman_mspace_alloc(alloc, sizeof(*hi), NULL);
    if (lo == NULL || hi == NULL) {
        allocman_mspace_free(alloc, lo, sizeof(*lo));
        allocman_mspace_free(alloc, hi, sizeof(*hi));
        return -1;
    }
    /* The block has no children, so the kernel places the halves at its start and middle. */
    cspacepath_t lo_path, hi_path;
    int error = retype_into_new_slot(alloc, ut->cptr, seL4_UntypedObject, half, &lo_path);
    if (error == 0) {
        error = retype_into_new_slot(alloc, ut->cptr, seL4_UntypedObject, half, &hi_path);
        if (error) {
            seL4_CNode_Delete(lo_path.root, lo_path.capPtr, lo_path.capDepth);
            allocman_cspace_free(alloc, &lo_path);
        }
    }
    if (error) {
        allocman_mspace_free(alloc, lo, sizeof(*lo));
        allocman_mspace_free(alloc, hi, sizeof(*hi));
        return error;
    }
    *lo = (struct allocman_ut) {
        .parent = ut, .buddy = hi, .cptr = lo_path.capPtr, .paddr = ut->paddr,
        .size_bits = (uint8_t)half, .kind = ut->kind,
    };
    *hi = (struct allocman_ut) {
        .parent = ut, .buddy = lo, .cptr = hi_path.capPtr,
        .paddr = ut->paddr == ALLOCMAN_NO_PADDR ? ALLOCMAN_NO_PADDR : ut->paddr + BIT(half),
        .size_bits = (uint8_t)half, .kind = ut->kind,
    };
    free_list_remove(alloc, ut);
    ut->state = UT_SPLIT;
    free_list_add(alloc, hi);
    free_list_add(alloc, lo);
    return 0;
}

/* While the free block `ut` and its buddy are both free, put the parent back together. */
static void merge_block(allocman_t *alloc, struct allocman_ut *ut)
{
    while (ut->parent && ut->state == UT_FREE && ut->buddy->state == UT_FREE) {
        struct allocman_ut *parent = ut->parent;
        free_list_remove(alloc, ut);
        free_list_remove(alloc, ut->buddy);
        delete_block(alloc, ut->buddy);
        delete_block(alloc, ut);
        free_list_add(alloc, parent);
        ut = parent;
    }
}

/* The retype size argument for an object taking 2^size_bits bytes. */
static seL4_Word retype_size(seL4_Word type, size_t size_bits)
{
    if (type == seL4_CapTableObject) {
        return size_bits - seL4_SlotBits;
    }
    return size_bits;   /* untypeds; ignored by the kernel for fixed-size objects */
}

seL4_Word allocman_utspace_alloc_at(allocman_t *alloc, size_t size_bits, seL4_Word type,
                                    const cspacepath_t *path, uintptr_t paddr, bool canBeDev, int *_error)
{
    int error = -1;
    size_t bits = MAX(size_bits, (size_t)seL4_MinUntypedBits);
    struct allocman_ut *ut = NULL;

    if (!alloc->have_utspace || bits > seL4_MaxUntypedBits ||
        (type == seL4_CapTableObject && size_bits <= seL4_SlotBits)) {
        goto out;
    }
    if (paddr != ALLOCMAN_NO_PADDR && (paddr & MASK(bits)) != 0) {
        ZF_LOGE("allocman: paddr %p is not aligned to 2^%zu", (void *)paddr, bits);
        goto out;
    }
    ut = find_block(alloc, bits, type, paddr, canBeDev);
    if (ut == NULL) {
        goto out;
    }
    while (ut->size_bits > bits) {
        if (split_block(alloc, ut) != 0) {
            merge_block(alloc, ut);   /* undo the halvings done so far */
            goto out;
        }
        /* The halves were pushed hi then lo, so the list head is lo. */
        struct allocman_ut *low = alloc->free_uts, *high = low->buddy;
        ut = (paddr != ALLOCMAN_NO_PADDR && paddr >= high->paddr) ? high : low;
    }
    error = seL4_Untyped_Retype(ut->cptr, type, retype_size(type, size_bits), path->root, path->dest,
                                path->destDepth, path->offset, 1);
    if (error) {
        ZF_LOGE("allocman: Untyped_Retype of type %lu failed: %d", (unsigned long)type, error);
        merge_block(alloc, ut);
        goto out;
    }
    free_list_remove(alloc, ut);
    ut->state = UT_USED;

out:
    if (_error) {
        *_error = error;
    }
    return error ? 0 : (seL4_Word)ut;
}

void allocman_utspace_free(allocman_t *alloc, seL4_Word cookie, size_t size_bits)
{
    struct allocman_ut *ut = (struct allocman_ut *)cookie;
    (void)size_bits;
    if (ut == NULL || ut->state != UT_USED) {
        ZF_LOGE("allocman: freeing memory that is not allocated (cookie %p)", (void *)cookie);
        return;
    }
    /* Whatever caps to the object remain go now, so the memory can be reused. */
    cspacepath_t path = allocman_cspace_make_path(alloc, ut->cptr);
    int error = seL4_CNode_Revoke(path.root, path.capPtr, path.capDepth);
    if (error) {
        ZF_LOGE("allocman: revoking the object's untyped failed (%d); its memory is leaked", error);
        return;
    }
    free_list_add(alloc, ut);
    merge_block(alloc, ut);
}

uintptr_t allocman_utspace_paddr(allocman_t *alloc, seL4_Word cookie, size_t size_bits)
{
    (void)alloc;
    (void)size_bits;
    struct allocman_ut *ut = (struct allocman_ut *)cookie;
    return ut ? ut->paddr : ALLOCMAN_NO_PADDR;
}

size_t allocman_utspace_free_bytes(allocman_t *alloc, int utType)
{
    size_t total = 0;
    for (struct allocman_ut *ut = alloc->free_uts; ut; ut = ut->next) {
        if (ut->kind == utType) {
            total += BIT(ut->size_bits);
        }
    }
    return total;
}
