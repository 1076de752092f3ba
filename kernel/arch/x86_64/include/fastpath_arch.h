/* What the IPC fast path (kernel/fastpath/fastpath.c) takes from the
 * x86_64 layer, inline: the VSpace switch and the FPU switch. */
#pragma once
#include "../object/paging.h"
#include "cpu.h"
#include "fpu.h"

extern paddr_t x86_current_root;     /* what CR3 holds (kernel_window.c) */

compile_assert(asid_pool_index_fits, ASID_LOW_BITS + ASID_HIGH_BITS == 12);

/* The PML4 that setVMRoot() would load for a thread whose VTable slot
 * holds `vt`, with the same checks: a mapped PML4 cap whose ASID still
 * names that PML4. False where setVMRoot() would fall back to the kernel's
 * PML4 (the fast path leaves that case to the general path). */
static FORCE_INLINE bool fastpath_vspace_root(cap_t vt, paddr_t *root)
{
    if (unlikely(cap_get_type(vt) != cap_pml4 || !cap_pt_is_mapped(vt)))
        return false;
    word_t asid = cap_pt_mapped_asid(vt);    /* 12 bits: the pool index is in range */
    asid_pool_t *pool = x86KSASIDTable[asid >> ASID_LOW_BITS];
    *root = table_paddr(vt);
    return likely(pool != NULL) && pool->pml4[asid & MASK(ASID_LOW_BITS)] == ptr_from_paddr(*root);
}

static FORCE_INLINE void fastpath_set_vspace_root(paddr_t root)
{
    if (root != x86_current_root) {
        x86_current_root = root;
        write_cr3(root);
    }
}
