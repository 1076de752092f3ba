/* vka: kernel object kinds that exist only on x86_64 (first in the kobject_t numbering). */
#pragma once

#include <autoconf.h>
#include <sel4/sel4.h>
#include <utils/util.h>

typedef int kobject_t;

enum _x86_mode_kobject_type {
    KOBJECT_PML4,
    KOBJECT_PDPT,
    KOBJECT_FRAME,
    KOBJECT_MODE_NUM_TYPES,
};

/* Untyped bits needed for an object of an x86_64-only kind (0 if unknown). */
static inline seL4_Word x86_mode_kobject_get_size(kobject_t type, seL4_Word objectSize)
{
    switch (type) {
    case KOBJECT_FRAME:
        return objectSize == seL4_HugePageBits ? objectSize : 0;
    case KOBJECT_PDPT:
        return seL4_PDPTBits;
    case KOBJECT_PML4:
        return seL4_PML4Bits;
    default:
        ZF_LOGE("Unknown object type %d", type);
        return 0;
    }
}

/* seL4 object type for an x86_64-only kind, or -1. */
static inline seL4_Word x86_mode_kobject_get_type(kobject_t type, seL4_Word objectSize)
{
    switch (type) {
    case KOBJECT_FRAME:
        return objectSize == seL4_HugePageBits ? (seL4_Word)seL4_X64_HugePageObject : (seL4_Word) -1;
    case KOBJECT_PML4:
        return seL4_X64_PML4Object;
    case KOBJECT_PDPT:
        return seL4_X86_PDPTObject;
    default:
        ZF_LOGE("Unknown object type %d", type);
        return -1;
    }
}
