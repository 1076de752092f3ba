/* sel4utils: mapping a frame, making the paging structures it needs on the way. */
#pragma once

#include <autoconf.h>
#include <sel4/sel4.h>
#include <utils/util.h>
#include <vka/vka.h>
#include <vka/object.h>
#include <sel4utils/util.h>
#include <sel4utils/helpers.h>

/*
 * Map `frame` at vaddr in the VSpace whose root is vspace_root, with
 * `rights`, cached or not. When a page table, page directory or PDPT is
 * missing on the way, one is allocated with vka and mapped; up to
 * *num_objects of them are recorded in objects[], and *num_objects is set
 * to how many were made. Returns 0, an seL4_Error, or -1 if an allocation
 * failed (or more structures were needed than objects[] can hold).
 */
int sel4utils_map_page(vka_t *vka, seL4_CPtr vspace_root, seL4_CPtr frame, void *vaddr,
                       seL4_CapRights_t rights, int cacheable, vka_object_t *objects, int *num_objects);

/* The same, for callers that never free the paging structures. */
static inline int sel4utils_map_page_leaky(vka_t *vka, seL4_CPtr vspace_root, seL4_CPtr frame, void *vaddr,
                                           seL4_CapRights_t rights, int cacheable)
{
    vka_object_t objects[3];
    int num = 3;
    return sel4utils_map_page(vka, vspace_root, frame, vaddr, rights, cacheable, objects, &num);
}

#include <vspace/vspace.h>

/* Copy the frame cap `page` and map the copy anywhere in vspace; the address, or NULL. */
void *sel4utils_dup_and_map(vka_t *vka, vspace_t *vspace, seL4_CPtr page, size_t size_bits);
/* Undo sel4utils_dup_and_map: unmap, delete the copy, free its slot. */
void sel4utils_unmap_dup(vka_t *vka, vspace_t *vspace, void *mapping, size_t size_bits);
