/* Frame caps (4 KiB, 2 MiB, 1 GiB pages): X86_Page_Map, X86_Page_Unmap,
 * X86_Page_GetAddress. Each copy of a frame cap maps the frame at most once;
 * a mapped cap may be mapped again only at the same address in the same
 * VSpace (to change its rights or attributes). */
#include "paging.h"

/* ---------------------------------------------------------------- invoke */

static exception_t performPageMap(cap_t cap, cte_t *slot, pte_t *entry_slot, pte_t entry, pte_t *pml4)
{
    slot->cap = cap;
    *entry_slot = entry;
    flush_page(pml4, cap_frame_mapped_addr(cap));   /* a remap may have reduced rights */
    return EXCEPTION_NONE;
}

static exception_t performPageUnmap(cap_t cap, cte_t *slot)
{
    if (cap_frame_is_mapped(cap))
        unmapPage(cap_frame_size(cap), cap_frame_mapped_asid(cap), cap_frame_mapped_addr(cap), frame_paddr(cap));
    cap = cap_set_frame_is_mapped(slot->cap, 0);
    cap = cap_set_frame_mapped_asid(cap, ASID_INVALID);
    slot->cap = cap_set_frame_mapped_addr(cap, 0);
    return EXCEPTION_NONE;
}

/* Reply MR0 = the frame's physical address. */
static exception_t performPageGetAddress(paddr_t paddr, bool call)
{
    if (call) {
        word_t len = setMR(ksCurThread, lookupIPCBuffer(true, ksCurThread), 0, paddr);
        replyFromKernel_success(ksCurThread, len);
    }
    /* Running, not Restart: the reply is already made, the generic code
     * must not send an empty one over it. */
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

/* ---------------------------------------------------------------- decode */

/* The slot a frame of frame_size at vaddr goes in, as seL4's
 * createSafeMappingEntries: a missing table is a failed lookup, and a large
 * page never replaces a table (DeleteFirst). An existing page is replaced. */
static pte_t *frame_slot(pte_t *pml4, vptr_t vaddr, word_t frame_size, exception_t *status)
{
    pte_t *slot;
    switch (frame_size) {
    case X86_SmallPage:  slot = lookupPTSlot(pml4, vaddr); break;
    case X86_LargePage:  slot = lookupPDSlot(pml4, vaddr); break;
    default:             slot = lookupPDPTSlot(pml4, vaddr); break;
    }
    if (!slot) {
        *status = SYSCALL_FAILED_LOOKUP(false);   /* current_lookup_fault says which level */
        return NULL;
    }
    if (frame_size != X86_SmallPage && pte_is_table(*slot)) {
        *status = SYSCALL_ERROR(seL4_DeleteFirst);
        return NULL;
    }
    *status = EXCEPTION_NONE;
    return slot;
}

static exception_t decodePageMap(word_t length, cte_t *slot, cap_t cap, word_t *buffer)
{
    if (length < 3 || !current_extra_caps.slots[0])
        return SYSCALL_ERROR(seL4_TruncatedMessage);

    vptr_t vaddr = getSyscallArg(0, buffer);
    word_t rights_mask = getSyscallArg(1, buffer);
    word_t attr = getSyscallArg(2, buffer);
    cap_t vspace_cap = current_extra_caps.slots[0]->cap;
    word_t frame_size = cap_frame_size(cap);

    if (!isValidVTableRoot(vspace_cap)) {
        userErrorAs("decodeX86FrameInvocation", "X86FrameMap: Attempting to map frame into invalid page directory cap.");
        return SYSCALL_INVALID_CAP(1);
    }
    pte_t *pml4 = table_ptr(vspace_cap);
    word_t asid = cap_pt_mapped_asid(vspace_cap);

    if (cap_frame_is_mapped(cap)) {
        if (cap_frame_mapped_asid(cap) != asid)
            return SYSCALL_INVALID_CAP(1);
        if (cap_frame_mapped_addr(cap) != vaddr) {
            userErrorAs("decodeX86FrameInvocation", "X86Frame: Attempting to map frame into multiple addresses");
            return SYSCALL_INVALID_ARGUMENT(0);
        }
    } else {
        /* vtop also catches vaddr + size wrapping around */
        vptr_t vtop = vaddr + BIT(page_bits_for_size(frame_size));
        if (vaddr > USER_TOP || vtop > USER_TOP) {
            userErrorAs("decodeX86FrameInvocation", "X86Frame: Mapping address too high.");
            return SYSCALL_INVALID_ARGUMENT(0);
        }
    }

    pte_t *found = findVSpaceForASID(asid);
    if (!found)
        return SYSCALL_FAILED_LOOKUP(false);
    if (found != pml4)
        return SYSCALL_INVALID_CAP(1);

    word_t vm_rights = mask_vm_rights(cap_frame_vm_rights(cap), rights_mask);

    if (!IS_ALIGNED(vaddr, page_bits_for_size(frame_size)))
        return SYSCALL_ERROR(seL4_AlignmentError);

    exception_t status;
    pte_t *entry_slot = frame_slot(pml4, vaddr, frame_size, &status);
    if (!entry_slot)
        return status;

    pte_t entry = make_page_entry(frame_paddr(cap), frame_size, vm_rights, attr);
    cap = cap_set_frame_is_mapped(cap, 1);
    cap = cap_set_frame_mapped_asid(cap, asid);
    cap = cap_set_frame_mapped_addr(cap, vaddr);

    setThreadState(ksCurThread, ThreadState_Restart);
    return performPageMap(cap, slot, entry_slot, entry, pml4);
}

exception_t decodeX86FrameInvocation(word_t label, word_t length, cte_t *slot, cap_t cap,
                                     bool call, word_t *buffer)
{
    switch (label) {
    case X86PageMap:
        return decodePageMap(length, slot, cap, buffer);
    case X86PageUnmap:
        setThreadState(ksCurThread, ThreadState_Restart);
        return performPageUnmap(cap, slot);
    case X86PageGetAddress:
        setThreadState(ksCurThread, ThreadState_Restart);
        return performPageGetAddress(frame_paddr(cap), call);
    default:
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
}
