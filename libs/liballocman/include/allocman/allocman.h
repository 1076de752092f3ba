/*
 * allocman: an allocator of CSlots and kernel objects for a program that
 * manages its own resources (the root task).
 *
 * An allocman_t manages three things, all bookkept in one memory pool the
 * caller provides (nothing is ever malloc'ed):
 *   - mspace: the pool itself, for the allocator's own records;
 *   - cspace: a range of slots [first, end) of one CNode;
 *   - utspace: untyped memory, handed over as untyped caps.
 *
 * Untyped memory is managed as a buddy system: to make an object of 2^n
 * bytes the allocator takes the smallest free block that fits, halves it
 * with Untyped_Retype (each half is an untyped child with its own cap) until
 * a block of exactly 2^n bytes remains, and retypes that block into the
 * object. Freeing revokes the block's cap (which deletes the object and any
 * copies of its cap), and a freed block whose buddy is also free is merged
 * back into its parent. Allocations at a given physical address work the
 * same way, halving toward that address.
 *
 * Most code uses this through a vka_t (allocman_make_vka in allocman/vka.h)
 * and creates it with one of the functions in allocman/bootstrap.h.
 */
#pragma once

#include <autoconf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sel4/sel4.h>
#include <vka/cspacepath_t.h>

/* "Any physical address" (1 is never an object's address). */
#define ALLOCMAN_NO_PADDR 1

/* Kinds of untyped memory (allocman_utspace_add_uts). */
#define ALLOCMAN_UT_KERNEL  0   /* RAM: any object */
#define ALLOCMAN_UT_DEV     1   /* device memory: frames and untypeds at a requested address */
#define ALLOCMAN_UT_DEV_MEM 2   /* device untyped that is really RAM: frames when the caller allows */

struct allocman_ut;
struct allocman_chunk;
struct allocman_slot;

typedef struct allocman {
    /* mspace: bump allocation in [pool, pool + pool_size), plus freed chunks */
    char *pool;
    size_t pool_size;
    size_t pool_used;
    struct allocman_chunk *free_chunks;

    /* cspace: slots [first_slot, end_slot) of `cnode`, CPtrs of cnode_depth bits */
    bool have_cspace;
    seL4_CPtr cnode;
    seL4_Word cnode_depth;
    seL4_CPtr first_slot;
    seL4_CPtr end_slot;
    seL4_CPtr next_slot;            /* never handed out yet from here on */
    struct allocman_slot *free_slots;

    /* utspace: every free block of untyped memory, any size or kind */
    bool have_utspace;
    struct allocman_ut *free_uts;
} allocman_t;

/* Allocate `bytes` of bookkeeping memory from the pool; NULL (and *_error = 1) when full. */
void *allocman_mspace_alloc(allocman_t *alloc, size_t bytes, int *_error);
/* Return memory from allocman_mspace_alloc (same size). */
void allocman_mspace_free(allocman_t *alloc, void *ptr, size_t bytes);

/* Use slots [first_slot, end_slot) of `cnode`; a slot is a CPtr of cnode_depth bits. 0 on success. */
int allocman_attach_cspace_single_level(allocman_t *alloc, seL4_CPtr cnode, seL4_Word cnode_depth,
                                        seL4_CPtr first_slot, seL4_CPtr end_slot);

/* Allocate an empty slot; its path goes to *slot. 0 on success. */
int allocman_cspace_alloc(allocman_t *alloc, cspacepath_t *slot);
/* Give a slot back (it should be empty). */
void allocman_cspace_free(allocman_t *alloc, const cspacepath_t *slot);
/* The path of slot `slot` of the allocator's CNode. */
cspacepath_t allocman_cspace_make_path(allocman_t *alloc, seL4_CPtr slot);

/*
 * Hand `num` untyped caps to the allocator: uts[i] is the path of the cap,
 * size_bits[i] its size, paddr[i] its physical address (paddr may be NULL
 * if unknown: ALLOCMAN_NO_PADDR is used), all of kind utType. 0 on success.
 */
int allocman_utspace_add_uts(allocman_t *alloc, size_t num, const cspacepath_t *uts, size_t *size_bits,
                             uintptr_t *paddr, int utType);

/*
 * Make one object of seL4 type `type` taking 2^size_bits bytes (for a CNode
 * that is seL4_SlotBits + its slot bits, unlike Untyped_Retype), with its
 * cap in the empty slot `path`, at physical address paddr (or anywhere with
 * ALLOCMAN_NO_PADDR); canBeDev lets frames come from device memory. Returns
 * the cookie for allocman_utspace_free; *_error (if not NULL) is 0 on
 * success.
 */
seL4_Word allocman_utspace_alloc_at(allocman_t *alloc, size_t size_bits, seL4_Word type,
                                    const cspacepath_t *path, uintptr_t paddr, bool canBeDev, int *_error);

static inline seL4_Word allocman_utspace_alloc(allocman_t *alloc, size_t size_bits, seL4_Word type,
                                               const cspacepath_t *path, bool canBeDev, int *_error)
{
    return allocman_utspace_alloc_at(alloc, size_bits, type, path, ALLOCMAN_NO_PADDR, canBeDev, _error);
}

/* Give an object's memory back: every cap to it is deleted (revoked) first. */
void allocman_utspace_free(allocman_t *alloc, seL4_Word cookie, size_t size_bits);
/* Physical address of an allocated object (ALLOCMAN_NO_PADDR if unknown). */
uintptr_t allocman_utspace_paddr(allocman_t *alloc, seL4_Word cookie, size_t size_bits);

/* Bytes of untyped memory free in blocks of kind utType. */
size_t allocman_utspace_free_bytes(allocman_t *alloc, int utType);
