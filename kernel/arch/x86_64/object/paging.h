/* Internal to kernel/arch/x86_64/object: the x86_64 paging-entry format
 * (written once, here, as accessors), the ASID pool object and the helpers
 * that the VSpace files share. */
#pragma once
#include "vspace.h"

/* ---------------------------------------------------------------- paging entries */
/* One 64-bit entry at any level (PML4E, PDPTE, PDE, PTE). */
typedef word_t pte_t;

#define PT_INDEX_BITS    9
#define PT_ENTRIES       BIT(PT_INDEX_BITS)
#define PML4_SHIFT       39      /* bits translated below a PML4 entry */
#define PDPT_SHIFT       30
#define PD_SHIFT         21
#define PT_SHIFT         12
#define USER_TOP         seL4_UserTop
#define KERNEL_PML4_FIRST 256    /* PML4 entries 256..511 are the kernel's, shared by all */

#define PTE_PRESENT   BIT(0)
#define PTE_WRITE     BIT(1)
#define PTE_USER      BIT(2)
#define PTE_PWT       BIT(3)
#define PTE_PCD       BIT(4)
#define PTE_LARGE     BIT(7)     /* PDPTE / PDE: maps a 1 GiB / 2 MiB page */
#define PTE_PAT_4K    BIT(7)     /* PTE: PAT bit of a 4 KiB page */
#define PTE_PAT_LARGE BIT(12)    /* PDPTE / PDE: PAT bit of a large page */
#define PTE_ADDR_MASK 0x000ffffffffff000ul

static inline word_t pml4_index(vptr_t v) { return (v >> PML4_SHIFT) & MASK(PT_INDEX_BITS); }
static inline word_t pdpt_index(vptr_t v) { return (v >> PDPT_SHIFT) & MASK(PT_INDEX_BITS); }
static inline word_t pd_index(vptr_t v)   { return (v >> PD_SHIFT) & MASK(PT_INDEX_BITS); }
static inline word_t pt_index(vptr_t v)   { return (v >> PT_SHIFT) & MASK(PT_INDEX_BITS); }

static inline bool pte_present(pte_t e)  { return e & PTE_PRESENT; }
/* PDPTE / PDE only: a present entry that maps a page rather than a table. */
static inline bool pte_is_page(pte_t e)  { return (e & (PTE_PRESENT | PTE_LARGE)) == (PTE_PRESENT | PTE_LARGE); }
static inline bool pte_is_table(pte_t e) { return (e & (PTE_PRESENT | PTE_LARGE)) == PTE_PRESENT; }
/* Physical address in an entry: a table, or a page of 2^page_bits bytes. */
static inline paddr_t pte_table_paddr(pte_t e) { return e & PTE_ADDR_MASK; }
static inline paddr_t pte_page_paddr(pte_t e, word_t page_bits) { return e & PTE_ADDR_MASK & ~MASK(page_bits); }
static inline pte_t *pte_table(pte_t e) { return (pte_t *)ptr_from_paddr(pte_table_paddr(e)); }

/* seL4_X86_VMAttributes: bit 0 PWT, bit 1 PCD, bit 2 PAT. WriteBack 0,
 * WriteThrough 1, CacheDisabled 2, Uncacheable 3, WriteCombining 4 (PAT
 * entry 4, which seL4 programs as write-combining). Other bits are ignored. */
static inline bool attr_pwt(word_t attr) { return attr & BIT(0); }
static inline bool attr_pcd(word_t attr) { return attr & BIT(1); }
static inline bool attr_pat(word_t attr) { return attr & BIT(2); }

/* An entry pointing to a lower table: user, writable (the leaf decides). */
static inline pte_t make_table_entry(paddr_t table, word_t attr)
{
    return (table & PTE_ADDR_MASK) | (attr_pcd(attr) ? PTE_PCD : 0) | (attr_pwt(attr) ? PTE_PWT : 0)
         | PTE_USER | PTE_WRITE | PTE_PRESENT;
}

/* A leaf entry for a frame of frame_size (0 4K, 1 2M, 2 1G), as seL4's
 * makeUserPTE: VMKernelOnly = supervisor RW, VMReadOnly = user RO,
 * VMReadWrite = user RW. Never execute-disabled, never global. */
static inline pte_t make_page_entry(paddr_t base, word_t frame_size, word_t vm_rights, word_t attr)
{
    pte_t e = (base & PTE_ADDR_MASK) | PTE_PRESENT;
    if (vm_rights != VMReadOnly) e |= PTE_WRITE;
    if (vm_rights != VMKernelOnly) e |= PTE_USER;
    if (attr_pcd(attr)) e |= PTE_PCD;
    if (attr_pwt(attr)) e |= PTE_PWT;
    if (frame_size == 0) {
        if (attr_pat(attr)) e |= PTE_PAT_4K;
    } else {
        e |= PTE_LARGE;
        if (attr_pat(attr)) e |= PTE_PAT_LARGE;
    }
    return e;
}

/* ---------------------------------------------------------------- frames */
enum { X86_SmallPage = 0, X86_LargePage = 1, X64_HugePage = 2 };
static inline word_t page_bits_for_size(word_t frame_size)
{
    return frame_size == X86_SmallPage ? PAGE_BITS : frame_size == X86_LargePage ? LARGE_PAGE_BITS : HUGE_PAGE_BITS;
}
static inline paddr_t frame_paddr(cap_t c) { return cap_frame_paddr_12(c) << PAGE_BITS; }
static inline paddr_t table_paddr(cap_t c) { return cap_pt_paddr_12(c) << PAGE_BITS; }   /* PT, PD, PDPT, PML4 */
static inline pte_t *table_ptr(cap_t c)    { return (pte_t *)ptr_from_paddr(table_paddr(c)); }

/* seL4's maskVMRights: the VM rights a CapRights word leaves. */
static inline word_t mask_vm_rights(word_t vm_rights, word_t cap_rights)
{
    if (vm_rights == VMReadOnly && (cap_rights & RIGHT_READ)) return VMReadOnly;
    if (vm_rights == VMReadWrite && (cap_rights & RIGHT_READ))
        return (cap_rights & RIGHT_WRITE) ? VMReadWrite : VMReadOnly;
    return VMKernelOnly;
}

/* ---------------------------------------------------------------- ASID pools */
/* A pool object (4 KiB): the PML4 of each of its 512 ASIDs, NULL if free. */
typedef struct asid_pool { pte_t *pml4[BIT(ASID_LOW_BITS)]; } asid_pool_t;
compile_assert(asid_pool_size, sizeof(asid_pool_t) == BIT(ASID_POOL_BITS));

extern asid_pool_t *x86KSASIDTable[N_ASID_POOLS];
bool vspace_root_of(tcb_t *t, paddr_t *root);
static inline asid_pool_t *pool_ptr(cap_t c) { return (asid_pool_t *)ptr_from_paddr(cap_pool_paddr(c)); }

/* ---------------------------------------------------------------- shared helpers (vspace.c) */
/* Slot lookups as seL4's: NULL with current_lookup_fault = missing
 * capability, bits left 39 (no PDPT), 30 (no PD) or 21 (no PT). */
pte_t *lookupPDPTSlot(pte_t *pml4, vptr_t v);
pte_t *lookupPDSlot(pte_t *pml4, vptr_t v);
pte_t *lookupPTSlot(pte_t *pml4, vptr_t v);

/* Undo a mapping if, and only if, it is still the one the cap recorded. */
void unmapPage(word_t frame_size, word_t asid, vptr_t vaddr, paddr_t frame);
void unmapPageTable(word_t asid, vptr_t vaddr, paddr_t pt);
void unmapPageDirectory(word_t asid, vptr_t vaddr, paddr_t pd);
void unmapPDPT(word_t asid, vptr_t vaddr, paddr_t pdpt);
void deleteASID(word_t asid, pte_t *pml4);
void deleteASIDPool(word_t asid_base, asid_pool_t *pool);

/* TLB upkeep: only the loaded address space can hold stale entries (no
 * PCIDs, and user entries are never global). */
void flush_page(pte_t *pml4, vptr_t vaddr);
void flush_vspace(pte_t *pml4);

/* I/O port bitmap (ioport.c): release the ports of a deleted IOPort cap. */
void freeIOPortRange(word_t first_port, word_t last_port);

/* Decoders of each cap type (frame.c, pagetable.c, asid.c, ioport.c). */
exception_t decodeX86FrameInvocation(word_t label, word_t length, cte_t *slot, cap_t cap,
                                     bool call, word_t *buffer);
exception_t decodeX86PageTableInvocation(word_t label, word_t length, cte_t *slot, cap_t cap, word_t *buffer);
exception_t decodeX86PageDirectoryInvocation(word_t label, word_t length, cte_t *slot, cap_t cap, word_t *buffer);
exception_t decodeX86PDPTInvocation(word_t label, word_t length, cte_t *slot, cap_t cap, word_t *buffer);
exception_t decodeX86ASIDControlInvocation(word_t label, word_t length, cte_t *slot, word_t *buffer);
exception_t decodeX86ASIDPoolInvocation(word_t label, cap_t cap);
exception_t decodeX86PortControlInvocation(word_t label, word_t length, cte_t *slot, word_t *buffer);
exception_t decodeX86PortInvocation(word_t label, word_t length, cap_t cap, bool call, word_t *buffer);

/* Word-wise zero and copy without relying on the compiler's memset/memcpy. */
static inline void words_zero(void *dst, word_t n)
{
    __asm__ volatile("rep stosq" : "+D"(dst), "+c"(n) : "a"(0ul) : "memory");
}
static inline void words_copy(void *dst, const void *src, word_t n)
{
    __asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

/* userError as printed from the seL4 function named `fn`, where keel's code
 * is shaped differently, so that the diagnostics read the same. */
#define userErrorAs(fn, ...) user_error_print(fn, __LINE__, __VA_ARGS__)

/* A lookup failure that is not a CSpace lookup (VSpace walk, ASID). */
static inline void set_lookup_fault(word_t type, word_t bits_left)
{
    current_lookup_fault = (lookup_fault_t){ .type = type, .bits_left = bits_left };
}
