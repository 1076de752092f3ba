/* x86_64 address spaces: the ASID table, page-table walks, unmapping,
 * switching a thread's VSpace, and building the root task's VSpace at boot.
 * The invocations that map and unmap are in frame.c and pagetable.c. */
#include "paging.h"
#include "fastpath_arch.h"

/* Pool i holds ASIDs [i * 512, i * 512 + 512). */
asid_pool_t *x86KSASIDTable[N_ASID_POOLS];

/* An ASID stopped naming its PML4. Assigning only fills free entries, so
 * a VTable cap found valid stays valid until this happens: then every
 * TCB's cache of vspace_root_of() is emptied (all TCBs are on the debug
 * list from creation to destruction). */
static void forget_vspace_roots(void)
{
    for (tcb_t *t = ksDebugTCBs; t; t = t->debug_next)
        t->vroot_cap = fp_no_root;
}

/* ---------------------------------------------------------------- ASIDs */

word_t *findVSpaceForASID(word_t asid)
{
    asid_pool_t *pool = asid >> ASID_LOW_BITS < N_ASID_POOLS ? x86KSASIDTable[asid >> ASID_LOW_BITS] : NULL;
    pte_t *pml4 = pool ? pool->pml4[asid & MASK(ASID_LOW_BITS)] : NULL;
    if (!pml4) {
        set_lookup_fault(lookup_invalid_root, 0);
        return NULL;
    }
    return pml4;
}

/* The last cap to a PML4 is going: its ASID becomes free. Threads still
 * using it will run on the kernel's PML4 (and fault) from now on. */
void deleteASID(word_t asid, pte_t *pml4)
{
    asid_pool_t *pool = x86KSASIDTable[asid >> ASID_LOW_BITS];
    if (pool && pool->pml4[asid & MASK(ASID_LOW_BITS)] == pml4) {
        pool->pml4[asid & MASK(ASID_LOW_BITS)] = NULL;
        forget_vspace_roots();
        setVMRoot(ksCurThread);
    }
}

/* The last cap to an ASID pool is going: every ASID in it stops resolving.
 * The PML4 caps keep their ASID numbers, which no longer find anything. */
void deleteASIDPool(word_t asid_base, asid_pool_t *pool)
{
    if (x86KSASIDTable[asid_base >> ASID_LOW_BITS] == pool) {
        x86KSASIDTable[asid_base >> ASID_LOW_BITS] = NULL;
        forget_vspace_roots();
        setVMRoot(ksCurThread);
    }
}

/* ---------------------------------------------------------------- walks */

pte_t *lookupPDPTSlot(pte_t *pml4, vptr_t v)
{
    pte_t e = pml4[pml4_index(v)];
    if (!pte_present(e)) {
        set_lookup_fault(lookup_missing_cap, PML4_SHIFT);
        return NULL;
    }
    return pte_table(e) + pdpt_index(v);
}

pte_t *lookupPDSlot(pte_t *pml4, vptr_t v)
{
    pte_t *pdpte = lookupPDPTSlot(pml4, v);
    if (!pdpte) return NULL;
    if (!pte_is_table(*pdpte)) {   /* empty, or a 1 GiB page */
        set_lookup_fault(lookup_missing_cap, PDPT_SHIFT);
        return NULL;
    }
    return pte_table(*pdpte) + pd_index(v);
}

pte_t *lookupPTSlot(pte_t *pml4, vptr_t v)
{
    pte_t *pde = lookupPDSlot(pml4, v);
    if (!pde) return NULL;
    if (!pte_is_table(*pde)) {     /* empty, or a 2 MiB page */
        set_lookup_fault(lookup_missing_cap, PD_SHIFT);
        return NULL;
    }
    return pte_table(*pde) + pt_index(v);
}

/* ---------------------------------------------------------------- TLB */

static paddr_t loaded_vspace(void)
{
    word_t cr3;
    __asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
    return cr3 & PTE_ADDR_MASK;
}

void flush_page(pte_t *pml4, vptr_t vaddr)
{
    if (loaded_vspace() == paddr_from_pptr(pml4)) arch_invalidate_page(vaddr);
}

void flush_vspace(pte_t *pml4)
{
    if (loaded_vspace() == paddr_from_pptr(pml4)) arch_invalidate_tlb();
}

/* ---------------------------------------------------------------- unmapping */
/* Each checks that the entry still refers to the object: a cap's record of
 * its mapping can be stale (table cleared, ASID gone, slot overwritten). */

void unmapPage(word_t frame_size, word_t asid, vptr_t vaddr, paddr_t frame)
{
    pte_t *pml4 = findVSpaceForASID(asid);
    if (!pml4) return;
    pte_t *slot;
    switch (frame_size) {
    case X86_SmallPage:
        slot = lookupPTSlot(pml4, vaddr);
        if (!slot || !pte_present(*slot) || pte_page_paddr(*slot, PAGE_BITS) != frame) return;
        break;
    case X86_LargePage:
        slot = lookupPDSlot(pml4, vaddr);
        if (!slot || !pte_is_page(*slot) || pte_page_paddr(*slot, LARGE_PAGE_BITS) != frame) return;
        break;
    default:
        slot = lookupPDPTSlot(pml4, vaddr);
        if (!slot || !pte_is_page(*slot) || pte_page_paddr(*slot, HUGE_PAGE_BITS) != frame) return;
        break;
    }
    *slot = 0;
    flush_page(pml4, vaddr);
}

void unmapPageTable(word_t asid, vptr_t vaddr, paddr_t pt)
{
    pte_t *pml4 = findVSpaceForASID(asid);
    if (!pml4) return;
    pte_t *pde = lookupPDSlot(pml4, vaddr);
    if (!pde || !pte_is_table(*pde) || pte_table_paddr(*pde) != pt) return;
    *pde = 0;
    flush_vspace(pml4);
}

void unmapPageDirectory(word_t asid, vptr_t vaddr, paddr_t pd)
{
    pte_t *pml4 = findVSpaceForASID(asid);
    if (!pml4) return;
    pte_t *pdpte = lookupPDPTSlot(pml4, vaddr);
    if (!pdpte || !pte_is_table(*pdpte) || pte_table_paddr(*pdpte) != pd) return;
    *pdpte = 0;
    flush_vspace(pml4);
}

void unmapPDPT(word_t asid, vptr_t vaddr, paddr_t pdpt)
{
    pte_t *pml4 = findVSpaceForASID(asid);
    if (!pml4) return;
    pte_t *pml4e = &pml4[pml4_index(vaddr)];
    if (!pte_present(*pml4e) || pte_table_paddr(*pml4e) != pdpt) return;
    *pml4e = 0;
    flush_vspace(pml4);
}

/* ---------------------------------------------------------------- threads */

bool isValidVTableRoot(cap_t cap)
{
    return cap_get_type(cap) == cap_pml4 && cap_pt_is_mapped(cap);
}

/* t's VSpace, if it can be loaded: its VTable slot must hold a mapped
 * PML4 cap whose ASID still names that PML4. On success the answer is
 * cached in t's TCB (see fastpath_vspace_root_cached()). */
bool vspace_root_of(tcb_t *t, paddr_t *root)
{
    cap_t vt = tcb_cte(t, TCB_VTABLE)->cap;
    if (!isValidVTableRoot(vt))
        return false;
    pte_t *pml4 = findVSpaceForASID(cap_pt_mapped_asid(vt));
    if (!pml4 || paddr_from_pptr(pml4) != table_paddr(vt))
        return false;
    t->vroot_cap = vt;
    t->vroot = *root = table_paddr(vt);
    return true;
}

/* Load t's VSpace, or, where vspace_root_of() finds none, the kernel's
 * PML4, where every user access faults. */
void setVMRoot(tcb_t *t)
{
    paddr_t root;
    if (!t || t == ksIdleThread || (!fastpath_vspace_root_cached(t, &root) && !vspace_root_of(t, &root)))
        root = arch_kernel_pml4();
    arch_set_vspace_root(root);
}

/* For the fault report's stack dump (seL4's readWordFromVSpace): walk t's
 * page tables by hand, through the kernel window. */
bool vspace_read_word(tcb_t *t, vptr_t addr, word_t *value)
{
    if (!t) return false;
    cap_t root = tcb_cte(t, TCB_VTABLE)->cap;
    if (cap_get_type(root) != cap_pml4) return false;
    /* user half only, and the word must not straddle two pages */
    if (addr >= BIT(47) || (addr & MASK(PAGE_BITS)) > BIT(PAGE_BITS) - sizeof(word_t)) return false;

    pte_t *pml4 = table_ptr(root);
    paddr_t paddr;
    pte_t e = pml4[pml4_index(addr)];
    if (!pte_present(e)) return false;
    e = pte_table(e)[pdpt_index(addr)];
    if (pte_is_page(e)) {
        paddr = pte_page_paddr(e, HUGE_PAGE_BITS) + (addr & MASK(HUGE_PAGE_BITS));
    } else if (!pte_present(e)) {
        return false;
    } else {
        e = pte_table(e)[pd_index(addr)];
        if (pte_is_page(e)) {
            paddr = pte_page_paddr(e, LARGE_PAGE_BITS) + (addr & MASK(LARGE_PAGE_BITS));
        } else if (!pte_present(e)) {
            return false;
        } else {
            e = pte_table(e)[pt_index(addr)];
            if (!pte_present(e)) return false;
            paddr = pte_page_paddr(e, PAGE_BITS) + (addr & MASK(PAGE_BITS));
        }
    }
    if (paddr + sizeof(word_t) > KERNEL_WINDOW_SIZE) return false;   /* not in the kernel window */
    *value = *(volatile word_t *)ptr_from_paddr(paddr);
    return true;
}

/* ---------------------------------------------------------------- boot */

cap_t boot_make_asid_pool(void *pool_page, word_t asid_base)
{
    if (!IS_ALIGNED(asid_base, ASID_LOW_BITS) || asid_base >> ASID_LOW_BITS >= N_ASID_POOLS) return null_cap;
    x86KSASIDTable[asid_base >> ASID_LOW_BITS] = pool_page;
    cap_t c = cap_new(cap_asid_pool);
    c = cap_set_pool_paddr(c, paddr_from_pptr(pool_page));
    return cap_set_pool_asid_base(c, asid_base);
}

cap_t boot_make_pml4(void *pml4_page, cap_t pool_cap, word_t asid)
{
    word_t base = cap_pool_asid_base(pool_cap);
    if (cap_get_type(pool_cap) != cap_asid_pool || asid == ASID_INVALID ||
        asid < base || asid >= base + BIT(ASID_LOW_BITS)) return null_cap;
    pte_t *pml4 = pml4_page;
    pte_t *kernel = ptr_from_paddr(arch_kernel_pml4());
    words_copy(&pml4[KERNEL_PML4_FIRST], &kernel[KERNEL_PML4_FIRST], PT_ENTRIES - KERNEL_PML4_FIRST);
    pool_ptr(pool_cap)->pml4[asid & MASK(ASID_LOW_BITS)] = pml4;

    cap_t c = cap_new(cap_pml4);
    c = cap_set_pt_paddr_12(c, paddr_from_pptr(pml4) >> PAGE_BITS);
    c = cap_set_pt_mapped_asid(c, asid);
    return cap_set_pt_is_mapped(c, 1);
}

cap_t boot_map_table(cap_t pml4_cap, word_t type, void *table_page, vptr_t vaddr)
{
    pte_t *pml4 = table_ptr(pml4_cap);
    pte_t *slot;
    enum cap_type ct;
    word_t covered;   /* bits of address space the new table translates */
    switch (type) {
    case seL4_X86_PDPTObject:         ct = cap_pdpt;           covered = PML4_SHIFT; slot = &pml4[pml4_index(vaddr)]; break;
    case seL4_X86_PageDirectoryObject: ct = cap_page_directory; covered = PDPT_SHIFT; slot = lookupPDPTSlot(pml4, vaddr); break;
    case seL4_X86_PageTableObject:    ct = cap_page_table;     covered = PD_SHIFT;   slot = lookupPDSlot(pml4, vaddr); break;
    default: return null_cap;
    }
    if (!slot || pte_present(*slot)) return null_cap;
    *slot = make_table_entry(paddr_from_pptr(table_page), 0);

    cap_t c = cap_new(ct);
    c = cap_set_pt_paddr_12(c, paddr_from_pptr(table_page) >> PAGE_BITS);
    c = cap_set_pt_mapped_asid(c, cap_pt_mapped_asid(pml4_cap));
    c = cap_set_pt_mapped_addr(c, ROUND_DOWN(vaddr, covered));
    return cap_set_pt_is_mapped(c, 1);
}

cap_t boot_map_frame(cap_t pml4_cap, paddr_t frame, vptr_t vaddr, bool executable_or_writable_unused UNUSED)
{
    pte_t *pte = lookupPTSlot(table_ptr(pml4_cap), vaddr);
    if (!pte) return null_cap;
    *pte = make_page_entry(frame, X86_SmallPage, VMReadWrite, 0);

    cap_t c = cap_new(cap_frame);
    c = cap_set_frame_paddr_12(c, frame >> PAGE_BITS);
    c = cap_set_frame_size(c, X86_SmallPage);
    c = cap_set_frame_vm_rights(c, VMReadWrite);
    c = cap_set_frame_is_mapped(c, 1);
    c = cap_set_frame_mapped_addr(c, ROUND_DOWN(vaddr, PAGE_BITS));
    return cap_set_frame_mapped_asid(c, cap_pt_mapped_asid(pml4_cap));
}
