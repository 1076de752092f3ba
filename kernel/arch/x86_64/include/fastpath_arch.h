/* What the IPC fast path (kernel/fastpath/fastpath.c) takes from the
 * x86_64 layer, inline: the VSpace switch. */
#pragma once
#include "../object/paging.h"
#include "cpu.h"

extern paddr_t x86_current_root;     /* what CR3 holds (kernel_window.c) */

/* FPU switch, then back to user space (restore.c). */
NORETURN void arch_fastpath_exit(tcb_t *to);

/* The PML4 that setVMRoot() would load for t, from the cache in its TCB
 * that vspace_root_of() (vspace.c) fills: the cache is keyed by the
 * VTable cap's two words, and emptied in every TCB whenever an ASID stops
 * naming its PML4; nothing else decides the answer. False on a miss: then
 * vspace_root_of() decides. */
static FORCE_INLINE bool fastpath_vspace_root_cached(tcb_t *t, paddr_t *root)
{
    cap_t vt = tcb_cte(t, TCB_VTABLE)->cap;
    *root = t->vroot;
    return vt.w[0] == t->vroot_cap.w[0] && vt.w[1] == t->vroot_cap.w[1];
}

static FORCE_INLINE void fastpath_set_vspace_root(paddr_t root)
{
    if (root != x86_current_root) {
        x86_current_root = root;
        write_cr3(root);
    }
}
