/*
 * allocman: creating an allocator whose bookkeeping lives in a static pool.
 *
 * Every function returns NULL on failure (pool too small, bad arguments).
 * The allocman_t itself is placed at the start of the pool.
 */
#pragma once

#include <stddef.h>
#include <sel4/sel4.h>
#include <simple/simple.h>
#include <allocman/allocman.h>

/* An allocator with only its pool: no slots or untyped memory yet. */
allocman_t *bootstrap_create_allocman(size_t pool_size, void *pool);

/*
 * For the current thread's one-level CSpace: slots [start_slot, end_slot) of
 * root_cnode (2^cnode_size slots, the rest of the CPtr being guard) are
 * free. No untyped memory yet.
 */
allocman_t *bootstrap_use_current_1level(seL4_CPtr root_cnode, size_t cnode_size, seL4_CPtr start_slot,
                                         seL4_CPtr end_slot, size_t pool_size, void *pool);

/* For a root task: the empty slots and every untyped in the boot info. */
allocman_t *bootstrap_use_bootinfo(seL4_BootInfo *bi, size_t pool_size, void *pool);

/*
 * For the thread `simple` describes: the slots after simple_last_valid_cap
 * up to the end of its CNode, and every untyped simple lists (device
 * untypeds as ALLOCMAN_UT_DEV).
 */
allocman_t *bootstrap_use_current_simple(simple_t *simple, size_t pool_size, void *pool);

/* Hand every untyped simple lists to alloc. 0 on success. */
int allocman_add_simple_untypeds(allocman_t *alloc, simple_t *simple);
