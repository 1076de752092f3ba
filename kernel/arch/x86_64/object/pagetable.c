/* Paging-structure caps below the PML4: X86_PDPT_Map/Unmap,
 * X86_PageDirectory_Map/Unmap, X86_PageTable_Map/Unmap. The three work the
 * same way one level apart, so one decoder serves them, driven by a table
 * that also holds each level's seL4 diagnostics. */
#include "paging.h"

typedef struct table_level {
    word_t map_label, unmap_label;
    word_t covered_bits;                      /* vaddr is rounded down to this */
    pte_t *(*parent_slot)(pte_t *pml4, vptr_t v);
    void (*unmap)(word_t asid, vptr_t vaddr, paddr_t table);
    const char *decoder;                      /* seL4's name, for userError */
    const char *revoke_first, *illegal, *truncated, *already_mapped, *too_high;
} table_level_t;

static pte_t *pml4_slot(pte_t *pml4, vptr_t v) { return &pml4[pml4_index(v)]; }

static const table_level_t pt_level = {
    X86PageTableMap, X86PageTableUnmap, PD_SHIFT, lookupPDSlot, unmapPageTable, "decodeX86PageTableInvocation",
    "X86PageTable: Cannot unmap if more than one cap exists.",
    "X86PageTable: Illegal operation.",
    "X86PageTable: Truncated message.",
    "X86PageTable: Page table is already mapped to a page directory.",
    "X86PageTable: Mapping address too high.",
};
static const table_level_t pd_level = {
    X86PageDirectoryMap, X86PageDirectoryUnmap, PDPT_SHIFT, lookupPDPTSlot, unmapPageDirectory, "decodeX64PageDirectoryInvocation",
    "X86PageDirectory: Cannot unmap if more than one cap exist.",
    "X64Directory: Illegal operation.",
    "X64PageDirectory: Truncated message.",
    "X64PageDirectory: PD is already mapped to a PML4.",
    "X64PageDirectory: Mapping address too high.",
};
static const table_level_t pdpt_level = {
    X86PDPTMap, X86PDPTUnmap, PML4_SHIFT, pml4_slot, unmapPDPT, "decodeX64PDPTInvocation",
    "X86PDPT: Cannot unmap if more than one cap exist.",
    "X86PDPT: Illegal operation.",
    "X64PDPT: Truncated message.",
    "X64PDPT: PDPT is already mapped to a PML4.",
    "X64PDPT: Mapping address too high.",
};

/* ---------------------------------------------------------------- invoke */

static exception_t performTableMap(cap_t cap, cte_t *slot, pte_t *parent_slot, pte_t entry)
{
    slot->cap = cap;
    *parent_slot = entry;   /* empty before: nothing to flush */
    return EXCEPTION_NONE;
}

/* As seL4: unmapping also clears the table, dropping every mapping in it. */
static exception_t performTableUnmap(const table_level_t *l, cap_t cap, cte_t *slot)
{
    if (cap_pt_is_mapped(cap)) {
        l->unmap(cap_pt_mapped_asid(cap), cap_pt_mapped_addr(cap), table_paddr(cap));
        words_zero(table_ptr(cap), PT_ENTRIES);
    }
    slot->cap = cap_set_pt_is_mapped(slot->cap, 0);
    return EXCEPTION_NONE;
}

/* ---------------------------------------------------------------- decode */

static exception_t decodeTableInvocation(const table_level_t *l, word_t label, word_t length,
                                         cte_t *slot, cap_t cap, word_t *buffer)
{
    if (label == l->unmap_label) {
        if (!isFinalCapability(slot)) {
            userErrorAs(l->decoder, "%s", l->revoke_first);
            return SYSCALL_ERROR(seL4_RevokeFirst);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return performTableUnmap(l, cap, slot);
    }
    if (label != l->map_label) {
        userErrorAs(l->decoder, "%s", l->illegal);
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    if (length < 2 || !current_extra_caps.slots[0]) {
        userErrorAs(l->decoder, "%s", l->truncated);
        return SYSCALL_ERROR(seL4_TruncatedMessage);
    }
    if (cap_pt_is_mapped(cap)) {
        userErrorAs(l->decoder, "%s", l->already_mapped);
        return SYSCALL_INVALID_CAP(0);
    }

    vptr_t vaddr = ROUND_DOWN(getSyscallArg(0, buffer), l->covered_bits);
    word_t attr = getSyscallArg(1, buffer);
    cap_t vspace_cap = current_extra_caps.slots[0]->cap;

    if (!isValidVTableRoot(vspace_cap))
        return SYSCALL_INVALID_CAP(1);
    pte_t *pml4 = table_ptr(vspace_cap);
    word_t asid = cap_pt_mapped_asid(vspace_cap);

    if (vaddr > USER_TOP) {
        userErrorAs(l->decoder, "%s", l->too_high);
        return SYSCALL_INVALID_ARGUMENT(0);
    }

    pte_t *found = findVSpaceForASID(asid);
    if (!found)
        return SYSCALL_FAILED_LOOKUP(false);
    if (found != pml4)
        return SYSCALL_INVALID_CAP(1);

    pte_t *parent_slot = l->parent_slot(pml4, vaddr);
    if (!parent_slot)
        return SYSCALL_FAILED_LOOKUP(false);   /* current_lookup_fault says which level */
    if (pte_present(*parent_slot))            /* a table or a large page is there */
        return SYSCALL_ERROR(seL4_DeleteFirst);

    pte_t entry = make_table_entry(table_paddr(cap), attr);
    cap = cap_set_pt_is_mapped(cap, 1);
    cap = cap_set_pt_mapped_asid(cap, asid);
    cap = cap_set_pt_mapped_addr(cap, vaddr);

    setThreadState(ksCurThread, ThreadState_Restart);
    return performTableMap(cap, slot, parent_slot, entry);
}

exception_t decodeX86PageTableInvocation(word_t label, word_t length, cte_t *slot, cap_t cap, word_t *buffer)
{
    return decodeTableInvocation(&pt_level, label, length, slot, cap, buffer);
}

exception_t decodeX86PageDirectoryInvocation(word_t label, word_t length, cte_t *slot, cap_t cap, word_t *buffer)
{
    return decodeTableInvocation(&pd_level, label, length, slot, cap, buffer);
}

exception_t decodeX86PDPTInvocation(word_t label, word_t length, cte_t *slot, cap_t cap, word_t *buffer)
{
    return decodeTableInvocation(&pdpt_level, label, length, slot, cap, buffer);
}
