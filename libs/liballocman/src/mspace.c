/*
 * allocman: the bookkeeping pool (mspace) and the slot allocator (cspace).
 *
 * The pool is used bump-pointer style; freed pieces go on a list and are
 * reused for requests of the same rounded size (the allocator asks for few
 * distinct sizes, so this is all the reuse it needs).
 */
#include <string.h>
#include <utils/util.h>
#include <allocman/allocman.h>

#define CHUNK_ALIGN 16

struct allocman_chunk {
    struct allocman_chunk *next;
    size_t size;
};

struct allocman_slot {
    struct allocman_slot *next;
    seL4_CPtr slot;
};

static size_t chunk_size(size_t bytes)
{
    size_t size = ROUND_UP(bytes, CHUNK_ALIGN);
    return size < sizeof(struct allocman_chunk) ? sizeof(struct allocman_chunk) : size;
}

void *allocman_mspace_alloc(allocman_t *alloc, size_t bytes, int *_error)
{
    size_t size = chunk_size(bytes);
    for (struct allocman_chunk **p = &alloc->free_chunks; *p; p = &(*p)->next) {
        if ((*p)->size == size) {
            struct allocman_chunk *c = *p;
            *p = c->next;
            memset(c, 0, size);
            if (_error) {
                *_error = 0;
            }
            return c;
        }
    }
    if (alloc->pool_size - alloc->pool_used < size) {
        ZF_LOGE("allocman: bookkeeping pool exhausted (%zu of %zu bytes used)", alloc->pool_used,
                alloc->pool_size);
        if (_error) {
            *_error = 1;
        }
        return NULL;
    }
    void *p = alloc->pool + alloc->pool_used;
    alloc->pool_used += size;
    memset(p, 0, size);
    if (_error) {
        *_error = 0;
    }
    return p;
}

void allocman_mspace_free(allocman_t *alloc, void *ptr, size_t bytes)
{
    if (ptr == NULL) {
        return;
    }
    struct allocman_chunk *c = ptr;
    c->size = chunk_size(bytes);
    c->next = alloc->free_chunks;
    alloc->free_chunks = c;
}

int allocman_attach_cspace_single_level(allocman_t *alloc, seL4_CPtr cnode, seL4_Word cnode_depth,
                                        seL4_CPtr first_slot, seL4_CPtr end_slot)
{
    if (alloc->have_cspace) {
        ZF_LOGE("allocman: a cspace is already attached");
        return -1;
    }
    if (first_slot >= end_slot) {
        ZF_LOGE("allocman: empty slot range [%lu, %lu)", (unsigned long)first_slot, (unsigned long)end_slot);
        return -1;
    }
    alloc->cnode = cnode;
    alloc->cnode_depth = cnode_depth;
    alloc->first_slot = first_slot;
    alloc->end_slot = end_slot;
    alloc->next_slot = first_slot;
    alloc->free_slots = NULL;
    alloc->have_cspace = true;
    return 0;
}

cspacepath_t allocman_cspace_make_path(allocman_t *alloc, seL4_CPtr slot)
{
    /* One level: the slot's CNode is the root itself, named by its own CPtr. */
    return (cspacepath_t) {
        .capPtr = slot,
        .capDepth = alloc->cnode_depth,
        .root = alloc->cnode,
        .dest = alloc->cnode,
        .destDepth = alloc->cnode_depth,
        .offset = slot,
        .window = 1,
    };
}

int allocman_cspace_alloc(allocman_t *alloc, cspacepath_t *slot)
{
    if (!alloc->have_cspace) {
        ZF_LOGE("allocman: no cspace attached");
        return -1;
    }
    seL4_CPtr s;
    if (alloc->free_slots) {
        struct allocman_slot *f = alloc->free_slots;
        alloc->free_slots = f->next;
        s = f->slot;
        allocman_mspace_free(alloc, f, sizeof(*f));
    } else if (alloc->next_slot < alloc->end_slot) {
        s = alloc->next_slot++;
    } else {
        ZF_LOGE("allocman: out of slots");
        return -1;
    }
    *slot = allocman_cspace_make_path(alloc, s);
    return 0;
}

void allocman_cspace_free(allocman_t *alloc, const cspacepath_t *slot)
{
    if (!alloc->have_cspace || slot->capPtr < alloc->first_slot || slot->capPtr >= alloc->end_slot) {
        ZF_LOGE("allocman: freeing slot %lu that it does not manage", (unsigned long)slot->capPtr);
        return;
    }
    if (slot->capPtr + 1 == alloc->next_slot) {
        alloc->next_slot--;    /* the most recent slot: just step back */
        return;
    }
    struct allocman_slot *f = allocman_mspace_alloc(alloc, sizeof(*f), NULL);
    if (f == NULL) {
        ZF_LOGE("allocman: no memory to record free slot %lu; it is leaked", (unsigned long)slot->capPtr);
        return;
    }
    f->slot = slot->capPtr;
    f->next = alloc->free_slots;
    alloc->free_slots = f;
}
