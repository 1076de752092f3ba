/*
 * sel4utils: an implementation of vspace_t (vspace/vspace.h).
 *
 * It manages one VSpace (the caller's own, or another one it has the root
 * cap of): frames and paging structures come from a vka, paging structures
 * are made by sel4utils_map_page as they are needed, and the bookkeeping
 * (which frame cap and cookie is mapped at each page, and the list of
 * reservations) lives in the caller's heap (malloc).
 *
 * An address is free for a new reservation when no reservation covers it
 * and nothing is mapped there. Pages of 4 KiB and 2 MiB are supported.
 *
 * To manage the current VSpace of a root task use
 * sel4utils_bootstrap_vspace_with_bootinfo_leaky: the program image, its
 * IPC buffer and boot info frames and the first page are reserved, and the
 * image's frame caps (from the boot info) are recorded for vspace_get_cap.
 * For a new VSpace (a process) use sel4utils_get_vspace.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sel4/sel4.h>
#include <vka/vka.h>
#include <vspace/vspace.h>

/* One reserved range [start, end). */
typedef struct sel4utils_res {
    uintptr_t start;
    uintptr_t end;
    seL4_CapRights_t rights;
    int cacheable;
    bool malloced;               /* allocated by the vspace (freed with the reservation) */
    bool rights_deferred;        /* rights given at map time instead */
    struct sel4utils_res *next;  /* in the vspace's list, by address */
} sel4utils_res_t;

/* How a page is mapped; sel4utils_map_page-based by default. */
typedef int (*sel4utils_map_page_fn)(vspace_t *vspace, seL4_CPtr cap, void *vaddr, seL4_CapRights_t rights,
                                     int cacheable, size_t size_bits);

struct sel4utils_vspace_node;
struct sel4utils_vspace_object;

/* Everything the implementation keeps; provide one per vspace_t, it must outlive it. */
typedef struct sel4utils_alloc_data {
    seL4_CPtr vspace_root;                      /* the PML4 */
    vka_t *vka;                                 /* frames, paging structures */
    struct sel4utils_vspace_node *top_level;    /* page records: a 4-level table like the MMU's */
    uintptr_t last_allocated;                   /* where the search for free ranges starts */
    sel4utils_map_page_fn map_page;
    sel4utils_res_t *reservation_head;
    struct sel4utils_vspace_object *objects;    /* paging structures to free at tear down */
    bool is_empty;
} sel4utils_alloc_data_t;

/* The sel4utils_res_t behind a reservation. */
static inline sel4utils_res_t *reservation_to_res(reservation_t res)
{
    return (sel4utils_res_t *)res.res;
}

/*
 * Manage a VSpace whose root is vspace_root, already assigned to an ASID
 * pool, with nothing mapped in it yet. `loader` (the caller's own vspace)
 * is accepted for compatibility and not used: the bookkeeping is in the
 * caller's heap. allocated_object_fn (if not NULL) is told of every paging
 * structure made, which the caller then owns; otherwise the vspace frees
 * them at tear down. 0 on success.
 */
int sel4utils_get_vspace(vspace_t *loader, vspace_t *new_vspace, sel4utils_alloc_data_t *data, vka_t *vka,
                         seL4_CPtr vspace_root, vspace_allocated_object_fn allocated_object_fn,
                         void *allocated_object_cookie);
/* The same with a custom way to map pages. */
int sel4utils_get_vspace_with_map(vspace_t *loader, vspace_t *new_vspace, sel4utils_alloc_data_t *data,
                                  vka_t *vka, seL4_CPtr vspace_root,
                                  vspace_allocated_object_fn allocated_object_fn, void *allocated_object_cookie,
                                  sel4utils_map_page_fn map_page);
/* The same, with nothing reserved at all (not even page 0). */
int sel4utils_get_empty_vspace(vspace_t *loader, vspace_t *new_vspace, sel4utils_alloc_data_t *data, vka_t *vka,
                               seL4_CPtr vspace_root, vspace_allocated_object_fn allocated_object_fn,
                               void *allocated_object_cookie);
int sel4utils_get_vspace_leaky(vspace_t *loader, vspace_t *new_vspace, sel4utils_alloc_data_t *data, vka_t *vka,
                               seL4_CPtr vspace_root);

/*
 * Manage the caller's own VSpace. existing_frames is a NULL-terminated list
 * of addresses of pages already mapped, to be reserved (the image, stack...).
 */
int sel4utils_bootstrap_vspace(vspace_t *vspace, sel4utils_alloc_data_t *data, seL4_CPtr vspace_root, vka_t *vka,
                               vspace_allocated_object_fn allocated_object_fn, void *allocated_object_cookie,
                               void *existing_frames[]);
int sel4utils_bootstrap_vspace_leaky(vspace_t *vspace, sel4utils_alloc_data_t *data, seL4_CPtr vspace_root,
                                     vka_t *vka, void *existing_frames[]);
/* Manage a root task's own VSpace, described by its boot info. */
int sel4utils_bootstrap_vspace_with_bootinfo(vspace_t *vspace, sel4utils_alloc_data_t *data, seL4_CPtr vspace_root,
                                             vka_t *vka, vspace_allocated_object_fn allocated_object_fn,
                                             void *allocated_object_cookie, seL4_BootInfo *info);
int sel4utils_bootstrap_vspace_with_bootinfo_leaky(vspace_t *vspace, sel4utils_alloc_data_t *data,
                                                   seL4_CPtr vspace_root, vka_t *vka, seL4_BootInfo *info);

/* Reservations in caller-provided memory (no malloc). 0 / the address on success. */
int sel4utils_reserve_range_no_alloc(vspace_t *vspace, sel4utils_res_t *reservation, size_t size,
                                     seL4_CapRights_t rights, int cacheable, void **result);
int sel4utils_reserve_range_aligned_no_alloc(vspace_t *vspace, sel4utils_res_t *reservation, size_t size,
                                             size_t size_bits, seL4_CapRights_t rights, int cacheable,
                                             void **result);
int sel4utils_reserve_range_at_no_alloc(vspace_t *vspace, sel4utils_res_t *reservation, void *vaddr, size_t size,
                                        seL4_CapRights_t rights, int cacheable);

/* Physical address of the frame mapped at vaddr (plus the offset), or VKA_NO_PADDR. */
uintptr_t sel4utils_get_paddr(vspace_t *vspace, void *vaddr, seL4_Word type, seL4_Word size_bits);
