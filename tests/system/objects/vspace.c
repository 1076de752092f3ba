/* x86_64 VSpace: PDPT/PD/PT/Page map and unmap, the missing level in a
 * FailedLookup, remapping with new rights, GetAddress, large pages, ASID
 * control and pools. */
#include "test.h"

/* from faults.c */
void fault_read_at(seL4_Word addr, seL4_Word unused);
void fault_write_at(seL4_Word addr, seL4_Word value);
extern volatile seL4_Word fault_read_value;

#define VA_PT    0x20000000ul     /* in the root PD's GiB, no page table yet */
#define VA_NO_PD 0x40000000ul     /* second GiB: no page directory */
#define VA_NO_PDPT 0x8000000000ul /* PML4 slot 1: no PDPT */
#define ATTR seL4_X86_Default_VMAttributes

static seL4_Word paddr_of(seL4_CPtr frame)
{
    seL4_X86_Page_GetAddress_t r = seL4_X86_Page_GetAddress(frame);
    return r.error ? ~0ul : r.paddr;
}

/* Let a child read (or write) addr; returns the VM fault's FSR, or ~0 if
 * the access worked (the value read is in fault_read_value). */
static seL4_Word child_access(seL4_Word addr, int write, seL4_Word value)
{
    seL4_CPtr fep = new_object(seL4_EndpointObject, 0);
    thread_t t;
    if (!fep || thread_create(&t, 10, fep))
        return ~1ul;
    fault_read_value = ~0ul;
    if (thread_start(&t, write ? fault_write_at : fault_read_at, addr, value) != seL4_NoError)
        return ~1ul;
    run_lower();
    seL4_MessageInfo_t info = seL4_NBRecv(fep, NULL);
    seL4_Word fsr = ~0ul;
    if (seL4_MessageInfo_get_label(info) == seL4_Fault_VMFault && seL4_GetMR(seL4_VMFault_Addr) == addr)
        fsr = seL4_GetMR(seL4_VMFault_FSR);
    else if (seL4_MessageInfo_get_length(info) != 0)
        fsr = ~2ul;
    seL4_CNode_Delete(ROOT_CNODE, t.tcb, DEPTH);
    return fsr;
}

#define ACCESS_OK ~0ul

static void vspace_page_map_no_pt(void)
{
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT, seL4_AllRights, ATTR), seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_MissingCapability);
    CHECK_MR(2, 21);
    CHECK_EQ(seL4_MappingFailedLookupLevel(), 21);
}

static void vspace_page_map_no_pd(void)
{
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_NO_PD, seL4_AllRights, ATTR), seL4_FailedLookup);
    CHECK_MR(1, seL4_MissingCapability);
    CHECK_MR(2, 30);
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_NO_PDPT, seL4_AllRights, ATTR), seL4_FailedLookup);
    CHECK_MR(2, 39);
}

static void vspace_pt_map_no_pd(void)
{
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    CHECK_ERR(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_NO_PD, ATTR), seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_MissingCapability);
    CHECK_MR(2, 30);
}

static void vspace_pd_map_no_pdpt(void)
{
    seL4_CPtr pd = NEW(seL4_X86_PageDirectoryObject, 0);
    CHECK_ERR(seL4_X86_PageDirectory_Map(pd, ROOT_VSPACE, VA_NO_PDPT, ATTR), seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_MissingCapability);
    CHECK_MR(2, 39);
}

static void vspace_full_chain(void)
{
    seL4_CPtr pdpt = NEW(seL4_X86_PDPTObject, 0);
    seL4_CPtr pd = NEW(seL4_X86_PageDirectoryObject, 0);
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    seL4_Word va = VA_NO_PDPT + 0x40203000;
    CHECK_OK(seL4_X86_PDPT_Map(pdpt, ROOT_VSPACE, va, ATTR));
    CHECK_OK(seL4_X86_PageDirectory_Map(pd, ROOT_VSPACE, va, ATTR));
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, va, ATTR));
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, va, seL4_AllRights, ATTR));
    volatile seL4_Word *p = (volatile seL4_Word *)va;
    CHECK_EQ(p[0], 0);
    p[0] = 0x1234;
    p[511] = 0x5678;
    /* the same frame, seen through the scratch mapping of a copy */
    volatile seL4_Word *q = (volatile seL4_Word *)map_scratch(COPY(f, seL4_AllRights));
    CHECK(q);
    CHECK_EQ(q[0], 0x1234);
    CHECK_EQ(q[511], 0x5678);
}

static void vspace_pt_then_page(void)
{
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT, ATTR));
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT + 0x5000, seL4_AllRights, ATTR));
    volatile seL4_Word *p = (volatile seL4_Word *)(VA_PT + 0x5000);
    p[7] = 0xabcdef;
    CHECK_EQ(p[7], 0xabcdef);
}

static void vspace_pt_map_rounds_vaddr(void)
{
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT + 0x123456, ATTR));
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT, seL4_AllRights, ATTR));
}

static void vspace_pt_map_occupied(void)
{
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    seL4_CPtr pt2 = NEW(seL4_X86_PageTableObject, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT, ATTR));
    CHECK_ERR(seL4_X86_PageTable_Map(pt2, ROOT_VSPACE, VA_PT, ATTR), seL4_DeleteFirst);
    /* the root task's own image has a page table too */
    CHECK_ERR(seL4_X86_PageTable_Map(pt2, ROOT_VSPACE, 0x400000, ATTR), seL4_DeleteFirst);
}

static void vspace_pt_map_already_mapped(void)
{
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT, ATTR));
    CHECK_ERR(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT + (1 << 21), ATTR), seL4_InvalidCapability);
    CHECK_MR(0, 0);
}

static void vspace_pd_pdpt_map_occupied(void)
{
    seL4_CPtr pd = NEW(seL4_X86_PageDirectoryObject, 0);
    CHECK_ERR(seL4_X86_PageDirectory_Map(pd, ROOT_VSPACE, 0, ATTR), seL4_DeleteFirst);
    seL4_CPtr pdpt = NEW(seL4_X86_PDPTObject, 0);
    CHECK_ERR(seL4_X86_PDPT_Map(pdpt, ROOT_VSPACE, 0, ATTR), seL4_DeleteFirst);
    CHECK_OK(seL4_X86_PDPT_Map(pdpt, ROOT_VSPACE, VA_NO_PDPT, ATTR));
    CHECK_ERR(seL4_X86_PDPT_Map(pdpt, ROOT_VSPACE, 2 * VA_NO_PDPT, ATTR), seL4_InvalidCapability);
    CHECK_MR(0, 0);
}

static void vspace_table_map_too_high(void)
{
    seL4_CPtr pdpt = NEW(seL4_X86_PDPTObject, 0);
    CHECK_ERR(seL4_X86_PDPT_Map(pdpt, ROOT_VSPACE, 0x0000800000000000ul, ATTR), seL4_InvalidArgument);
    CHECK_MR(0, 0);
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    CHECK_ERR(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, 0xffffff8000000000ul, ATTR), seL4_InvalidArgument);
    CHECK_MR(0, 0);
}

static void vspace_page_map_other_address(void)
{
    seL4_CPtr f;
    seL4_Word va = (seL4_Word)NEW_PAGE(&f);
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, va + 4096, seL4_AllRights, ATTR), seL4_InvalidArgument);
    CHECK_MR(0, 0);
    /* the same address again is a remap: fine */
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, va, seL4_AllRights, ATTR));
}

static void vspace_page_remap_read_only(void)
{
    seL4_CPtr f;
    volatile seL4_Word *p = NEW_PAGE(&f);
    p[0] = 0x77;
    CHECK_EQ(child_access((seL4_Word)p, 1, 0x78), ACCESS_OK);
    CHECK_EQ(p[0], 0x78);
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, (seL4_Word)p, seL4_CanRead, ATTR));
    CHECK_EQ(child_access((seL4_Word)p, 1, 0x79), 0x7);       /* write to a read-only page */
    CHECK_EQ(child_access((seL4_Word)p, 0, 0), ACCESS_OK);
    CHECK_EQ(fault_read_value, 0x78);
    /* and back to read-write */
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, (seL4_Word)p, seL4_AllRights, ATTR));
    CHECK_EQ(child_access((seL4_Word)p, 1, 0x7a), ACCESS_OK);
    CHECK_EQ(p[0], 0x7a);
}

static void vspace_page_cap_rights_limit_mapping(void)
{
    /* a read-only frame cap maps read-only whatever the rights asked */
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    seL4_CPtr ro = COPY(f, seL4_CanRead);
    seL4_Word va = map_scratch(ro);
    CHECK(va);
    CHECK_EQ(child_access(va, 0, 0), ACCESS_OK);
    CHECK_EQ(child_access(va, 1, 1), 0x7);
}

static void vspace_page_kernel_only(void)
{
    /* no Read right: mapped for the kernel only, a user read faults
     * with a protection violation */
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_OK(seL4_X86_PageTable_Map(NEW(seL4_X86_PageTableObject, 0), ROOT_VSPACE, VA_PT, ATTR));
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT, seL4_CanWrite, ATTR));
    CHECK_EQ(child_access(VA_PT, 0, 0), 0x5);
}

static void vspace_page_map_unaligned(void)
{
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT + 0x800, seL4_AllRights, ATTR), seL4_AlignmentError);
}

static void vspace_page_map_too_high(void)
{
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, 0x0000800000000000ul, seL4_AllRights, ATTR), seL4_InvalidArgument);
    CHECK_MR(0, 0);
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, 0xfffffffffffff000ul, seL4_AllRights, ATTR), seL4_InvalidArgument);
    CHECK_MR(0, 0);
    /* the last page below the top is a legal address (its tables are missing) */
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, seL4_UserTop - 4096, seL4_AllRights, ATTR), seL4_FailedLookup);
    CHECK_MR(2, 39);
}

static void vspace_page_map_bad_vspace(void)
{
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_X86_Page_Map(f, ep, VA_PT, seL4_AllRights, ATTR), seL4_InvalidCapability);
    CHECK_MR(0, 1);
    seL4_CPtr pml4 = NEW(seL4_X64_PML4Object, 0);   /* no ASID yet */
    CHECK_ERR(seL4_X86_Page_Map(f, pml4, VA_PT, seL4_AllRights, ATTR), seL4_InvalidCapability);
    CHECK_MR(0, 1);
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    CHECK_ERR(seL4_X86_PageTable_Map(pt, pml4, VA_PT, ATTR), seL4_InvalidCapability);
    CHECK_MR(0, 1);
}

static void vspace_page_map_truncated(void)
{
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    seL4_CPtr caps[1] = { ROOT_VSPACE };
    seL4_Word mrs[3] = { VA_PT, seL4_AllRights.words[0], 0 };
    seL4_MessageInfo_t r = raw_call(f, X86PageMap, 2, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(f, X86PageMap, 3, 0, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    r = raw_call(pt, X86PageTableMap, 1, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void vspace_page_wrong_label(void)
{
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    seL4_Word mrs[1] = { 0 };
    seL4_MessageInfo_t r = raw_call(f, X86PageTableMap, 0, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    r = raw_call(pt, X86PageMap, 0, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
    r = raw_call(ROOT_VSPACE, X86PageMap, 0, 0, NULL, mrs);   /* a PML4 has no invocations */
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
}

static void vspace_page_unmap(void)
{
    seL4_CPtr f;
    volatile seL4_Word *p = NEW_PAGE(&f);
    p[0] = 0x99;
    CHECK_OK(seL4_X86_Page_Unmap(f));
    CHECK_EQ(child_access((seL4_Word)p, 0, 0), 0x4);
    /* unmapped, the cap can be mapped somewhere else */
    seL4_Word va2 = map_scratch(f);
    CHECK(va2);
    CHECK_EQ(((volatile seL4_Word *)va2)[0], 0x99);
    CHECK_OK(seL4_X86_Page_Unmap(f));
    CHECK_OK(seL4_X86_Page_Unmap(f));     /* unmapping an unmapped frame is fine */
}

static void vspace_page_get_address(void)
{
    seL4_CPtr s = slots_alloc(2);
    CHECK(s);
    CHECK_OK(seL4_Untyped_Retype(case_ut(), seL4_X86_4K, 0, ROOT_CNODE, 0, 0, s, 2));
    seL4_Word a = paddr_of(s), b = paddr_of(s + 1);
    CHECK(a != ~0ul && a != 0);
    CHECK_EQ(a & 0xfff, 0);
    CHECK_EQ(b, a + 4096);
    /* a copy names the same frame */
    CHECK_EQ(paddr_of(COPY(s, seL4_CanRead)), a);
}

static void vspace_frame_copy_aliases(void)
{
    seL4_CPtr f;
    volatile seL4_Word *p = NEW_PAGE(&f);
    seL4_CPtr c = COPY(f, seL4_AllRights);
    volatile seL4_Word *q = (volatile seL4_Word *)map_scratch(c);
    CHECK(q && q != p);
    p[100] = 0xfeed;
    CHECK_EQ(q[100], 0xfeed);
    /* unmapping one mapping leaves the other */
    CHECK_OK(seL4_X86_Page_Unmap(c));
    CHECK_EQ(p[100], 0xfeed);
}

static void vspace_delete_frame_unmaps(void)
{
    seL4_CPtr f;
    volatile seL4_Word *p = NEW_PAGE(&f);
    p[0] = 1;
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, f, DEPTH));
    CHECK_EQ(child_access((seL4_Word)p, 0, 0), 0x4);
}

static void vspace_pt_unmap(void)
{
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT, ATTR));
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT, seL4_AllRights, ATTR));
    CHECK_OK(seL4_X86_PageTable_Unmap(pt));
    CHECK_EQ(child_access(VA_PT, 0, 0), 0x4);
    seL4_CPtr f2 = NEW(seL4_X86_4K, 0);
    CHECK_ERR(seL4_X86_Page_Map(f2, ROOT_VSPACE, VA_PT + 0x1000, seL4_AllRights, ATTR), seL4_FailedLookup);
    CHECK_MR(2, 21);
    /* mapped again elsewhere, the table comes back empty */
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT + (4ul << 21), ATTR));
    CHECK_EQ(child_access(VA_PT + (4ul << 21), 0, 0), 0x4);
    CHECK_OK(seL4_X86_Page_Map(f2, ROOT_VSPACE, VA_PT + (4ul << 21), seL4_AllRights, ATTR));
    CHECK_EQ(child_access(VA_PT + (4ul << 21), 0, 0), ACCESS_OK);
}

static void vspace_pt_unmap_needs_final_cap(void)
{
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT, ATTR));
    seL4_CPtr c = COPY(pt, seL4_AllRights);            /* a mapped table can be copied */
    CHECK_EQ(cap_type(c), CT_PT);
    CHECK_ERR(seL4_X86_PageTable_Unmap(pt), seL4_RevokeFirst);
    CHECK_ERR(seL4_X86_PageTable_Unmap(c), seL4_RevokeFirst);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, c, DEPTH));
    CHECK_OK(seL4_X86_PageTable_Unmap(pt));
}

static void vspace_frame_after_table_gone(void)
{
    /* a frame whose page table was deleted still records its mapping:
     * Unmap is harmless, and then the cap maps again */
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT, ATTR));
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT, seL4_AllRights, ATTR));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, pt, DEPTH));
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT + (1ul << 21), seL4_AllRights, ATTR), seL4_InvalidArgument);
    /* a new table at the same place is empty */
    seL4_CPtr pt2 = NEW(seL4_X86_PageTableObject, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt2, ROOT_VSPACE, VA_PT, ATTR));
    CHECK_EQ(child_access(VA_PT, 0, 0), 0x4);
    CHECK_OK(seL4_X86_Page_Unmap(f));
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT + 0x3000, seL4_AllRights, ATTR));
    CHECK_EQ(child_access(VA_PT + 0x3000, 0, 0), ACCESS_OK);
    CHECK_EQ(child_access(VA_PT, 0, 0), 0x4);
}

static void vspace_pt_delete_unmaps(void)
{
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT, ATTR));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, pt, DEPTH));
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_ERR(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_PT, seL4_AllRights, ATTR), seL4_FailedLookup);
    CHECK_MR(2, 21);
}

static void vspace_pdpt_unmap(void)
{
    seL4_CPtr pdpt = NEW(seL4_X86_PDPTObject, 0);
    seL4_CPtr pd = NEW(seL4_X86_PageDirectoryObject, 0);
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_OK(seL4_X86_PDPT_Map(pdpt, ROOT_VSPACE, VA_NO_PDPT, ATTR));
    CHECK_OK(seL4_X86_PageDirectory_Map(pd, ROOT_VSPACE, VA_NO_PDPT, ATTR));
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_NO_PDPT, ATTR));
    CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, VA_NO_PDPT, seL4_AllRights, ATTR));
    *(volatile seL4_Word *)VA_NO_PDPT = 5;
    CHECK_OK(seL4_X86_PDPT_Unmap(pdpt));
    CHECK_EQ(child_access(VA_NO_PDPT, 0, 0), 0x4);
    seL4_CPtr f2 = NEW(seL4_X86_4K, 0);
    CHECK_ERR(seL4_X86_Page_Map(f2, ROOT_VSPACE, VA_NO_PDPT + 0x1000, seL4_AllRights, ATTR), seL4_FailedLookup);
    CHECK_MR(2, 39);
    /* PD unmap, too */
    CHECK_OK(seL4_X86_PDPT_Map(pdpt, ROOT_VSPACE, VA_NO_PDPT, ATTR));
    CHECK_ERR(seL4_X86_Page_Map(f2, ROOT_VSPACE, VA_NO_PDPT + 0x1000, seL4_AllRights, ATTR), seL4_FailedLookup);
    CHECK_MR(2, 30);
}

static void vspace_large_page(void)
{
    seL4_CPtr lp = NEW(seL4_X86_LargePageObject, 0);
    seL4_Word va = VA_PT + (1ul << 21);
    CHECK_OK(seL4_X86_Page_Map(lp, ROOT_VSPACE, va, seL4_AllRights, ATTR));
    volatile seL4_Word *p = (volatile seL4_Word *)va;
    p[0] = 1;
    p[(1 << 21) / 8 - 1] = 2;
    CHECK_EQ(p[0], 1);
    CHECK_EQ(p[(1 << 21) / 8 - 1], 2);
    seL4_Word pa = paddr_of(lp);
    CHECK_EQ(pa & ((1ul << 21) - 1), 0);
}

static void vspace_large_page_unaligned(void)
{
    seL4_CPtr lp = NEW(seL4_X86_LargePageObject, 0);
    CHECK_ERR(seL4_X86_Page_Map(lp, ROOT_VSPACE, VA_PT + 0x1000, seL4_AllRights, ATTR), seL4_AlignmentError);
    CHECK_ERR(seL4_X86_Page_Map(lp, ROOT_VSPACE, VA_NO_PD, seL4_AllRights, ATTR), seL4_FailedLookup);
    CHECK_MR(2, 30);
}

static void vspace_large_page_over_table(void)
{
    seL4_CPtr lp = NEW(seL4_X86_LargePageObject, 0);
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, VA_PT, ATTR));
    CHECK_ERR(seL4_X86_Page_Map(lp, ROOT_VSPACE, VA_PT, seL4_AllRights, ATTR), seL4_DeleteFirst);
    /* and a table over a large page */
    CHECK_OK(seL4_X86_Page_Map(lp, ROOT_VSPACE, VA_PT + (1ul << 21), seL4_AllRights, ATTR));
    seL4_CPtr pt2 = NEW(seL4_X86_PageTableObject, 0);
    CHECK_ERR(seL4_X86_PageTable_Map(pt2, ROOT_VSPACE, VA_PT + (1ul << 21), ATTR), seL4_DeleteFirst);
}

static void vspace_huge_page_needs_memory(void)
{
    seL4_CPtr s = slot_alloc();
    CHECK_ERR(seL4_Untyped_Retype(case_ut(), seL4_X64_HugePageObject, 0, ROOT_CNODE, 0, 0, s, 1),
              seL4_NotEnoughMemory);
    CHECK_MR(0, 1ul << CASE_UT_BITS);
}

/* ---------------------------------------------------------------- ASIDs */

static seL4_CPtr make_pool(void)
{
    seL4_CPtr ut = new_object(seL4_UntypedObject, seL4_ASIDPoolBits);
    seL4_CPtr pool = slot_alloc();
    if (!ut || !pool)
        return 0;
    seL4_Error e = seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, pool, DEPTH);
    if (e != seL4_NoError) {
        test_fail(0, "MakePool failed: %s", err_name(e));
        return 0;
    }
    return pool;
}

static void vspace_asid_make_pool(void)
{
    seL4_CPtr pool = make_pool();
    CHECK(pool);
    CHECK_EQ(cap_type(pool), CT_ASID_POOL);
    seL4_CPtr pml4 = NEW(seL4_X64_PML4Object, 0);
    CHECK_OK(seL4_X86_ASIDPool_Assign(pool, pml4));
    /* a working VSpace: tables and a page map into it */
    seL4_CPtr pdpt = NEW(seL4_X86_PDPTObject, 0);
    seL4_CPtr pd = NEW(seL4_X86_PageDirectoryObject, 0);
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    CHECK_OK(seL4_X86_PDPT_Map(pdpt, pml4, 0x400000, ATTR));
    CHECK_OK(seL4_X86_PageDirectory_Map(pd, pml4, 0x400000, ATTR));
    CHECK_OK(seL4_X86_PageTable_Map(pt, pml4, 0x400000, ATTR));
    CHECK_OK(seL4_X86_Page_Map(f, pml4, 0x400000, seL4_AllRights, ATTR));
    /* copies of assigned PML4s are fine */
    CHECK_EQ(cap_type(COPY(pml4, seL4_AllRights)), CT_PML4);
}

static void vspace_asid_make_pool_wrong_untyped(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, seL4_ASIDPoolBits + 1);
    CHECK_ERR(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, slot_alloc(), DEPTH),
              seL4_InvalidCapability);
    CHECK_MR(0, 1);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ep, ROOT_CNODE, slot_alloc(), DEPTH),
              seL4_InvalidCapability);
    CHECK_MR(0, 1);
}

static void vspace_asid_make_pool_untyped_in_use(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, seL4_ASIDPoolBits);
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, slot_alloc(), 1));
    CHECK_ERR(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, slot_alloc(), DEPTH),
              seL4_RevokeFirst);
}

static void vspace_asid_make_pool_dest_occupied(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, seL4_ASIDPoolBits);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, ep, DEPTH), seL4_DeleteFirst);
    seL4_CPtr caps[2] = { ut, ROOT_CNODE };
    seL4_Word mrs[2] = { slot_alloc(), DEPTH };
    seL4_MessageInfo_t r = raw_call(seL4_CapASIDControl, X86ASIDControlMakePool, 2, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void vspace_asid_make_pool_uses_untyped(void)
{
    /* the untyped is used up by the pool */
    seL4_CPtr ut = NEW(seL4_UntypedObject, seL4_ASIDPoolBits);
    CHECK_OK(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, slot_alloc(), DEPTH));
    CHECK_ERR(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, slot_alloc(), 1),
              seL4_NotEnoughMemory);
}

static void vspace_asid_assign_twice(void)
{
    seL4_CPtr pml4 = NEW(seL4_X64_PML4Object, 0);
    CHECK_OK(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4));
    CHECK_ERR(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4), seL4_InvalidCapability);
    CHECK_MR(0, 1);
    CHECK_ERR(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, ROOT_VSPACE), seL4_InvalidCapability);
}

static void vspace_asid_assign_not_pml4(void)
{
    seL4_CPtr pd = NEW(seL4_X86_PageDirectoryObject, 0);
    CHECK_ERR(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pd), seL4_InvalidCapability);
    CHECK_MR(0, 1);
    seL4_Word mrs[1] = { 0 };
    seL4_MessageInfo_t r = raw_call(seL4_CapInitThreadASIDPool, X86ASIDPoolAssign, 0, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void vspace_asid_pool_deleted(void)
{
    /* a VSpace whose pool is gone cannot be mapped into */
    seL4_CPtr pool = make_pool();
    CHECK(pool);
    seL4_CPtr pml4 = NEW(seL4_X64_PML4Object, 0);
    CHECK_OK(seL4_X86_ASIDPool_Assign(pool, pml4));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, pool, DEPTH));
    seL4_CPtr pdpt = NEW(seL4_X86_PDPTObject, 0);
    CHECK_ERR(seL4_X86_PDPT_Map(pdpt, pml4, 0, ATTR), seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_InvalidRoot);
}

static void vspace_pml4_copy_needs_asid(void)
{
    seL4_CPtr pml4 = NEW(seL4_X64_PML4Object, 0);
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, pml4, DEPTH, seL4_AllRights),
              seL4_IllegalOperation);
    CHECK_OK(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4));
    CHECK_EQ(cap_type(COPY(pml4, seL4_AllRights)), CT_PML4);
}

static void vspace_pml4_delete_frees_asid(void)
{
    /* deleting an assigned PML4 removes it from the pool: its (stale)
     * copy-free slot can be assigned to another */
    seL4_CPtr pool = make_pool();
    CHECK(pool);
    seL4_CPtr p[4];
    for (int i = 0; i < 4; i++) {
        p[i] = NEW(seL4_X64_PML4Object, 0);
        CHECK_OK(seL4_X86_ASIDPool_Assign(pool, p[i]));
    }
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, p[1], DEPTH));
    seL4_CPtr q = NEW(seL4_X64_PML4Object, 0);
    CHECK_OK(seL4_X86_ASIDPool_Assign(pool, q));
    seL4_CPtr pt = NEW(seL4_X86_PDPTObject, 0);
    CHECK_OK(seL4_X86_PDPT_Map(pt, q, 0, ATTR));
}

static void vspace_asid_pool_full(void)
{
    /* a new pool holds 512 VSpaces */
    seL4_CPtr pool = make_pool();
    CHECK(pool);
    seL4_CPtr s = slots_alloc(513);
    CHECK(s);
    CHECK_OK(seL4_Untyped_Retype(case_ut(), seL4_X64_PML4Object, 0, ROOT_CNODE, 0, 0, s, 256));
    CHECK_OK(seL4_Untyped_Retype(case_ut(), seL4_X64_PML4Object, 0, ROOT_CNODE, 0, 0, s + 256, 256));
    CHECK_OK(seL4_Untyped_Retype(case_ut(), seL4_X64_PML4Object, 0, ROOT_CNODE, 0, 0, s + 512, 1));
    for (int i = 0; i < 512; i++) {
        seL4_Error e = seL4_X86_ASIDPool_Assign(pool, s + i);
        CHECK_MSG(e == seL4_NoError, "assign %d: %s", i, err_name(e));
    }
    CHECK_ERR(seL4_X86_ASIDPool_Assign(pool, s + 512), seL4_DeleteFirst);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, s + 100, DEPTH));
    CHECK_OK(seL4_X86_ASIDPool_Assign(pool, s + 512));
}

static void vspace_asid_control_full(void)
{
    /* the ASID table has 2^3 pools, one of them the root task's */
    seL4_CPtr pools[8];
    int n = 0;
    for (; n < 8; n++) {
        seL4_CPtr ut = NEW(seL4_UntypedObject, seL4_ASIDPoolBits);
        pools[n] = slot_alloc();
        seL4_Error e = seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, pools[n], DEPTH);
        if (e == seL4_DeleteFirst)
            break;
        CHECK_MSG(e == seL4_NoError, "pool %d: %s", n, err_name(e));
    }
    CHECK_EQ(n, 7);
    /* deleting a pool frees its entry */
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, pools[3], DEPTH));
    seL4_CPtr ut = NEW(seL4_UntypedObject, seL4_ASIDPoolBits);
    CHECK_OK(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, slot_alloc(), DEPTH));
}

static void vspace_map_attributes(void)
{
    static const seL4_Word attrs[] = {
        seL4_X86_WriteBack, seL4_X86_WriteThrough, seL4_X86_CacheDisabled, seL4_X86_Uncacheable,
        seL4_X86_WriteCombining,
    };
    for (unsigned i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
        seL4_CPtr f;
        volatile seL4_Word *p = NEW_PAGE(&f);
        CHECK_OK(seL4_X86_Page_Map(f, ROOT_VSPACE, (seL4_Word)p, seL4_AllRights, attrs[i]));
        p[1] = i + 1;
        CHECK_EQ(p[1], i + 1);
    }
}

static void vspace_map_device_frame(void)
{
    /* device memory maps like RAM (here: the first page of physical memory) */
    seL4_CPtr dut = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++)
        if (bi->untypedList[i].isDevice && bi->untypedList[i].paddr == 0 && bi->untypedList[i].sizeBits >= 12)
            dut = bi->untyped.start + i;
    CHECK_MSG(dut, "no device untyped at physical address 0");
    seL4_CPtr f = slot_alloc();
    CHECK_OK(seL4_Untyped_Retype(dut, seL4_X86_4K, 0, ROOT_CNODE, 0, 0, f, 1));
    CHECK_EQ(paddr_of(f), 0);
    seL4_CPtr ro = COPY(f, seL4_CanRead);
    volatile seL4_Word *p = (volatile seL4_Word *)map_scratch(ro);
    CHECK(p);
    seL4_Word v = p[0];        /* the real-mode interrupt vector table */
    (void)v;
    CHECK_EQ(child_access((seL4_Word)p, 1, 0), 0x7);
}

const test_case_t vspace_tests[] = {
    TEST(vspace, page_map_no_pt),
    TEST(vspace, page_map_no_pd),
    TEST(vspace, pt_map_no_pd),
    TEST(vspace, pd_map_no_pdpt),
    TEST(vspace, full_chain),
    TEST(vspace, pt_then_page),
    TEST(vspace, pt_map_rounds_vaddr),
    TEST(vspace, pt_map_occupied),
    TEST(vspace, pt_map_already_mapped),
    TEST(vspace, pd_pdpt_map_occupied),
    TEST(vspace, table_map_too_high),
    TEST(vspace, page_map_other_address),
    TEST(vspace, page_remap_read_only),
    TEST(vspace, page_cap_rights_limit_mapping),
    TEST(vspace, page_kernel_only),
    TEST(vspace, page_map_unaligned),
    TEST(vspace, page_map_too_high),
    TEST(vspace, page_map_bad_vspace),
    TEST(vspace, page_map_truncated),
    TEST(vspace, page_wrong_label),
    TEST(vspace, page_unmap),
    TEST(vspace, page_get_address),
    TEST(vspace, frame_copy_aliases),
    TEST(vspace, delete_frame_unmaps),
    TEST(vspace, pt_unmap),
    TEST(vspace, pt_unmap_needs_final_cap),
    TEST(vspace, frame_after_table_gone),
    TEST(vspace, pt_delete_unmaps),
    TEST(vspace, pdpt_unmap),
    TEST(vspace, large_page),
    TEST(vspace, large_page_unaligned),
    TEST(vspace, large_page_over_table),
    TEST(vspace, huge_page_needs_memory),
    TEST(vspace, asid_make_pool),
    TEST(vspace, asid_make_pool_wrong_untyped),
    TEST(vspace, asid_make_pool_untyped_in_use),
    TEST(vspace, asid_make_pool_dest_occupied),
    TEST(vspace, asid_make_pool_uses_untyped),
    TEST(vspace, asid_assign_twice),
    TEST(vspace, asid_assign_not_pml4),
    TEST(vspace, asid_pool_deleted),
    TEST(vspace, pml4_copy_needs_asid),
    TEST(vspace, pml4_delete_frees_asid),
    TEST(vspace, asid_pool_full),
    TEST(vspace, asid_control_full),
    TEST(vspace, map_attributes),
    TEST(vspace, map_device_frame),
    TESTS_END,
};
