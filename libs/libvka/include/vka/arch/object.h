/* vka: x86 object allocation helpers and sizes (included by vka/object.h). */
#pragma once

#include <sel4/sel4.h>
#include <utils/util.h>
#include <vka/vka.h>
#include <vka/kobject_t.h>
#include <vka/sel4_arch/object.h>

/* Bits of untyped memory an x86 object of seL4 type objectType takes. */
static inline unsigned long vka_arch_get_object_size(seL4_Word objectType)
{
    switch (objectType) {
    case seL4_X86_4K:
        return seL4_PageBits;
    case seL4_X86_LargePageObject:
        return seL4_LargePageBits;
    case seL4_X86_PageTableObject:
        return seL4_PageTableBits;
    case seL4_X86_PageDirectoryObject:
        return seL4_PageDirBits;
    default:
        return vka_x86_mode_get_object_size(objectType);
    }
}
