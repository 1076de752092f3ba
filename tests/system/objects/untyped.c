/* Untyped_Retype: every object type, the argument checks with their error
 * details, the watermark, reset, device memory, seL4_UntypedRetypeMaxObjects. */
#include "test.h"

#define RETYPE(ut, type, bits, slot, n) seL4_Untyped_Retype((ut), (type), (bits), ROOT_CNODE, 0, 0, (slot), (n))

static seL4_Word paddr_of(seL4_CPtr frame)
{
    seL4_X86_Page_GetAddress_t r = seL4_X86_Page_GetAddress(frame);
    return r.error ? ~0ul : r.paddr;
}

static void untyped_retype_all_types(void)
{
    static const struct { seL4_Word type, bits, tag; } t[] = {
        { seL4_UntypedObject, 12, CT_UNTYPED },
        { seL4_TCBObject, 0, CT_TCB },
        { seL4_EndpointObject, 0, CT_EP },
        { seL4_NotificationObject, 0, CT_NTFN },
        { seL4_CapTableObject, 4, CT_CNODE },
        { seL4_X86_PDPTObject, 0, CT_PDPT },
        { seL4_X64_PML4Object, 0, CT_PML4 },
        { seL4_X86_4K, 0, CT_FRAME },
        { seL4_X86_PageTableObject, 0, CT_PT },
        { seL4_X86_PageDirectoryObject, 0, CT_PD },
    };
    for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        seL4_CPtr s = NEW(t[i].type, t[i].bits);
        CHECK_MSG(cap_type(s) == t[i].tag, "type %lu: cap type %lu, expected %lu", t[i].type, cap_type(s), t[i].tag);
    }
}

static void untyped_invalid_type(void)
{
    CHECK_ERR(RETYPE(case_ut(), seL4_ObjectTypeCount, 0, slot_alloc(), 1), seL4_InvalidArgument);
    CHECK_MR(0, 0);
    CHECK_ERR(RETYPE(case_ut(), 1000, 0, slot_alloc(), 1), seL4_InvalidArgument);
    CHECK_MR(0, 0);
}

static void untyped_size_too_big(void)
{
    CHECK_ERR(RETYPE(case_ut(), seL4_UntypedObject, 48, slot_alloc(), 1), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_MaxUntypedBits);
    CHECK_ERR(RETYPE(case_ut(), seL4_UntypedObject, 64, slot_alloc(), 1), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_MaxUntypedBits);
    /* a CNode of 2^43 slots is 2^48 bytes */
    CHECK_ERR(RETYPE(case_ut(), seL4_CapTableObject, 43, slot_alloc(), 1), seL4_RangeError);
    CHECK_MR(1, seL4_MaxUntypedBits);
}

static void untyped_max_size_not_enough_memory(void)
{
    /* the biggest legal size is fine as far as arguments go */
    CHECK_ERR(RETYPE(case_ut(), seL4_UntypedObject, seL4_MaxUntypedBits, slot_alloc(), 1), seL4_NotEnoughMemory);
    CHECK_MR(0, 1ul << CASE_UT_BITS);
}

static void untyped_cnode_size_zero(void)
{
    CHECK_ERR(RETYPE(case_ut(), seL4_CapTableObject, 0, slot_alloc(), 1), seL4_InvalidArgument);
    CHECK_MR(0, 1);
}

static void untyped_untyped_too_small(void)
{
    CHECK_ERR(RETYPE(case_ut(), seL4_UntypedObject, seL4_MinUntypedBits - 1, slot_alloc(), 1),
              seL4_InvalidArgument);
    CHECK_MR(0, 1);
    seL4_CPtr s = slot_alloc();
    CHECK_OK(RETYPE(case_ut(), seL4_UntypedObject, seL4_MinUntypedBits, s, 1));
    CHECK_EQ(cap_type(s), CT_UNTYPED);
}

static void untyped_offset_too_large(void)
{
    CHECK_ERR(RETYPE(case_ut(), seL4_EndpointObject, 0, 1ul << 16, 1), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, (1ul << 16) - 1);
}

static void untyped_count_out_of_range(void)
{
    CHECK_ERR(RETYPE(case_ut(), seL4_EndpointObject, 0, slot_alloc(), 0), seL4_RangeError);
    CHECK_MR(0, 1);
    CHECK_MR(1, seL4_UntypedRetypeMaxObjects);
    seL4_CPtr s = slots_alloc(seL4_UntypedRetypeMaxObjects + 1);
    CHECK(s);
    CHECK_ERR(RETYPE(case_ut(), seL4_EndpointObject, 0, s, seL4_UntypedRetypeMaxObjects + 1), seL4_RangeError);
    CHECK_MR(0, 1);
    CHECK_MR(1, seL4_UntypedRetypeMaxObjects);
    CHECK_EQ(cap_type(s), CT_NULL);
}

static void untyped_max_objects(void)
{
    seL4_CPtr s = slots_alloc(seL4_UntypedRetypeMaxObjects);
    CHECK(s);
    CHECK_OK(RETYPE(case_ut(), seL4_EndpointObject, 0, s, seL4_UntypedRetypeMaxObjects));
    for (seL4_Word i = 0; i < seL4_UntypedRetypeMaxObjects; i++)
        CHECK_MSG(cap_type(s + i) == CT_EP, "slot %lu of the window: type %lu", i, cap_type(s + i));
}

static void untyped_window_overruns_cnode(void)
{
    CHECK_ERR(RETYPE(case_ut(), seL4_EndpointObject, 0, (1ul << 16) - 6, 10), seL4_RangeError);
    CHECK_MR(0, 1);
    CHECK_MR(1, 6);
}

static void untyped_dest_occupied(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(RETYPE(case_ut(), seL4_NotificationObject, 0, ep, 1), seL4_DeleteFirst);
    CHECK_EQ(cap_type(ep), CT_EP);
}

static void untyped_window_partly_occupied(void)
{
    seL4_CPtr s = slots_alloc(3);
    CHECK(s);
    CHECK_OK(RETYPE(case_ut(), seL4_EndpointObject, 0, s + 1, 1));
    CHECK_ERR(RETYPE(case_ut(), seL4_NotificationObject, 0, s, 3), seL4_DeleteFirst);
    CHECK_EQ(cap_type(s), CT_NULL);
    CHECK_EQ(cap_type(s + 2), CT_NULL);
}

static void untyped_dest_not_cnode(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_Untyped_Retype(case_ut(), seL4_EndpointObject, 0, ROOT_CNODE, ep, DEPTH, 0, 1),
              seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_MissingCapability);
    CHECK_MR(2, DEPTH);
}

static void untyped_dest_lookup_fails(void)
{
    CHECK_ERR(seL4_Untyped_Retype(case_ut(), seL4_EndpointObject, 0, ROOT_CNODE, 5, 32, 0, 1),
              seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_GuardMismatch);
    CHECK_MR(2, 32);
}

static void untyped_into_sub_cnode(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 4);
    CHECK_OK(seL4_Untyped_Retype(case_ut(), seL4_EndpointObject, 0, ROOT_CNODE, a, DEPTH, 3, 2));
    seL4_CPtr o = slots_alloc(2);
    CHECK(o);
    CHECK_OK(seL4_CNode_Move(ROOT_CNODE, o, DEPTH, a, 3, 4));
    CHECK_OK(seL4_CNode_Move(ROOT_CNODE, o + 1, DEPTH, a, 4, 4));
    CHECK_EQ(cap_type(o), CT_EP);
    CHECK_EQ(cap_type(o + 1), CT_EP);
    /* offset beyond the small CNode */
    CHECK_ERR(seL4_Untyped_Retype(case_ut(), seL4_EndpointObject, 0, ROOT_CNODE, a, DEPTH, 16, 1),
              seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, 15);
}

static void untyped_not_enough_memory(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12);
    seL4_CPtr s = slots_alloc(3);
    CHECK(s);
    CHECK_ERR(RETYPE(ut, seL4_TCBObject, 0, s, 3), seL4_NotEnoughMemory);
    CHECK_MR(0, 4096);
    CHECK_OK(RETYPE(ut, seL4_TCBObject, 0, s, 1));
    CHECK_ERR(RETYPE(ut, seL4_TCBObject, 0, s + 1, 2), seL4_NotEnoughMemory);
    CHECK_MR(0, 2048);
    CHECK_ERR(RETYPE(ut, seL4_X86_4K, 0, s + 1, 1), seL4_NotEnoughMemory);
    CHECK_MR(0, 2048);
}

static void untyped_watermark_no_backfill(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12);
    seL4_CPtr s = slots_alloc(3);
    CHECK(s);
    CHECK_OK(RETYPE(ut, seL4_EndpointObject, 0, s, 1));       /* [0, 16) */
    CHECK_OK(RETYPE(ut, seL4_TCBObject, 0, s + 1, 1));        /* aligned: [2048, 4096) */
    CHECK_ERR(RETYPE(ut, seL4_EndpointObject, 0, s + 2, 1), seL4_NotEnoughMemory);
    CHECK_MR(0, 0);
}

static void untyped_watermark_alignment(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, 14);
    seL4_CPtr s = slots_alloc(3);
    CHECK(s);
    CHECK_OK(RETYPE(ut, seL4_X86_4K, 0, s, 1));
    seL4_Word base = paddr_of(s);
    CHECK(base != ~0ul && (base & 0x3fff) == 0);
    CHECK_OK(RETYPE(ut, seL4_EndpointObject, 0, s + 1, 1));
    CHECK_OK(RETYPE(ut, seL4_X86_4K, 0, s + 2, 1));
    CHECK_EQ(paddr_of(s + 2), base + 8192);
}

static void untyped_reset_after_delete(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12);
    seL4_CPtr s = slots_alloc(3);
    CHECK(s);
    CHECK_OK(RETYPE(ut, seL4_TCBObject, 0, s, 2));
    CHECK_ERR(RETYPE(ut, seL4_TCBObject, 0, s + 2, 1), seL4_NotEnoughMemory);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, s, DEPTH));
    /* one child left: no reset */
    CHECK_ERR(RETYPE(ut, seL4_TCBObject, 0, s, 1), seL4_NotEnoughMemory);
    CHECK_MR(0, 0);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, s + 1, DEPTH));
    CHECK_OK(RETYPE(ut, seL4_TCBObject, 0, s, 2));
}

static void untyped_reset_after_revoke(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12);
    seL4_CPtr s = slots_alloc(2);
    CHECK(s);
    CHECK_OK(RETYPE(ut, seL4_X86_4K, 0, s, 1));
    CHECK_ERR(RETYPE(ut, seL4_EndpointObject, 0, s + 1, 1), seL4_NotEnoughMemory);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ut, DEPTH));
    CHECK_EQ(cap_type(s), CT_NULL);
    CHECK_OK(RETYPE(ut, seL4_X86_4K, 0, s, 1));
}

static void untyped_objects_zeroed(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12);
    seL4_CPtr f = slot_alloc();
    CHECK_OK(RETYPE(ut, seL4_X86_4K, 0, f, 1));
    seL4_Word pa = paddr_of(f);
    volatile seL4_Word *p = (volatile seL4_Word *)map_scratch(f);
    CHECK(p);
    p[0] = 0xdeadbeef;
    p[511] = 0xfeedface;
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ut, DEPTH));
    CHECK_OK(RETYPE(ut, seL4_X86_4K, 0, f, 1));
    CHECK_EQ(paddr_of(f), pa);
    p = (volatile seL4_Word *)map_scratch(f);
    CHECK(p);
    CHECK_EQ(p[0], 0);
    CHECK_EQ(p[511], 0);
}

static void untyped_copy_marks_original_full(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12);
    seL4_CPtr c = COPY(ut, seL4_AllRights);
    CHECK_ERR(RETYPE(ut, seL4_EndpointObject, 0, slot_alloc(), 1), seL4_NotEnoughMemory);
    CHECK_MR(0, 0);
    CHECK_OK(RETYPE(c, seL4_EndpointObject, 0, slot_alloc(), 1));
}

static void untyped_child_untypeds(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, 16);
    seL4_CPtr kids = slots_alloc(2);
    CHECK(kids);
    CHECK_OK(RETYPE(ut, seL4_UntypedObject, 15, kids, 2));
    CHECK_ERR(RETYPE(ut, seL4_EndpointObject, 0, slot_alloc(), 1), seL4_NotEnoughMemory);
    seL4_CPtr s = slots_alloc(32);
    CHECK(s);
    CHECK_OK(RETYPE(kids, seL4_TCBObject, 0, s, 16));
    CHECK_OK(RETYPE(kids + 1, seL4_TCBObject, 0, s + 16, 16));
    CHECK_ERR(RETYPE(kids + 1, seL4_EndpointObject, 0, slot_alloc(), 1), seL4_NotEnoughMemory);
    /* revoking the parent removes the grandchildren too */
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ut, DEPTH));
    CHECK_EQ(cap_type(s), CT_NULL);
    CHECK_EQ(cap_type(s + 31), CT_NULL);
    CHECK_EQ(cap_type(kids), CT_NULL);
}

static void untyped_large_page_aligned(void)
{
    seL4_CPtr s = slots_alloc(2);
    CHECK(s);
    CHECK_OK(RETYPE(case_ut(), seL4_EndpointObject, 0, s, 1));
    CHECK_OK(RETYPE(case_ut(), seL4_X86_LargePageObject, 0, s + 1, 1));
    seL4_Word pa = paddr_of(s + 1);
    CHECK(pa != ~0ul);
    CHECK_EQ(pa & ((1ul << 21) - 1), 0);
}

static seL4_CPtr device_untyped(int min_bits)
{
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_UntypedDesc *d = &bi->untypedList[i];
        if (d->isDevice && d->sizeBits >= min_bits && d->sizeBits <= 30)
            return bi->untyped.start + i;
    }
    return 0;
}

static void untyped_device_kernel_object(void)
{
    seL4_CPtr dut = device_untyped(12);
    CHECK_MSG(dut, "no device untyped");
    CHECK_ERR(RETYPE(dut, seL4_TCBObject, 0, slot_alloc(), 1), seL4_InvalidArgument);
    CHECK_MR(0, 1);
    CHECK_ERR(RETYPE(dut, seL4_EndpointObject, 0, slot_alloc(), 1), seL4_InvalidArgument);
    CHECK_ERR(RETYPE(dut, seL4_X86_PageTableObject, 0, slot_alloc(), 1), seL4_InvalidArgument);
}

static void untyped_device_frame(void)
{
    seL4_CPtr dut = device_untyped(12);
    CHECK_MSG(dut, "no device untyped");
    seL4_CPtr f = slot_alloc();
    CHECK_OK(RETYPE(dut, seL4_X86_4K, 0, f, 1));
    CHECK_EQ(cap_type(f), CT_FRAME);
    seL4_Word pa = bi->untypedList[dut - bi->untyped.start].paddr;
    CHECK_EQ(paddr_of(f), pa);
    seL4_CPtr u = slot_alloc();
    CHECK_OK(RETYPE(dut, seL4_UntypedObject, 12, u, 1));
    CHECK_EQ(cap_type(u), CT_UNTYPED);
}

static void untyped_wrong_label(void)
{
    seL4_Word mrs[6] = { seL4_EndpointObject, 0, 0, 0, slot_alloc(), 1 };
    seL4_CPtr caps[1] = { ROOT_CNODE };
    seL4_MessageInfo_t r = raw_call(case_ut(), CNodeCopy, 6, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
}

static void untyped_truncated(void)
{
    seL4_Word mrs[6] = { seL4_EndpointObject, 0, 0, 0, slot_alloc(), 1 };
    seL4_CPtr caps[1] = { ROOT_CNODE };
    seL4_MessageInfo_t r = raw_call(case_ut(), UntypedRetype, 5, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(case_ut(), UntypedRetype, 6, 0, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    CHECK_EQ(cap_type(mrs[4]), CT_NULL);
}

static void untyped_delete_untyped_keeps_objects(void)
{
    /* deleting an untyped cap does not delete what was made from it */
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12);
    seL4_CPtr n = slot_alloc();
    CHECK_OK(RETYPE(ut, seL4_NotificationObject, 0, n, 1));
    seL4_CPtr nb = MINT(n, seL4_AllRights, 0x21);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, ut, DEPTH));
    seL4_Signal(nb);
    seL4_Word badge = 0;
    seL4_Poll(n, &badge);
    CHECK_EQ(badge, 0x21);
}

const test_case_t untyped_tests[] = {
    TEST(untyped, retype_all_types),
    TEST(untyped, invalid_type),
    TEST(untyped, size_too_big),
    TEST(untyped, max_size_not_enough_memory),
    TEST(untyped, cnode_size_zero),
    TEST(untyped, untyped_too_small),
    TEST(untyped, offset_too_large),
    TEST(untyped, count_out_of_range),
    TEST(untyped, max_objects),
    TEST(untyped, window_overruns_cnode),
    TEST(untyped, dest_occupied),
    TEST(untyped, window_partly_occupied),
    TEST(untyped, dest_not_cnode),
    TEST(untyped, dest_lookup_fails),
    TEST(untyped, into_sub_cnode),
    TEST(untyped, not_enough_memory),
    TEST(untyped, watermark_no_backfill),
    TEST(untyped, watermark_alignment),
    TEST(untyped, reset_after_delete),
    TEST(untyped, reset_after_revoke),
    TEST(untyped, objects_zeroed),
    TEST(untyped, copy_marks_original_full),
    TEST(untyped, child_untypeds),
    TEST(untyped, large_page_aligned),
    TEST(untyped, device_kernel_object),
    TEST(untyped, device_frame),
    TEST(untyped, wrong_label),
    TEST(untyped, truncated),
    TEST(untyped, delete_untyped_keeps_objects),
    TESTS_END,
};
