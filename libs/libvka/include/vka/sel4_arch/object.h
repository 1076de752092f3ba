/* vka: x86_64 object allocation helpers and sizes (included by vka/arch/object.h). */
#pragma once

#include <sel4/sel4.h>
#include <utils/util.h>
#include <vka/vka.h>
#include <vka/kobject_t.h>

/* A PML4, the root of an x86_64 VSpace. */
static inline int vka_alloc_pml4(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_object(vka, kobject_get_type(KOBJECT_PML4, 0), seL4_PML4Bits, result);
}

static inline int vka_alloc_pdpt(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_object(vka, kobject_get_type(KOBJECT_PDPT, 0), seL4_PDPTBits, result);
}

/* The top-level paging structure of a new VSpace (a PML4 here). */
static inline int vka_alloc_vspace_root(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_pml4(vka, result);
}

/* A 2 MiB frame. */
static inline int vka_alloc_large_page(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_frame(vka, seL4_LargePageBits, result);
}

/* A 1 GiB frame. */
static inline int vka_alloc_huge_page(vka_t *vka, vka_object_t *result)
{
    return vka_alloc_frame(vka, seL4_HugePageBits, result);
}

LEAKY(pml4)
LEAKY(pdpt)
LEAKY(vspace_root)

static inline unsigned long vka_x86_mode_get_object_size(seL4_Word objectType)
{
    switch (objectType) {
    case seL4_X64_HugePageObject:
        return seL4_HugePageBits;
    case seL4_X86_PDPTObject:
        return seL4_PDPTBits;
    case seL4_X64_PML4Object:
        return seL4_PML4Bits;
    default:
        ZF_LOGF("Unknown object type %ld", (long)objectType);
        return -1;
    }
}
