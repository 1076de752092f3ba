/* The arch_* object hooks of kernel.h for x86_64's caps: frames, PT, PD,
 * PDPT, PML4, ASID control, ASID pools, IOPort control and IOPorts. The
 * generic kernel calls these for every cap type it does not own. */
#include "paging.h"

/* ---------------------------------------------------------------- sizes and creation */

bool arch_is_frame_type(word_t type)
{
    return type == seL4_X86_4K || type == seL4_X86_LargePageObject || type == seL4_X64_HugePageObject;
}

word_t arch_object_size(word_t type, word_t user_size_bits UNUSED)
{
    switch (type) {
    case seL4_X86_4K:              return PAGE_BITS;
    case seL4_X86_LargePageObject: return LARGE_PAGE_BITS;
    case seL4_X64_HugePageObject:  return HUGE_PAGE_BITS;
    default:                       return PT_BITS;   /* PT, PD, PDPT, PML4 */
    }
}

static cap_t frame_cap_new(paddr_t paddr, word_t frame_size, bool device)
{
    cap_t c = cap_new(cap_frame);
    c = cap_set_frame_paddr_12(c, paddr >> PAGE_BITS);
    c = cap_set_frame_size(c, frame_size);
    c = cap_set_frame_vm_rights(c, VMReadWrite);
    return cap_set_frame_is_device(c, device);
}

static cap_t table_cap_new(enum cap_type t, paddr_t paddr)
{
    return cap_set_pt_paddr_12(cap_new(t), paddr >> PAGE_BITS);   /* unmapped, no ASID */
}

/* region is already zeroed (unless device memory). */
cap_t arch_create_object(word_t type, void *region, word_t user_size_bits UNUSED, bool device)
{
    paddr_t paddr = paddr_from_pptr(region);
    switch (type) {
    case seL4_X86_4K:                  return frame_cap_new(paddr, X86_SmallPage, device);
    case seL4_X86_LargePageObject:     return frame_cap_new(paddr, X86_LargePage, device);
    case seL4_X64_HugePageObject:      return frame_cap_new(paddr, X64_HugePage, device);
    case seL4_X86_PageTableObject:     return table_cap_new(cap_page_table, paddr);
    case seL4_X86_PageDirectoryObject: return table_cap_new(cap_page_directory, paddr);
    case seL4_X86_PDPTObject:          return table_cap_new(cap_pdpt, paddr);
    case seL4_X64_PML4Object: {
        /* every VSpace shares the kernel's upper half */
        pte_t *kernel = ptr_from_paddr(arch_kernel_pml4());
        words_copy((pte_t *)region + KERNEL_PML4_FIRST, kernel + KERNEL_PML4_FIRST,
                   PT_ENTRIES - KERNEL_PML4_FIRST);
        return table_cap_new(cap_pml4, paddr);
    }
    default:
        return null_cap;
    }
}

void *arch_cap_object_ptr(cap_t cap)
{
    switch (cap_get_type(cap)) {
    case cap_frame:          return ptr_from_paddr(frame_paddr(cap));
    case cap_page_table:
    case cap_page_directory:
    case cap_pdpt:
    case cap_pml4:           return table_ptr(cap);
    case cap_asid_pool:      return pool_ptr(cap);
    default:                 return NULL;   /* control caps and IOPorts name no memory */
    }
}

word_t arch_cap_object_size_bits(cap_t cap)
{
    switch (cap_get_type(cap)) {
    case cap_frame:          return page_bits_for_size(cap_frame_size(cap));
    case cap_page_table:
    case cap_page_directory:
    case cap_pdpt:
    case cap_pml4:           return PT_BITS;
    case cap_asid_pool:      return ASID_POOL_BITS;
    default:                 return 0;
    }
}

/* ---------------------------------------------------------------- derivation */

static derive_cap_ret_t derive_fail(const char *sel4_fn, const char *why)
{
    userErrorAs(sel4_fn, "%s", why);
    current_syscall_error.type = seL4_IllegalOperation;
    return (derive_cap_ret_t){ EXCEPTION_SYSCALL_ERROR, null_cap };
}

/* As seL4's Arch_deriveCap: a paging structure can be copied only while it
 * is mapped (so that a copy never outlives the mapping's bookkeeping); a
 * frame copy starts unmapped; IOPortControl cannot be copied at all. */
derive_cap_ret_t arch_derive_cap(cte_t *slot UNUSED, cap_t cap)
{
    switch (cap_get_type(cap)) {
    case cap_page_table:
        if (!cap_pt_is_mapped(cap)) return derive_fail("Arch_deriveCap", "Deriving an unmapped PT cap");
        break;
    case cap_page_directory:
        if (!cap_pt_is_mapped(cap)) return derive_fail("Arch_deriveCap", "Deriving a PD cap without an assigned ASID");
        break;
    case cap_pdpt:
        if (!cap_pt_is_mapped(cap)) return derive_fail("Mode_deriveCap", "Deriving an unmapped PTPD cap");
        break;
    case cap_pml4:
        if (!cap_pt_is_mapped(cap)) return derive_fail("Mode_deriveCap", "Deriving a PML4 cap without an assigned ASID");
        break;
    case cap_frame:
        cap = cap_set_frame_is_mapped(cap, 0);
        cap = cap_set_frame_mapped_asid(cap, ASID_INVALID);
        cap = cap_set_frame_mapped_addr(cap, 0);
        break;
    case cap_io_port_control:
        return (derive_cap_ret_t){ EXCEPTION_NONE, null_cap };
    default:   /* ASID control, ASID pool, IOPort */
        break;
    }
    return (derive_cap_ret_t){ EXCEPTION_NONE, cap };
}

cap_t arch_mask_cap_rights(word_t cap_rights_word, cap_t cap)
{
    if (cap_get_type(cap) != cap_frame) return cap;
    return cap_set_frame_vm_rights(cap, mask_vm_rights(cap_frame_vm_rights(cap), cap_rights_word));
}

/* No x86 cap takes cap data without an IOMMU. */
cap_t arch_update_cap_data(bool preserve UNUSED, word_t data UNUSED, cap_t cap)
{
    return cap;
}

/* ---------------------------------------------------------------- comparison */

bool arch_same_region_as(cap_t a, cap_t b)
{
    enum cap_type ta = cap_get_type(a), tb = cap_get_type(b);
    switch (ta) {
    case cap_frame:
        if (tb == cap_frame) {
            word_t bot_a = frame_paddr(a), bot_b = frame_paddr(b);
            word_t top_a = bot_a + MASK(page_bits_for_size(cap_frame_size(a)));
            word_t top_b = bot_b + MASK(page_bits_for_size(cap_frame_size(b)));
            return bot_a <= bot_b && top_a >= top_b && bot_b <= top_b;
        }
        return false;
    case cap_page_table:
    case cap_page_directory:
    case cap_pdpt:
    case cap_pml4:
        return tb == ta && table_paddr(a) == table_paddr(b);
    case cap_asid_control:
        return tb == cap_asid_control;
    case cap_asid_pool:
        return tb == cap_asid_pool && cap_pool_paddr(a) == cap_pool_paddr(b);
    case cap_io_port_control:
        /* IOPort caps are issued from (and are children of) the control cap */
        return tb == cap_io_port_control || tb == cap_io_port;
    case cap_io_port:
        return tb == cap_io_port && cap_io_first_port(a) == cap_io_first_port(b) &&
               cap_io_last_port(a) == cap_io_last_port(b);
    default:
        return false;
    }
}

bool arch_same_object_as(cap_t a, cap_t b)
{
    if (cap_get_type(a) == cap_io_port_control && cap_get_type(b) == cap_io_port)
        return false;
    if (cap_get_type(a) == cap_frame && cap_get_type(b) == cap_frame)
        return frame_paddr(a) == frame_paddr(b) && cap_frame_size(a) == cap_frame_size(b) &&
               cap_frame_is_device(a) == cap_frame_is_device(b);
    return arch_same_region_as(a, b);
}

/* ---------------------------------------------------------------- finalisation */

/* What a cap's deletion undoes. A frame cap's mapping belongs to that cap
 * alone, so it is undone whether or not the cap is the last one; a table's
 * mapping, a PML4's ASID, a pool and a port range go with the last cap. */
finalise_ret_t arch_finalise_cap(cap_t cap, bool final)
{
    finalise_ret_t ret = { null_cap, null_cap };
    switch (cap_get_type(cap)) {
    case cap_frame:
        if (cap_frame_is_mapped(cap))
            unmapPage(cap_frame_size(cap), cap_frame_mapped_asid(cap), cap_frame_mapped_addr(cap),
                      frame_paddr(cap));
        break;
    case cap_page_table:
        if (final && cap_pt_is_mapped(cap))
            unmapPageTable(cap_pt_mapped_asid(cap), cap_pt_mapped_addr(cap), table_paddr(cap));
        break;
    case cap_page_directory:
        if (final && cap_pt_is_mapped(cap))
            unmapPageDirectory(cap_pt_mapped_asid(cap), cap_pt_mapped_addr(cap), table_paddr(cap));
        break;
    case cap_pdpt:
        if (final && cap_pt_is_mapped(cap))
            unmapPDPT(cap_pt_mapped_asid(cap), cap_pt_mapped_addr(cap), table_paddr(cap));
        break;
    case cap_pml4:
        if (final && cap_pt_is_mapped(cap))
            deleteASID(cap_pt_mapped_asid(cap), table_ptr(cap));
        break;
    case cap_asid_pool:
        if (final)
            deleteASIDPool(cap_pool_asid_base(cap), pool_ptr(cap));
        break;
    case cap_io_port:
        /* seL4 frees the range after the slot is emptied (postCapDeletion);
         * nothing can run in between here, so free it now. */
        if (final)
            freeIOPortRange(cap_io_first_port(cap), cap_io_last_port(cap));
        break;
    default:   /* ASID control, IOPort control */
        break;
    }
    return ret;
}

/* ---------------------------------------------------------------- invocations */

exception_t arch_decode_invocation(word_t label, word_t length, cptr_t cptr UNUSED, cte_t *slot,
                                   cap_t cap, bool call, word_t *buffer)
{
    switch (cap_get_type(cap)) {
    case cap_frame:           return decodeX86FrameInvocation(label, length, slot, cap, call, buffer);
    case cap_page_table:      return decodeX86PageTableInvocation(label, length, slot, cap, buffer);
    case cap_page_directory:  return decodeX86PageDirectoryInvocation(label, length, slot, cap, buffer);
    case cap_pdpt:            return decodeX86PDPTInvocation(label, length, slot, cap, buffer);
    case cap_pml4:            return SYSCALL_ERROR(seL4_IllegalOperation);
    case cap_asid_control:    return decodeX86ASIDControlInvocation(label, length, slot, buffer);
    case cap_asid_pool:       return decodeX86ASIDPoolInvocation(label, cap);
    case cap_io_port_control: return decodeX86PortControlInvocation(label, length, slot, buffer);
    case cap_io_port:         return decodeX86PortInvocation(label, length, cap, call, buffer);
    default:                  return SYSCALL_INVALID_CAP(0);
    }
}
