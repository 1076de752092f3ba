/*
 * vka: allocating and freeing kernel objects through a vka_t.
 *
 * vka_object_t records everything needed to free an object later: its cap
 * (cptr), the allocator's cookie for its memory (ut), its seL4 type and the
 * size_bits it was made with. Every vka_alloc_* takes a fresh slot from
 * the vka, retypes untyped memory into the object with its cap in that
 * slot, and returns 0; on failure it returns nonzero, gives the slot back
 * and zeroes *result.
 */
#pragma once

#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sel4/sel4.h>
#include <utils/util.h>
#include <vka/vka.h>
#include <vka/kobject_t.h>

typedef struct vka_object {
    seL4_CPtr cptr;      /* cap to the object */
    seL4_Word ut;        /* allocator cookie for its memory */
    seL4_Word type;      /* seL4 object type */
    seL4_Word size_bits; /* as passed to Untyped_Retype */
} vka_object_t;

/* The general allocator the wrappers below use. */
static inline int vka_alloc_object_at_maybe_dev(vka_t *vka, seL4_Word type, seL4_Word size_bits,
                                                uintptr_t paddr, bool can_use_dev, vka_object_t *result)
{
    int error = vka_cspace_alloc(vka, &result->cptr);
    if (unlikely(error)) {
        result->cptr = 0;
        ZF_LOGE("Failed to allocate cslot: error %d", error);
        goto fail;
    }

    cspacepath_t path;
    vka_cspace_make_path(vka, result->cptr, &path);
    if (paddr == VKA_NO_PADDR) {
        error = vka_utspace_alloc_maybe_device(vka, &path, type, size_bits, can_use_dev, &result->ut);
        if (unlikely(error)) {
            ZF_LOGE("Failed to allocate object of type %lu, size bits %lu: error %d",
                    (unsigned long)type, (unsigned long)size_bits, error);
            goto fail;
        }
    } else {
        error = vka_utspace_alloc_at(vka, &path, type, size_bits, paddr, &result->ut);
        if (unlikely(error)) {
            ZF_LOGE("Failed to allocate object of type %lu, size bits %lu at paddr %p: error %d",
                    (unsigned long)type, (unsigned long)size_bits, (void *)paddr, error);
            goto fail;
        }
    }
    result->type = type;
    result->size_bits = size_bits;
    return 0;

fail:
    if (result->cptr) {
        vka_cspace_free(vka, result->cptr);
    }
    memset(result, 0, sizeof(*result));
    return error;
}

static inline int vka_alloc_object_at(vka_t *vka, seL4_Word type, seL4_Word size_bits, uintptr_t paddr,
                                      vka_object_t *result)
{
    return vka_alloc_object_at_maybe_dev(vka, type, size_bits, paddr, false, result);
}

static inline int vka_alloc_object(vka_t *vka, seL4_Word type, seL4_Word size_bits, vka_object_t *result)
{
    return vka_alloc_object_at(vka, type, size_bits, VKA_NO_PADDR, result);
}

/* Allocate and keep only the cap (0 on failure); the object can never be freed. */
static inline seL4_CPtr vka_alloc_object_leaky(vka_t *vka, seL4_Word type, seL4_Word size_bits) WARN_UNUSED_RESULT;
static inline seL4_CPtr vka_alloc_object_leaky(vka_t *vka, seL4_Word type, seL4_Word size_bits)
{
    vka_object_t result = { 0 };
    return vka_alloc_object(vka, type, size_bits, &result) != 0 ? 0 : result.cptr;
}

/* Delete the object's cap, free its slot, then give its memory back. */
static inline void vka_free_object(vka_t *vka, vka_object_t *object)
{
    cspacepath_t path;
    vka_cspace_make_path(vka, object->cptr, &path);
    if (path.capPtr == 0) {
        ZF_LOGE("Failed to create cspace path to object");
        return;
    }
    /* Errors are ignored: the slot may already be empty. */
    seL4_CNode_Delete(path.root, path.capPtr, path.capDepth);
    vka_cspace_free(vka, object->cptr);
    vka_utspace_free(vka, object->type, object->size_bits, object->ut);
}

static inline uintptr_t vka_object_paddr(vka_t *vka, vka_object_t *object)
{
    return vka_utspace_paddr(vka, object->ut, object->type, object->size_bits);
}

/* ------------------------------------------------------------ one per kind */

static inline int vka_alloc_untyped(vka_t *vka, uint32_t size_bits, vka_object_t *result)
{
    return vka_alloc_object(vka, seL4_UntypedObject, size_bits, result);
}

static inline int vka_alloc_untyped_at(vka_t *vka, uint32_t size_bits, uintptr_t paddr, vka_object_t *result)
{
    return vka_alloc_object_at(vka, seL4_UntypedObject, size_bits, paddr, result);
}

static inline int vka_alloc_tcb(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_object(vka, seL4_TCBObject, seL4_TCBBits, result);
}

static inline int vka_alloc_endpoint(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_object(vka, seL4_EndpointObject, seL4_EndpointBits, result);
}

static inline int vka_alloc_notification(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_object(vka, seL4_NotificationObject, seL4_NotificationBits, result);
}

/* Older name of vka_alloc_notification. */
static inline int DEPRECATED("Use vka_alloc_notification")
vka_alloc_async_endpoint(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_notification(vka, result);
}

/* A CNode of 2^slot_bits slots. */
static inline int vka_alloc_cnode_object(vka_t *vka, uint32_t slot_bits, vka_object_t *result)
{
    return vka_alloc_object(vka, seL4_CapTableObject, slot_bits, result);
}

/* A frame of 2^size_bits bytes (12: 4 KiB, 21: 2 MiB, 30: 1 GiB). */
static inline int vka_alloc_frame(vka_t *vka, uint32_t size_bits, vka_object_t *result)
{
    return vka_alloc_object(vka, kobject_get_type(KOBJECT_FRAME, size_bits), size_bits, result);
}

static inline int vka_alloc_frame_maybe_device(vka_t *vka, uint32_t size_bits, bool can_use_dev,
                                               vka_object_t *result)
{
    return vka_alloc_object_at_maybe_dev(vka, kobject_get_type(KOBJECT_FRAME, size_bits), size_bits,
                                         VKA_NO_PADDR, can_use_dev, result);
}

static inline int vka_alloc_frame_at(vka_t *vka, uint32_t size_bits, uintptr_t paddr, vka_object_t *result)
{
    return vka_alloc_object_at(vka, kobject_get_type(KOBJECT_FRAME, size_bits), size_bits, paddr, result);
}

static inline int vka_alloc_page_directory(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_object(vka, kobject_get_type(KOBJECT_PAGE_DIRECTORY, 0), seL4_PageDirBits, result);
}

static inline int vka_alloc_page_table(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_object(vka, kobject_get_type(KOBJECT_PAGE_TABLE, 0), seL4_PageTableBits, result);
}

/* Allocate an object of an architecture-neutral kind. */
static inline int vka_alloc_kobject(vka_t *vka, kobject_t type, seL4_Word size_bits, vka_object_t *result)
{
    return vka_alloc_object(vka, kobject_get_type(type, size_bits), size_bits, result);
}

/* vka_alloc_<name>_leaky(vka): the cap only, 0 on failure. */
#define LEAKY(name) \
    static inline seL4_CPtr vka_alloc_##name##_leaky(vka_t *vka) WARN_UNUSED_RESULT; \
    static inline seL4_CPtr vka_alloc_##name##_leaky(vka_t *vka) \
    { \
        vka_object_t object; \
        if (vka_alloc_##name(vka, &object) != 0) { \
            return 0; \
        } \
        return object.cptr; \
    }

/* vka_alloc_<name>_leaky(vka, size_bits): the cap only, 0 on failure. */
#define LEAKY_SIZE_BITS(name) \
    static inline seL4_CPtr vka_alloc_##name##_leaky(vka_t *vka, uint32_t size_bits) WARN_UNUSED_RESULT; \
    static inline seL4_CPtr vka_alloc_##name##_leaky(vka_t *vka, uint32_t size_bits) \
    { \
        vka_object_t object; \
        if (vka_alloc_##name(vka, size_bits, &object) != 0) { \
            return 0; \
        } \
        return object.cptr; \
    }

LEAKY(tcb)
LEAKY(endpoint)
LEAKY(notification)
LEAKY(page_directory)
LEAKY(page_table)
LEAKY_SIZE_BITS(untyped)
LEAKY_SIZE_BITS(frame)
LEAKY_SIZE_BITS(cnode_object)

static inline DEPRECATED("Use vka_alloc_notification_leaky") seL4_CPtr
vka_alloc_async_endpoint_leaky(vka_t *vka)
{
    return vka_alloc_notification_leaky(vka);
}

#include <vka/arch/object.h>

/*
 * Bits of untyped memory an object of seL4 type objectType takes, given the
 * size_bits passed to Untyped_Retype (only untypeds and CNodes vary).
 */
static inline unsigned long vka_get_object_size(seL4_Word objectType, seL4_Word objectSize)
{
    switch (objectType) {
    case seL4_UntypedObject:
        return objectSize;
    case seL4_TCBObject:
        return seL4_TCBBits;
    case seL4_EndpointObject:
        return seL4_EndpointBits;
    case seL4_NotificationObject:
        return seL4_NotificationBits;
    case seL4_CapTableObject:
        return seL4_SlotBits + objectSize;
    default:
        return vka_arch_get_object_size(objectType);
    }
}
