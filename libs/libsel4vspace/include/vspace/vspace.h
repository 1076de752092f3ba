/*
 * vspace: the interface of a virtual memory manager for one address space.
 *
 * A vspace_t is a table of functions plus a cookie (`data`); sel4utils
 * provides the implementation (sel4utils/vspace.h). It keeps track of which
 * virtual addresses are reserved and which frame cap is mapped where, and
 * creates and maps frames on request (allocating paging structures through
 * a vka as needed).
 *
 * A reservation is a range of virtual addresses set aside (with the rights
 * and cacheability its pages will be mapped with) so that nothing else is
 * mapped there; pages are then mapped inside it. The functions below check
 * their arguments and call the implementation; the non-inline ones
 * (vspace_new_pages, vspace_map_pages, stacks, IPC buffers...) are built
 * from the function pointers alone.
 */
#pragma once

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sel4/sel4.h>
#include <utils/util.h>
#include <vka/object.h>
#include <vspace/page.h>

#ifndef CONFIG_SEL4UTILS_STACK_SIZE
#define CONFIG_SEL4UTILS_STACK_SIZE 65536   /* bytes of a stack from vspace_new_stack */
#endif

typedef struct vspace vspace_t;

/* A reserved range; res is NULL for "no reservation" (failure). */
typedef struct reservation {
    void *res;
} reservation_t;

/* What vspace_new_pages_with_config creates. */
typedef struct vspace_new_pages_config {
    void *vaddr;        /* where; NULL for anywhere */
    size_t num_pages;   /* how many pages */
    size_t size_bits;   /* of 2^size_bits bytes each */
    bool can_use_dev;   /* whether the frames may come from device untypeds */
} vspace_new_pages_config_t;

/* num_pages pages of size_bits at any address, not from device memory. 0 on success. */
static inline int default_vspace_new_pages_config(size_t num_pages, size_t size_bits,
                                                  vspace_new_pages_config_t *config)
{
    if (num_pages == 0) {
        ZF_LOGW("attempt to create 0 pages");
        return -1;
    }
    config->vaddr = NULL;
    config->num_pages = num_pages;
    config->size_bits = size_bits;
    config->can_use_dev = false;
    return 0;
}

static inline int vspace_new_pages_config_set_vaddr(void *vaddr, vspace_new_pages_config_t *config)
{
    config->vaddr = vaddr;
    return 0;
}

static inline int vspace_new_pages_config_use_device_ut(bool can_use_dev, vspace_new_pages_config_t *config)
{
    config->can_use_dev = can_use_dev;
    return 0;
}

/* ------------------------------------------------ implementation functions */

/* Create and map num_pages new pages at vaddr, inside `reservation`. 0 on success. */
typedef int (*vspace_new_pages_at_vaddr_fn)(vspace_t *vspace, void *vaddr, size_t num_pages, size_t size_bits,
                                            reservation_t reservation, bool can_use_dev);
/*
 * Map the frame caps caps[0..num_pages) at vaddr, inside `reservation`;
 * cookies (may be NULL) are the frames' vka cookies, kept so that the
 * vspace can free the frames later. 0 on success.
 */
typedef int (*vspace_map_pages_at_vaddr_fn)(vspace_t *vspace, seL4_CPtr caps[], uintptr_t cookies[], void *vaddr,
                                            size_t num_pages, size_t size_bits, reservation_t reservation);

/* What vspace_unmap_pages and vspace_tear_down do with the frames' caps and memory. */
#define VSPACE_FREE ((vka_t *) 0xffffffff)   /* free them with the vspace's own vka */
#define VSPACE_PRESERVE ((vka_t *) 0)        /* keep them */

/* Unmap num_pages pages from vaddr; free their frames as `free` says. Reservations stay. */
typedef void (*vspace_unmap_pages_fn)(vspace_t *vspace, void *vaddr, size_t num_pages, size_t size_bits,
                                      vka_t *free);
/* Unmap everything and free the vspace's own bookkeeping (frames as `free` says). */
typedef void (*vspace_tear_down_fn)(vspace_t *vspace, vka_t *free);
/* Reserve `bytes` at an address aligned to 2^size_bits; the address goes to *vaddr. */
typedef reservation_t (*vspace_reserve_range_aligned_fn)(vspace_t *vspace, size_t bytes, size_t size_bits,
                                                         seL4_CapRights_t rights, int cacheable, void **vaddr);
/* Reserve [vaddr, vaddr + bytes). */
typedef reservation_t (*vspace_reserve_range_at_fn)(vspace_t *vspace, void *vaddr, size_t bytes,
                                                    seL4_CapRights_t rights, int cacheable);
/* Forget a reservation (mapped pages are left alone). */
typedef void (*vspace_free_reservation_fn)(vspace_t *vspace, reservation_t reservation);
/* Forget the reservation containing vaddr. */
typedef void (*vspace_free_reservation_by_vaddr_fn)(vspace_t *vspace, void *vaddr);
/* The frame cap mapped at vaddr, or seL4_CapNull. */
typedef seL4_CPtr (*vspace_get_cap_fn)(vspace_t *vspace, void *vaddr);
/* The vka cookie of the frame mapped at vaddr, or 0. */
typedef uintptr_t (*vspace_get_cookie_fn)(vspace_t *vspace, void *vaddr);
/* Told about every object (paging structure) the vspace allocates, if set. */
typedef void (*vspace_allocated_object_fn)(void *allocated_object_cookie, vka_object_t object);
/* The VSpace root cap (the PML4). */
typedef seL4_CPtr (*vspace_get_root_fn)(vspace_t *vspace);
/* Map copies of the frames mapped at `start` in `from` at vaddr in `to`. 0 on success. */
typedef int (*vspace_share_mem_at_vaddr_fn)(vspace_t *from, vspace_t *to, void *start, int num_pages,
                                            size_t size_bits, void *vaddr, reservation_t res);

struct vspace {
    void *data;
    vspace_new_pages_at_vaddr_fn new_pages_at_vaddr;
    vspace_map_pages_at_vaddr_fn map_pages_at_vaddr;
    vspace_unmap_pages_fn unmap_pages;
    vspace_tear_down_fn tear_down;
    vspace_reserve_range_aligned_fn reserve_range_aligned;
    vspace_reserve_range_at_fn reserve_range_at;
    vspace_free_reservation_fn free_reservation;
    vspace_free_reservation_by_vaddr_fn free_reservation_by_vaddr;
    vspace_get_cap_fn get_cap;
    vspace_get_root_fn get_root;
    vspace_get_cookie_fn get_cookie;
    vspace_share_mem_at_vaddr_fn share_mem_at_vaddr;
    vspace_allocated_object_fn allocated_object;
    void *allocated_object_cookie;
};

/* ------------------------------------------------ built on the functions above */

/* Reserve `bytes` (4 KiB aligned) anywhere; the address goes to *vaddr. */
reservation_t vspace_reserve_range(vspace_t *vspace, size_t bytes, seL4_CapRights_t rights, int cacheable,
                                   void **vaddr);
/* Map the pages at `start` in `from` into a new range of `to`; its address, or NULL. */
void *vspace_share_mem(vspace_t *from, vspace_t *to, void *start, int num_pages, size_t size_bits,
                       seL4_CapRights_t rights, int cacheable);
/* Map existing frame caps at a new range; its address, or NULL. */
void *vspace_map_pages(vspace_t *vspace, seL4_CPtr caps[], uintptr_t cookies[], seL4_CapRights_t rights,
                       size_t num_pages, size_t size_bits, int cacheable);
/* Create and map new pages as config says; their address, or NULL. */
void *vspace_new_pages_with_config(vspace_t *vspace, vspace_new_pages_config_t *config, seL4_CapRights_t rights);
/* Create and map num_pages new pages anywhere; their address, or NULL. */
void *vspace_new_pages(vspace_t *vspace, seL4_CapRights_t rights, size_t num_pages, size_t size_bits);
/* A stack of n_pages 4 KiB pages below an unmapped guard page; its top, or NULL. */
void *vspace_new_sized_stack(vspace_t *vspace, size_t n_pages);
/* Unmap and free a stack from vspace_new_sized_stack, and its reservation. */
void vspace_free_sized_stack(vspace_t *vspace, void *stack_top, size_t n_pages);
/* A new mapped page for an IPC buffer (its cap to *page); its address, or NULL. */
void *vspace_new_ipc_buffer(vspace_t *vspace, seL4_CPtr *page);
/* Unmap and free an IPC buffer from vspace_new_ipc_buffer. */
void vspace_free_ipc_buffer(vspace_t *vspace, void *addr);

static inline void *vspace_new_stack(vspace_t *vspace)
{
    return vspace_new_sized_stack(vspace, BYTES_TO_4K_PAGES(CONFIG_SEL4UTILS_STACK_SIZE));
}

static inline void vspace_free_stack(vspace_t *vspace, void *stack_top)
{
    vspace_free_sized_stack(vspace, stack_top, BYTES_TO_4K_PAGES(CONFIG_SEL4UTILS_STACK_SIZE));
}

/* ------------------------------------------------ checked calls */

static inline int vspace_new_pages_at_vaddr_with_config(vspace_t *vspace, vspace_new_pages_config_t *config,
                                                        reservation_t res)
{
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return -1;
    }
    if (res.res == NULL) {
        ZF_LOGE("reservation is required");
        return -1;
    }
    if (vspace->new_pages_at_vaddr == NULL) {
        ZF_LOGE("Not implemented");
        return -1;
    }
    return vspace->new_pages_at_vaddr(vspace, config->vaddr, config->num_pages, config->size_bits, res,
                                      config->can_use_dev);
}

static inline int vspace_new_pages_at_vaddr(vspace_t *vspace, void *vaddr, size_t num_pages, size_t size_bits,
                                            reservation_t reservation)
{
    vspace_new_pages_config_t config;
    if (default_vspace_new_pages_config(num_pages, size_bits, &config)) {
        return -1;
    }
    vspace_new_pages_config_set_vaddr(vaddr, &config);
    return vspace_new_pages_at_vaddr_with_config(vspace, &config, reservation);
}

static inline int vspace_map_pages_at_vaddr(vspace_t *vspace, seL4_CPtr caps[], uintptr_t cookies[], void *vaddr,
                                            size_t num_pages, size_t size_bits, reservation_t reservation)
{
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return -1;
    }
    if (num_pages == 0) {
        ZF_LOGW("Attempt to map 0 pages");
        return -1;
    }
    if (vaddr == NULL) {
        ZF_LOGW("Mapping NULL");
    }
    if (vspace->map_pages_at_vaddr == NULL) {
        ZF_LOGE("Not implemented");
        return -1;
    }
    return vspace->map_pages_at_vaddr(vspace, caps, cookies, vaddr, num_pages, size_bits, reservation);
}

static inline void vspace_unmap_pages(vspace_t *vspace, void *vaddr, size_t num_pages, size_t size_bits,
                                      vka_t *vka)
{
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return;
    }
    if (num_pages == 0) {
        ZF_LOGW("Attempt to unmap 0 pages");
        return;
    }
    if (vspace->unmap_pages == NULL) {
        ZF_LOGE("Not implemented");
        return;
    }
    vspace->unmap_pages(vspace, vaddr, num_pages, size_bits, vka);
}

static inline void vspace_tear_down(vspace_t *vspace, vka_t *vka)
{
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return;
    }
    if (vspace->tear_down == NULL) {
        ZF_LOGE("Not implemented");
        return;
    }
    vspace->tear_down(vspace, vka);
}

static inline reservation_t vspace_reserve_range_aligned(vspace_t *vspace, size_t bytes, size_t size_bits,
                                                         seL4_CapRights_t rights, int cacheable, void **vaddr)
{
    reservation_t none = { .res = NULL };
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return none;
    }
    if (vspace->reserve_range_aligned == NULL) {
        ZF_LOGE("Not implemented");
        return none;
    }
    if (bytes == 0) {
        ZF_LOGE("Attempt to reserve 0 length range");
        return none;
    }
    if (vaddr == NULL) {
        ZF_LOGE("Cannot store result at NULL");
        return none;
    }
    return vspace->reserve_range_aligned(vspace, bytes, size_bits, rights, cacheable, vaddr);
}

static inline reservation_t vspace_reserve_range_at(vspace_t *vspace, void *vaddr, size_t bytes,
                                                    seL4_CapRights_t rights, int cacheable)
{
    reservation_t none = { .res = NULL };
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return none;
    }
    if (vspace->reserve_range_at == NULL) {
        ZF_LOGE("Not implemented");
        return none;
    }
    if (bytes == 0) {
        ZF_LOGE("Attempt to reserve 0 length range");
        return none;
    }
    return vspace->reserve_range_at(vspace, vaddr, bytes, rights, cacheable);
}

static inline void vspace_free_reservation(vspace_t *vspace, reservation_t reservation)
{
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return;
    }
    if (vspace->free_reservation == NULL) {
        ZF_LOGE("Not implemented");
        return;
    }
    vspace->free_reservation(vspace, reservation);
}

static inline void vspace_free_reservation_by_vaddr(vspace_t *vspace, void *vaddr)
{
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return;
    }
    if (vspace->free_reservation_by_vaddr == NULL) {
        ZF_LOGE("Not implemented");
        return;
    }
    vspace->free_reservation_by_vaddr(vspace, vaddr);
}

static inline seL4_CPtr vspace_get_cap(vspace_t *vspace, void *vaddr)
{
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return seL4_CapNull;
    }
    if (vspace->get_cap == NULL) {
        ZF_LOGE("Not implemented");
        return seL4_CapNull;
    }
    return vspace->get_cap(vspace, vaddr);
}

static inline uintptr_t vspace_get_cookie(vspace_t *vspace, void *vaddr)
{
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return 0;
    }
    if (vspace->get_cookie == NULL) {
        ZF_LOGE("Not implemented");
        return 0;
    }
    return vspace->get_cookie(vspace, vaddr);
}

static inline void vspace_maybe_call_allocated_object(vspace_t *vspace, vka_object_t object)
{
    if (vspace == NULL) {
        ZF_LOGF("vspace is NULL");
    }
    if (vspace->allocated_object != NULL) {
        vspace->allocated_object(vspace->allocated_object_cookie, object);
    }
}

static inline seL4_CPtr vspace_get_root(vspace_t *vspace)
{
    if (vspace == NULL) {
        ZF_LOGE("vspace is NULL");
        return seL4_CapNull;
    }
    if (vspace->get_root == NULL) {
        ZF_LOGE("Not implemented");
        return seL4_CapNull;
    }
    return vspace->get_root(vspace);
}

static inline int vspace_share_mem_at_vaddr(vspace_t *from, vspace_t *to, void *start, int num_pages,
                                            size_t size_bits, void *vaddr, reservation_t res)
{
    if (num_pages <= 0) {
        ZF_LOGE("Attempt to share %d pages", num_pages);
        return -1;
    }
    if (from == NULL || to == NULL) {
        ZF_LOGE("vspace is NULL");
        return -1;
    }
    if (start == NULL || vaddr == NULL) {
        ZF_LOGE("Cannot share memory at NULL");
        return -1;
    }
    if (from->share_mem_at_vaddr == NULL) {
        ZF_LOGE("Not implemented");
        return -1;
    }
    return from->share_mem_at_vaddr(from, to, start, num_pages, size_bits, vaddr, res);
}
