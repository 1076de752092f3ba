/* allocman: creating allocators over a static pool. */
#include <string.h>
#include <utils/util.h>
#include <allocman/bootstrap.h>

allocman_t *bootstrap_create_allocman(size_t pool_size, void *pool)
{
    uintptr_t start = ROUND_UP((uintptr_t)pool, 16);
    uintptr_t end = (uintptr_t)pool + pool_size;
    if (pool == NULL || end < start || end - start < sizeof(allocman_t) + 16) {
        ZF_LOGE("allocman: pool of %zu bytes is too small", pool_size);
        return NULL;
    }
    allocman_t *alloc = (allocman_t *)start;
    memset(alloc, 0, sizeof(*alloc));
    alloc->pool = (char *)ROUND_UP(start + sizeof(allocman_t), 16);
    alloc->pool_size = end > (uintptr_t)alloc->pool ? end - (uintptr_t)alloc->pool : 0;
    return alloc;
}

allocman_t *bootstrap_use_current_1level(seL4_CPtr root_cnode, size_t cnode_size, seL4_CPtr start_slot,
                                         seL4_CPtr end_slot, size_t pool_size, void *pool)
{
    allocman_t *alloc = bootstrap_create_allocman(pool_size, pool);
    if (alloc == NULL) {
        return NULL;
    }
    if (end_slot > BIT(cnode_size)) {
        end_slot = BIT(cnode_size);
    }
    /* One level: the guard takes the rest of the word, so slot CPtrs resolve with all the bits. */
    if (allocman_attach_cspace_single_level(alloc, root_cnode, seL4_WordBits, start_slot, end_slot) != 0) {
        return NULL;
    }
    return alloc;
}

static int add_bootinfo_untypeds(allocman_t *alloc, seL4_BootInfo *bi)
{
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        cspacepath_t path = allocman_cspace_make_path(alloc, bi->untyped.start + i);
        size_t size_bits = bi->untypedList[i].sizeBits;
        uintptr_t paddr = bi->untypedList[i].paddr;
        int kind = bi->untypedList[i].isDevice ? ALLOCMAN_UT_DEV : ALLOCMAN_UT_KERNEL;
        int error = allocman_utspace_add_uts(alloc, 1, &path, &size_bits, &paddr, kind);
        if (error) {
            return error;
        }
    }
    return 0;
}

allocman_t *bootstrap_use_bootinfo(seL4_BootInfo *bi, size_t pool_size, void *pool)
{
    allocman_t *alloc = bootstrap_use_current_1level(seL4_CapInitThreadCNode, bi->initThreadCNodeSizeBits,
                                                     bi->empty.start, bi->empty.end, pool_size, pool);
    if (alloc == NULL || add_bootinfo_untypeds(alloc, bi) != 0) {
        return NULL;
    }
    return alloc;
}

int allocman_add_simple_untypeds(allocman_t *alloc, simple_t *simple)
{
    int count = simple_get_untyped_count(simple);
    for (int i = 0; i < count; i++) {
        size_t size_bits;
        uintptr_t paddr;
        bool device;
        seL4_CPtr cap = simple_get_nth_untyped(simple, i, &size_bits, &paddr, &device);
        cspacepath_t path = allocman_cspace_make_path(alloc, cap);
        int error = allocman_utspace_add_uts(alloc, 1, &path, &size_bits, &paddr,
                                             device ? ALLOCMAN_UT_DEV : ALLOCMAN_UT_KERNEL);
        if (error) {
            return error;
        }
    }
    return 0;
}

allocman_t *bootstrap_use_current_simple(simple_t *simple, size_t pool_size, void *pool)
{
    int cnode_size = simple_get_cnode_size_bits(simple);
    if (cnode_size <= 0) {
        return NULL;
    }
    allocman_t *alloc = bootstrap_use_current_1level(simple_get_cnode(simple), (size_t)cnode_size,
                                                     simple_last_valid_cap(simple) + 1, BIT(cnode_size),
                                                     pool_size, pool);
    if (alloc == NULL || allocman_add_simple_untypeds(alloc, simple) != 0) {
        return NULL;
    }
    return alloc;
}
