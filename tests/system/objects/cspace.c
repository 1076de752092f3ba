/* CSpace addressing: initial caps, CPtr resolution through guarded,
 * multi-level CNodes, and the lookup failures reported in the error MRs. */
#include "test.h"

/* The CNode cap `cnode` re-minted with a guard of guard_size bits. */
static seL4_Word guard_data(seL4_Word guard, seL4_Word guard_size)
{
    return seL4_CNode_CapData_new(guard, guard_size).words[0];
}

static void cspace_invoke_null_cap(void)
{
    seL4_CPtr s = slot_alloc();
    CHECK_ERR(seL4_TCB_Suspend(s), seL4_InvalidCapability);
    CHECK_MR(0, 0);
}

static void cspace_initial_caps(void)
{
    CHECK_EQ(cap_type(seL4_CapNull), CT_NULL);
    CHECK_EQ(cap_type(seL4_CapInitThreadTCB), CT_TCB);
    CHECK_EQ(cap_type(seL4_CapInitThreadCNode), CT_CNODE);
    CHECK_EQ(cap_type(seL4_CapInitThreadVSpace), CT_PML4);
    CHECK_EQ(cap_type(seL4_CapIRQControl), CT_IRQ_CONTROL);
    CHECK_EQ(cap_type(seL4_CapASIDControl), CT_ASID_CONTROL);
    CHECK_EQ(cap_type(seL4_CapInitThreadASIDPool), CT_ASID_POOL);
    CHECK_EQ(cap_type(seL4_CapIOPortControl), CT_IO_PORT_CONTROL);
    CHECK_EQ(cap_type(seL4_CapIOSpace), CT_NULL);
    CHECK_EQ(cap_type(seL4_CapBootInfoFrame), CT_FRAME);
    CHECK_EQ(cap_type(seL4_CapInitThreadIPCBuffer), CT_FRAME);
    CHECK_EQ(cap_type(seL4_CapDomain), CT_DOMAIN);
}

static void cspace_bootinfo_regions(void)
{
    CHECK_EQ(bi->initThreadCNodeSizeBits, 16);
    CHECK_EQ(bi->empty.end, 1ul << 16);
    CHECK(bi->empty.start >= bi->untyped.end);
    CHECK(bi->userImagePaging.end - bi->userImagePaging.start >= 3);
    CHECK_EQ(cap_type(bi->userImagePaging.start), CT_PDPT);
    CHECK_EQ(cap_type(bi->userImagePaging.start + 1), CT_PD);
    for (seL4_CPtr c = bi->userImagePaging.start + 2; c < bi->userImagePaging.end; c++)
        CHECK_EQ(cap_type(c), CT_PT);
    CHECK(bi->userImageFrames.end > bi->userImageFrames.start);
    for (seL4_CPtr c = bi->userImageFrames.start; c < bi->userImageFrames.end; c++)
        CHECK_EQ(cap_type(c), CT_FRAME);
    CHECK(bi->untyped.end > bi->untyped.start);
    for (seL4_CPtr c = bi->untyped.start; c < bi->untyped.end; c++)
        CHECK_EQ(cap_type(c), CT_UNTYPED);
    CHECK_EQ(cap_type(bi->empty.end - 1), CT_NULL);
    CHECK(bi->ipcBuffer == seL4_GetIPCBuffer());
}

static void cspace_identify_bad_cptr(void)
{
    /* a CPtr whose top bits do not match the root CNode's guard of 0 */
    CHECK_EQ(cap_type(1ul << 60), CT_NULL);
    CHECK_EQ(cap_type(seL4_CapInitThreadTCB | (1ul << 16)), CT_NULL);
}

/* Two levels: cnode A (radix 8, no guard) holds cnode B (radix 8) in slot
 * 3; index (3 << 8 | i) at depth 16 through A names B[i]. */
static void cspace_two_level_copy(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 8);
    seL4_CPtr b = NEW(seL4_CapTableObject, 8);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_OK(seL4_CNode_Copy(a, 3, 8, ROOT_CNODE, b, DEPTH, seL4_AllRights));
    CHECK_OK(seL4_CNode_Copy(a, (3 << 8) | 5, 16, ROOT_CNODE, ep, DEPTH, seL4_AllRights));
    /* B[5] is visible through B directly */
    seL4_CPtr out = slot_alloc();
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, out, DEPTH, b, 5, 8, seL4_AllRights));
    CHECK_EQ(cap_type(out), CT_EP);
    /* and through A at depth 16 as a source */
    seL4_CPtr out2 = slot_alloc();
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, out2, DEPTH, a, (3 << 8) | 5, 16, seL4_AllRights));
    CHECK_EQ(cap_type(out2), CT_EP);
}

static void cspace_three_level_delete(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 4);
    seL4_CPtr b = NEW(seL4_CapTableObject, 4);
    seL4_CPtr c = NEW(seL4_CapTableObject, 4);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_OK(seL4_CNode_Copy(a, 1, 4, ROOT_CNODE, b, DEPTH, seL4_AllRights));
    CHECK_OK(seL4_CNode_Copy(a, (1 << 4) | 2, 8, ROOT_CNODE, c, DEPTH, seL4_AllRights));
    seL4_Word idx = (1 << 8) | (2 << 4) | 7;
    CHECK_OK(seL4_CNode_Copy(a, idx, 12, ROOT_CNODE, ep, DEPTH, seL4_AllRights));
    /* C[7] holds it */
    seL4_CPtr out = slot_alloc();
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, out, DEPTH, c, 7, 4, seL4_AllRights));
    CHECK_EQ(cap_type(out), CT_EP);
    CHECK_OK(seL4_CNode_Delete(a, idx, 12));
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, c, 7, 4, seL4_AllRights), seL4_FailedLookup);
    CHECK_MR(0, 1);
    CHECK_MR(1, seL4_MissingCapability);
}

static void cspace_guard_match(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 8);
    seL4_CPtr ag = slot_alloc();
    CHECK_OK(seL4_CNode_Mint(ROOT_CNODE, ag, DEPTH, ROOT_CNODE, a, DEPTH, seL4_AllRights, guard_data(0xa, 4)));
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_OK(seL4_CNode_Copy(ag, (0xa << 8) | 5, 12, ROOT_CNODE, ep, DEPTH, seL4_AllRights));
    seL4_CPtr out = slot_alloc();
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, out, DEPTH, a, 5, 8, seL4_AllRights));
    CHECK_EQ(cap_type(out), CT_EP);
}

static void cspace_guard_mismatch(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 8);
    seL4_CPtr ag = slot_alloc();
    CHECK_OK(seL4_CNode_Mint(ROOT_CNODE, ag, DEPTH, ROOT_CNODE, a, DEPTH, seL4_AllRights, guard_data(0xa, 4)));
    CHECK_ERR(seL4_CNode_Delete(ag, (0x3 << 8) | 5, 12), seL4_FailedLookup);
    CHECK_MR(0, 0);                     /* not the source */
    CHECK_MR(1, seL4_GuardMismatch);
    CHECK_MR(2, 12);                    /* bits left */
    CHECK_MR(3, 0xa);                   /* guard found (the CNode's guard) */
    CHECK_MR(4, 4);                     /* bits found (guard size) */
}

static void cspace_guard_longer_than_depth(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 8);
    seL4_CPtr ag = slot_alloc();
    CHECK_OK(seL4_CNode_Mint(ROOT_CNODE, ag, DEPTH, ROOT_CNODE, a, DEPTH, seL4_AllRights, guard_data(0xa, 4)));
    CHECK_ERR(seL4_CNode_Delete(ag, 0x2, 2), seL4_FailedLookup);
    CHECK_MR(1, seL4_GuardMismatch);
    CHECK_MR(2, 2);
    CHECK_MR(3, 0xa);
    CHECK_MR(4, 4);
}

static void cspace_root_depth_too_small(void)
{
    /* the root CNode resolves 48 guard bits + 16 radix bits */
    CHECK_ERR(seL4_CNode_Delete(ROOT_CNODE, 5, 32), seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_GuardMismatch);
    CHECK_MR(2, 32);
    CHECK_MR(3, 0);
    CHECK_MR(4, 48);
}

static void cspace_depth_mismatch_short(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 8);
    CHECK_ERR(seL4_CNode_Delete(a, 1, 4), seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_DepthMismatch);
    CHECK_MR(2, 4);    /* bits left */
    CHECK_MR(3, 8);    /* bits found: the level needs 8 */
}

static void cspace_depth_mismatch_leftover(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 8);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_OK(seL4_CNode_Copy(a, 7, 8, ROOT_CNODE, ep, DEPTH, seL4_AllRights));
    /* 16 bits through A: A[7] is not a CNode, 8 bits are left over */
    CHECK_ERR(seL4_CNode_Delete(a, (7 << 8) | 1, 16), seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_DepthMismatch);
    CHECK_MR(2, 8);
    CHECK_MR(3, 0);
}

static void cspace_depth_out_of_range(void)
{
    CHECK_ERR(seL4_CNode_Delete(ROOT_CNODE, slot_alloc(), 0), seL4_RangeError);
    CHECK_MR(0, 1);
    CHECK_MR(1, 64);
    CHECK_ERR(seL4_CNode_Delete(ROOT_CNODE, slot_alloc(), 65), seL4_RangeError);
    CHECK_MR(0, 1);
    CHECK_MR(1, 64);
}

static void cspace_invalid_root_source(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, ep, ep, DEPTH, seL4_AllRights),
              seL4_FailedLookup);
    CHECK_MR(0, 1);                      /* the source */
    CHECK_MR(1, seL4_InvalidRoot);
}

static void cspace_missing_source(void)
{
    seL4_CPtr empty = slot_alloc();
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, empty, DEPTH, seL4_AllRights),
              seL4_FailedLookup);
    CHECK_MR(0, 1);
    CHECK_MR(1, seL4_MissingCapability);
    CHECK_MR(2, 64);
}

static void cspace_short_cptr_in_subcnode(void)
{
    /* A CNode cap with guard 56 + radix 8 resolves a full 64-bit CPtr in
     * one level, like a thread's CSpace root would. */
    seL4_CPtr a = NEW(seL4_CapTableObject, 8);
    seL4_CPtr ag = slot_alloc();
    CHECK_OK(seL4_CNode_Mint(ROOT_CNODE, ag, DEPTH, ROOT_CNODE, a, DEPTH, seL4_AllRights, guard_data(0, 56)));
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_OK(seL4_CNode_Copy(ag, 9, DEPTH, ROOT_CNODE, ep, DEPTH, seL4_AllRights));
    seL4_CPtr out = slot_alloc();
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, out, DEPTH, a, 9, 8, seL4_AllRights));
    CHECK_EQ(cap_type(out), CT_EP);
    /* guard bits set in the CPtr: mismatch at the first level */
    CHECK_ERR(seL4_CNode_Delete(ag, (1ul << 63) | 9, DEPTH), seL4_FailedLookup);
    CHECK_MR(1, seL4_GuardMismatch);
    CHECK_MR(2, 64);
    CHECK_MR(3, 0);
    CHECK_MR(4, 56);
}

static void cspace_cnode_guard_too_big(void)
{
    /* guard size + radix > 64: the minted cap would be invalid */
    seL4_CPtr a = NEW(seL4_CapTableObject, 8);
    CHECK_ERR(seL4_CNode_Mint(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, a, DEPTH, seL4_AllRights,
                              guard_data(0, 57)), seL4_IllegalOperation);
}

const test_case_t cspace_tests[] = {
    TEST(cspace, invoke_null_cap),
    TEST(cspace, initial_caps),
    TEST(cspace, bootinfo_regions),
    TEST(cspace, identify_bad_cptr),
    TEST(cspace, two_level_copy),
    TEST(cspace, three_level_delete),
    TEST(cspace, guard_match),
    TEST(cspace, guard_mismatch),
    TEST(cspace, guard_longer_than_depth),
    TEST(cspace, root_depth_too_small),
    TEST(cspace, depth_mismatch_short),
    TEST(cspace, depth_mismatch_leftover),
    TEST(cspace, depth_out_of_range),
    TEST(cspace, invalid_root_source),
    TEST(cspace, missing_source),
    TEST(cspace, short_cptr_in_subcnode),
    TEST(cspace, cnode_guard_too_big),
    TESTS_END,
};
