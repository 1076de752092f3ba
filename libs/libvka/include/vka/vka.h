/*
 * vka: the "virtual kernel allocator" interface.
 *
 * A vka_t is a table of function pointers plus a cookie (`data`) that an
 * allocator fills in (allocman does it with allocman_make_vka). Code that
 * needs CSlots or kernel objects takes a vka_t and does not care which
 * allocator is behind it. Two resources are managed:
 *   - CSlots: cspace_alloc / cspace_make_path / cspace_free;
 *   - untyped memory: utspace_alloc* retype a piece of untyped memory into
 *     an object whose cap goes into a given empty slot, and return a cookie
 *     that utspace_free and utspace_paddr take back.
 * The wrappers below check for a missing implementation and log it.
 */
#pragma once

#include <autoconf.h>
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <sel4/sel4.h>
#include <utils/util.h>
#include <vka/cspacepath_t.h>

/* Allocate a slot; 0 on success. */
typedef int (*vka_cspace_alloc_fn)(void *data, seL4_CPtr *res);
/* Fill in both forms of the path of an allocated slot. */
typedef void (*vka_cspace_make_path_fn)(void *data, seL4_CPtr slot, cspacepath_t *res);
/* Give a slot back (it must be empty). */
typedef void (*vka_cspace_free_fn)(void *data, seL4_CPtr slot);
/*
 * Retype untyped memory into one object of `type` (size_bits as given to
 * Untyped_Retype for that type) with its cap in `dest`; the cookie for
 * freeing goes to *res. 0 on success.
 */
typedef int (*vka_utspace_alloc_fn)(void *data, const cspacepath_t *dest, seL4_Word type,
                                    seL4_Word size_bits, seL4_Word *res);
/* The same, possibly from device memory when can_use_dev (frames only). */
typedef int (*vka_utspace_alloc_maybe_device_fn)(void *data, const cspacepath_t *dest, seL4_Word type,
                                                 seL4_Word size_bits, bool can_use_dev, seL4_Word *res);
/* The same, at physical address paddr. */
typedef int (*vka_utspace_alloc_at_fn)(void *data, const cspacepath_t *dest, seL4_Word type,
                                       seL4_Word size_bits, uintptr_t paddr, seL4_Word *cookie);
/* Give the memory of an object back; every cap to it must be gone. */
typedef void (*vka_utspace_free_fn)(void *data, seL4_Word type, seL4_Word size_bits, seL4_Word target);
/* Physical address of an allocated object, or VKA_NO_PADDR. */
typedef uintptr_t (*vka_utspace_paddr_fn)(void *data, seL4_Word target, seL4_Word type,
                                          seL4_Word size_bits);

/* "No particular physical address": 1 is never an object's address. */
#define VKA_NO_PADDR 1

typedef struct vka {
    void *data;
    vka_cspace_alloc_fn cspace_alloc;
    vka_cspace_make_path_fn cspace_make_path;
    vka_utspace_alloc_fn utspace_alloc;
    vka_utspace_alloc_maybe_device_fn utspace_alloc_maybe_device;
    vka_utspace_alloc_at_fn utspace_alloc_at;
    vka_cspace_free_fn cspace_free;
    vka_utspace_free_fn utspace_free;
    vka_utspace_paddr_fn utspace_paddr;
} vka_t;

static inline int vka_cspace_alloc(vka_t *vka, seL4_CPtr *res)
{
    if (!vka) {
        ZF_LOGE("vka is NULL");
        return -1;
    }
    if (!res) {
        ZF_LOGE("res is NULL");
        return -1;
    }
    if (!vka->cspace_alloc) {
        ZF_LOGE("cspace_alloc not implemented");
        return -1;
    }
    return vka->cspace_alloc(vka->data, res);
}

static inline void vka_cspace_make_path(vka_t *vka, seL4_CPtr slot, cspacepath_t *res)
{
    if (!res) {
        ZF_LOGF("res is NULL");
    }
    if (!vka) {
        ZF_LOGF("vka is NULL");
    }
    if (!vka->cspace_make_path) {
        ZF_LOGF("cspace_make_path not implemented");
    }
    vka->cspace_make_path(vka->data, slot, res);
}

/* Allocate a slot and return its path. */
static inline int vka_cspace_alloc_path(vka_t *vka, cspacepath_t *res)
{
    seL4_CPtr slot;
    int error = vka_cspace_alloc(vka, &slot);
    if (error == 0) {
        vka_cspace_make_path(vka, slot, res);
    }
    return error;
}

static inline void vka_cspace_free(vka_t *vka, seL4_CPtr slot)
{
#ifdef CONFIG_DEBUG_BUILD
    /* Freeing a slot that still holds a cap would leak or corrupt it. */
    if (seL4_DebugCapIdentify(slot) != 0) {
        ZF_LOGF("slot is not free: call vka_cnode_delete first");
    }
#endif
    if (!vka->cspace_free) {
        ZF_LOGE("cspace_free not implemented");
        return;
    }
    vka->cspace_free(vka->data, slot);
}

static inline void vka_cspace_free_path(vka_t *vka, cspacepath_t path)
{
    vka_cspace_free(vka, path.capPtr);
}

static inline int vka_utspace_alloc(vka_t *vka, const cspacepath_t *dest, seL4_Word type,
                                    seL4_Word size_bits, seL4_Word *res)
{
    if (!vka) {
        ZF_LOGE("vka is NULL");
        return -1;
    }
    if (!res) {
        ZF_LOGE("res is NULL");
        return -1;
    }
    if (!vka->utspace_alloc) {
        ZF_LOGE("utspace_alloc not implemented");
        return -1;
    }
    return vka->utspace_alloc(vka->data, dest, type, size_bits, res);
}

static inline int vka_utspace_alloc_maybe_device(vka_t *vka, const cspacepath_t *dest, seL4_Word type,
                                                 seL4_Word size_bits, bool can_use_dev, seL4_Word *res)
{
    if (!vka) {
        ZF_LOGE("vka is NULL");
        return -1;
    }
    if (!res) {
        ZF_LOGE("res is NULL");
        return -1;
    }
    if (!vka->utspace_alloc_maybe_device) {
        ZF_LOGE("utspace_alloc_maybe_device not implemented");
        return -1;
    }
    return vka->utspace_alloc_maybe_device(vka->data, dest, type, size_bits, can_use_dev, res);
}

static inline int vka_utspace_alloc_at(vka_t *vka, const cspacepath_t *dest, seL4_Word type,
                                       seL4_Word size_bits, uintptr_t paddr, seL4_Word *cookie)
{
    if (!vka) {
        ZF_LOGE("vka is NULL");
        return -1;
    }
    if (!cookie) {
        ZF_LOGE("cookie is NULL");
        return -1;
    }
    if (!vka->utspace_alloc_at) {
        ZF_LOGE("utspace_alloc_at not implemented");
        return -1;
    }
    return vka->utspace_alloc_at(vka->data, dest, type, size_bits, paddr, cookie);
}

static inline void vka_utspace_free(vka_t *vka, seL4_Word type, seL4_Word size_bits, seL4_Word target)
{
    if (!vka) {
        ZF_LOGE("vka is NULL");
        return;
    }
    if (!vka->utspace_free) {
#ifndef CONFIG_LIB_VKA_ALLOW_MEMORY_LEAKS
        ZF_LOGF("utspace_free not implemented");
#endif
        return;
    }
    vka->utspace_free(vka->data, type, size_bits, target);
}

static inline uintptr_t vka_utspace_paddr(vka_t *vka, seL4_Word target, seL4_Word type, seL4_Word size_bits)
{
    if (!vka) {
        ZF_LOGE("vka is NULL");
        return VKA_NO_PADDR;
    }
    if (!vka->utspace_paddr) {
        ZF_LOGE("utspace_paddr not implemented");
        return VKA_NO_PADDR;
    }
    return vka->utspace_paddr(vka->data, target, type, size_bits);
}
