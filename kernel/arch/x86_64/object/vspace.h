/* x86_64 VSpace objects and x86 caps: what the rest of the kernel may call
 * besides the arch_* hooks that kernel.h declares. See docs/vspace.md.
 *
 * From kernel/kernel/boot.c: #include "../arch/x86_64/object/vspace.h" */
#pragma once
#include "kernel.h"

/* ---------------------------------------------------------------- ASIDs */
/* 2^3 pools of 2^9 ASIDs each; ASID 0 is never handed out. */
#define ASID_LOW_BITS   seL4_ASIDPoolIndexBits
#define ASID_HIGH_BITS  seL4_NumASIDPoolsBits
#define N_ASID_POOLS    BIT(ASID_HIGH_BITS)
#define ASID_INVALID    0ul

/* ---------------------------------------------------------------- boot */
/* Building the root task's VSpace (called by boot_kernel with zeroed pages
 * it has allocated itself). Each returns the cap to put in the root CNode,
 * or a null cap if the request cannot be satisfied (a missing parent table). */

/* Register pool_page as the ASID pool for [asid_base, asid_base + 512). */
cap_t boot_make_asid_pool(void *pool_page, word_t asid_base);
/* Make pml4_page a VSpace root (kernel half copied in) and give it `asid`
 * from the pool named by pool_cap. The cap is mapped (has its ASID). */
cap_t boot_make_pml4(void *pml4_page, cap_t pool_cap, word_t asid);
/* Install table_page as the PDPT / PD / PT (type = seL4_X86_PDPTObject,
 * seL4_X86_PageDirectoryObject, seL4_X86_PageTableObject) covering vaddr;
 * its parent must already be there. */
cap_t boot_map_table(cap_t pml4_cap, word_t type, void *table_page, vptr_t vaddr);
/* Map the 4 KiB frame at physical address `frame` at vaddr, user RW (the
 * root task's image, IPC buffer and boot info); its PT must be there. */
cap_t boot_map_frame(cap_t pml4_cap, paddr_t frame, vptr_t vaddr, bool executable_or_writable_unused);

/* ---------------------------------------------------------------- interrupts */
/* The x86 IRQControl invocations (labels X86IRQIssueIRQHandlerIOAPIC and
 * X86IRQIssueIRQHandlerMSI); the generic IRQControl decode calls this for
 * labels >= nInvocationLabels. The destination CNode is extra cap 0. */
exception_t arch_decode_irq_control_invocation(word_t label, word_t length, cte_t *control_slot,
                                               word_t *buffer);

/* ---------------------------------------------------------------- lookups */
/* The PML4 that asid names, or NULL (current_lookup_fault = invalid root). */
word_t *findVSpaceForASID(word_t asid);
