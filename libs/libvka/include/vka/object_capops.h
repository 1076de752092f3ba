/* vka: copying an object's cap into a newly allocated slot. */
#pragma once

#include <sel4/sel4.h>
#include <vka/vka.h>
#include <vka/capops.h>
#include <vka/object.h>

/*
 * Allocate a slot with dest_vka and mint into it a copy of object's cap
 * (allocated with src_vka), with `rights` and `badge`. The new slot's path
 * goes to *result. 0 on success.
 */
static inline int vka_mint_object_inter_cspace(vka_t *src_vka, vka_object_t *object, vka_t *dest_vka,
                                               cspacepath_t *result, seL4_CapRights_t rights,
                                               seL4_Word badge)
{
    int error = vka_cspace_alloc_path(dest_vka, result);
    if (error != seL4_NoError) {
        return error;
    }
    cspacepath_t src;
    vka_cspace_make_path(src_vka, object->cptr, &src);
    return vka_cnode_mint(result, &src, rights, badge);
}

/* The same within one CSpace: a badged (or rights-reduced) copy of object's cap. */
static inline int vka_mint_object(vka_t *vka, vka_object_t *object, cspacepath_t *result,
                                  seL4_CapRights_t rights, seL4_Word badge)
{
    return vka_mint_object_inter_cspace(vka, object, vka, result, rights, badge);
}
