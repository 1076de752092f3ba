/* CNode invocations: Copy, Mint, Move, Mutate, Rotate, Delete, Revoke,
 * SaveCaller, CancelBadgedSends, and their errors. */
#include "test.h"

static seL4_Word poll_badge(seL4_CPtr ntfn)
{
    seL4_Word badge = 0;
    seL4_Poll(ntfn, &badge);
    return badge;
}

static void cnode_copy_basic(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr c = COPY(ep, seL4_AllRights);
    CHECK_EQ(cap_type(c), CT_EP);
    CHECK_EQ(cap_type(ep), CT_EP);
}

static void cnode_copy_dest_occupied(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, n, DEPTH, ROOT_CNODE, ep, DEPTH, seL4_AllRights), seL4_DeleteFirst);
    CHECK_EQ(cap_type(n), CT_NTFN);
}

static void cnode_copy_src_empty(void)
{
    seL4_CPtr empty = slot_alloc(), dest = slot_alloc();
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, dest, DEPTH, ROOT_CNODE, empty, DEPTH, seL4_AllRights),
              seL4_FailedLookup);
    CHECK_MR(0, 1);
    CHECK_MR(1, seL4_MissingCapability);
    CHECK_MR(2, 64);
    CHECK_EQ(cap_type(dest), CT_NULL);
}

static void cnode_copy_masks_rights(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr ro = COPY(ep, seL4_CanRead);
    /* no Write: invoking (sending) fails with InvalidCapability 0 */
    seL4_MessageInfo_t r = seL4_Call(ro, seL4_MessageInfo_new(0, 0, 0, 0));
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_InvalidCapability);
    CHECK_MR(0, 0);
    /* rights never grow back */
    seL4_CPtr again = COPY(ro, seL4_AllRights);
    r = seL4_Call(again, seL4_MessageInfo_new(0, 0, 0, 0));
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_InvalidCapability);
}

static void cnode_copy_notification_rights(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x40);
    seL4_CPtr ro = COPY(b, seL4_CanRead);
    seL4_Signal(ro);                       /* no Write: nothing happens */
    CHECK_EQ(poll_badge(n), 0);
    seL4_CPtr wo = COPY(b, seL4_CanWrite);
    seL4_Signal(wo);
    CHECK_EQ(poll_badge(n), 0x40);
}

static void cnode_mint_badge(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x42);
    seL4_Signal(b);
    CHECK_EQ(poll_badge(n), 0x42);
    /* a copy keeps the badge */
    seL4_CPtr c = COPY(b, seL4_AllRights);
    seL4_Signal(c);
    CHECK_EQ(poll_badge(n), 0x42);
}

static void cnode_mint_rebadge_illegal(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b = MINT(ep, seL4_AllRights, 5);
    CHECK_ERR(seL4_CNode_Mint(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, b, DEPTH, seL4_AllRights, 7),
              seL4_IllegalOperation);
    /* even badge 0 counts as a new badge for an already badged cap */
    CHECK_ERR(seL4_CNode_Mint(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, b, DEPTH, seL4_AllRights, 0),
              seL4_IllegalOperation);
}

static void cnode_mint_truncated(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr caps[1] = { ROOT_CNODE };
    seL4_Word mrs[6] = { slot_alloc(), DEPTH, ep, DEPTH, seL4_AllRights.words[0], 1 };
    seL4_MessageInfo_t r = raw_call(ROOT_CNODE, CNodeMint, 5, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    CHECK_EQ(cap_type(mrs[0]), CT_NULL);
}

static void cnode_copy_truncated(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr caps[1] = { ROOT_CNODE };
    seL4_Word mrs[5] = { slot_alloc(), DEPTH, ep, DEPTH, seL4_AllRights.words[0] };
    seL4_MessageInfo_t r = raw_call(ROOT_CNODE, CNodeCopy, 4, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    /* the source root cap is missing */
    r = raw_call(ROOT_CNODE, CNodeCopy, 5, 0, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    CHECK_EQ(cap_type(mrs[0]), CT_NULL);
}

static void cnode_short_message(void)
{
    seL4_Word mrs[2] = { slot_alloc(), DEPTH };
    seL4_MessageInfo_t r = raw_call(ROOT_CNODE, CNodeDelete, 1, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void cnode_illegal_label(void)
{
    seL4_Word mrs[2] = { slot_alloc(), DEPTH };
    seL4_MessageInfo_t r = raw_call(ROOT_CNODE, UntypedRetype, 2, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
    r = raw_call(ROOT_CNODE, X86PageMap, 2, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
}

static void cnode_move_basic(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr d = slot_alloc();
    CHECK_OK(seL4_CNode_Move(ROOT_CNODE, d, DEPTH, ROOT_CNODE, ep, DEPTH));
    CHECK_EQ(cap_type(ep), CT_NULL);
    CHECK_EQ(cap_type(d), CT_EP);
}

static void cnode_move_dest_occupied(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_ERR(seL4_CNode_Move(ROOT_CNODE, n, DEPTH, ROOT_CNODE, ep, DEPTH), seL4_DeleteFirst);
    CHECK_EQ(cap_type(ep), CT_EP);
    CHECK_EQ(cap_type(n), CT_NTFN);
}

static void cnode_move_src_empty(void)
{
    CHECK_ERR(seL4_CNode_Move(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, slot_alloc(), DEPTH),
              seL4_FailedLookup);
    CHECK_MR(0, 1);
    CHECK_MR(1, seL4_MissingCapability);
}

static void cnode_move_onto_itself(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_CNode_Move(ROOT_CNODE, ep, DEPTH, ROOT_CNODE, ep, DEPTH), seL4_DeleteFirst);
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, ep, DEPTH, ROOT_CNODE, ep, DEPTH, seL4_AllRights), seL4_DeleteFirst);
    CHECK_EQ(cap_type(ep), CT_EP);
}

static void cnode_move_keeps_children(void)
{
    /* moving a parent keeps the derivation tree: revoking it afterwards
     * still removes the children */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b = MINT(ep, seL4_AllRights, 9);
    seL4_CPtr d = slot_alloc();
    CHECK_OK(seL4_CNode_Move(ROOT_CNODE, d, DEPTH, ROOT_CNODE, ep, DEPTH));
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, d, DEPTH));
    CHECK_EQ(cap_type(b), CT_NULL);
    CHECK_EQ(cap_type(d), CT_EP);
}

static void cnode_mutate_endpoint_illegal(void)
{
    /* Mutate preserves badges: an endpoint cap cannot be mutated */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_CNode_Mutate(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, ep, DEPTH, 0),
              seL4_IllegalOperation);
    CHECK_EQ(cap_type(ep), CT_EP);
}

static void cnode_mutate_tcb_moves(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr d = slot_alloc();
    CHECK_OK(seL4_CNode_Mutate(ROOT_CNODE, d, DEPTH, ROOT_CNODE, tcb, DEPTH, 0));
    CHECK_EQ(cap_type(tcb), CT_NULL);
    CHECK_EQ(cap_type(d), CT_TCB);
}

static void cnode_mutate_cnode_guard(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 4);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_OK(seL4_CNode_Copy(a, 2, 4, ROOT_CNODE, ep, DEPTH, seL4_AllRights));
    seL4_CPtr d = slot_alloc();
    CHECK_OK(seL4_CNode_Mutate(ROOT_CNODE, d, DEPTH, ROOT_CNODE, a, DEPTH,
                               seL4_CNode_CapData_new(3, 2).words[0]));
    CHECK_EQ(cap_type(a), CT_NULL);
    /* now 2 guard bits (0b11) + 4 radix bits */
    seL4_CPtr out = slot_alloc();
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, out, DEPTH, d, (3 << 4) | 2, 6, seL4_AllRights));
    CHECK_EQ(cap_type(out), CT_EP);
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, d, 2, 4, seL4_AllRights), seL4_FailedLookup);
    CHECK_MR(0, 1);
    CHECK_MR(1, seL4_GuardMismatch);
}

static void cnode_mutate_dest_occupied(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_ERR(seL4_CNode_Mutate(ROOT_CNODE, n, DEPTH, ROOT_CNODE, tcb, DEPTH, 0), seL4_DeleteFirst);
}

/* Rotate(dest, dest_badge, pivot, pivot_badge, src): pivot's cap goes to
 * dest, src's cap to pivot. Caps must survive updateCapData(preserve). */
static void cnode_rotate_basic(void)
{
    seL4_CPtr src = NEW(seL4_TCBObject, 0);
    seL4_CPtr pivot = NEW(seL4_CapTableObject, 2);
    seL4_CPtr dest = slot_alloc();
    CHECK_OK(seL4_CNode_Rotate(ROOT_CNODE, dest, DEPTH, 0, ROOT_CNODE, pivot, DEPTH, 0,
                               ROOT_CNODE, src, DEPTH));
    CHECK_EQ(cap_type(dest), CT_CNODE);
    CHECK_EQ(cap_type(pivot), CT_TCB);
    CHECK_EQ(cap_type(src), CT_NULL);
}

static void cnode_rotate_swap(void)
{
    seL4_CPtr a = NEW(seL4_TCBObject, 0);
    seL4_CPtr b = NEW(seL4_CapTableObject, 2);
    CHECK_OK(seL4_CNode_Rotate(ROOT_CNODE, a, DEPTH, 0, ROOT_CNODE, b, DEPTH, 0, ROOT_CNODE, a, DEPTH));
    CHECK_EQ(cap_type(a), CT_CNODE);
    CHECK_EQ(cap_type(b), CT_TCB);
}

static void cnode_rotate_pivot_is_src(void)
{
    seL4_CPtr a = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_CNode_Rotate(ROOT_CNODE, slot_alloc(), DEPTH, 0, ROOT_CNODE, a, DEPTH, 0,
                                ROOT_CNODE, a, DEPTH), seL4_IllegalOperation);
}

static void cnode_rotate_pivot_is_dest(void)
{
    seL4_CPtr a = NEW(seL4_TCBObject, 0);
    seL4_CPtr p = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_CNode_Rotate(ROOT_CNODE, p, DEPTH, 0, ROOT_CNODE, p, DEPTH, 0, ROOT_CNODE, a, DEPTH),
              seL4_IllegalOperation);
}

static void cnode_rotate_dest_occupied(void)
{
    seL4_CPtr a = NEW(seL4_TCBObject, 0);
    seL4_CPtr p = NEW(seL4_TCBObject, 0);
    seL4_CPtr d = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_CNode_Rotate(ROOT_CNODE, d, DEPTH, 0, ROOT_CNODE, p, DEPTH, 0, ROOT_CNODE, a, DEPTH),
              seL4_DeleteFirst);
}

static void cnode_rotate_pivot_empty(void)
{
    seL4_CPtr a = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_CNode_Rotate(ROOT_CNODE, slot_alloc(), DEPTH, 0, ROOT_CNODE, slot_alloc(), DEPTH, 0,
                                ROOT_CNODE, a, DEPTH), seL4_FailedLookup);
    CHECK_MR(0, 0);
    CHECK_MR(1, seL4_MissingCapability);
    CHECK_MR(2, 64);
}

static void cnode_rotate_src_empty(void)
{
    seL4_CPtr p = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_CNode_Rotate(ROOT_CNODE, slot_alloc(), DEPTH, 0, ROOT_CNODE, p, DEPTH, 0,
                                ROOT_CNODE, slot_alloc(), DEPTH), seL4_FailedLookup);
    CHECK_MR(0, 1);
    CHECK_MR(1, seL4_MissingCapability);
}

static void cnode_rotate_endpoint_illegal(void)
{
    /* endpoints keep their badge only through Mint: Rotate's
     * updateCapData(preserve) gives a null cap */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr p = NEW(seL4_TCBObject, 0);
    CHECK_ERR(seL4_CNode_Rotate(ROOT_CNODE, slot_alloc(), DEPTH, 0, ROOT_CNODE, p, DEPTH, 0,
                                ROOT_CNODE, ep, DEPTH), seL4_IllegalOperation);
    CHECK_EQ(cap_type(ep), CT_EP);
    CHECK_EQ(cap_type(p), CT_TCB);
}

static void cnode_rotate_truncated(void)
{
    seL4_CPtr caps[2] = { ROOT_CNODE, ROOT_CNODE };
    seL4_Word mrs[8] = { slot_alloc(), DEPTH, 0, slot_alloc(), DEPTH, 0, slot_alloc(), DEPTH };
    seL4_MessageInfo_t r = raw_call(ROOT_CNODE, CNodeRotate, 8, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(ROOT_CNODE, CNodeRotate, 7, 2, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
}

static void cnode_delete_basic(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, ep, DEPTH));
    CHECK_EQ(cap_type(ep), CT_NULL);
}

static void cnode_delete_empty_ok(void)
{
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, slot_alloc(), DEPTH));
}

static void cnode_delete_parent_keeps_child(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 3);
    seL4_CPtr c = COPY(n, seL4_AllRights);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, n, DEPTH));
    CHECK_EQ(cap_type(b), CT_NTFN);
    seL4_Signal(b);
    CHECK_EQ(poll_badge(c), 3);
}

static void cnode_revoke_children(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b1 = MINT(ep, seL4_AllRights, 1);
    seL4_CPtr b2 = MINT(ep, seL4_AllRights, 2);
    seL4_CPtr c = COPY(ep, seL4_AllRights);
    seL4_CPtr b1c = COPY(b1, seL4_AllRights);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ep, DEPTH));
    CHECK_EQ(cap_type(ep), CT_EP);
    CHECK_EQ(cap_type(b1), CT_NULL);
    CHECK_EQ(cap_type(b2), CT_NULL);
    CHECK_EQ(cap_type(c), CT_NULL);
    CHECK_EQ(cap_type(b1c), CT_NULL);
}

static void cnode_revoke_badged(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b1 = MINT(ep, seL4_AllRights, 1);
    seL4_CPtr b2 = MINT(ep, seL4_AllRights, 2);
    seL4_CPtr b1c = COPY(b1, seL4_AllRights);
    seL4_CPtr b1cc = COPY(b1c, seL4_CanWrite);
    seL4_CPtr b2c = COPY(b2, seL4_AllRights);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, b1, DEPTH));
    CHECK_EQ(cap_type(b1), CT_EP);
    CHECK_EQ(cap_type(b1c), CT_NULL);
    CHECK_EQ(cap_type(b1cc), CT_NULL);
    CHECK_EQ(cap_type(b2), CT_EP);
    CHECK_EQ(cap_type(b2c), CT_EP);
    CHECK_EQ(cap_type(ep), CT_EP);
}

static void cnode_revoke_stops_at_first_badged(void)
{
    /* two caps minted with the same badge are separate subtrees: revoking
     * one leaves the other (seL4's "first badged" flag) */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b2 = MINT(ep, seL4_AllRights, 7);
    seL4_CPtr b1 = MINT(ep, seL4_AllRights, 7);      /* lies between ep and b2 */
    seL4_CPtr b1c = COPY(b1, seL4_AllRights);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, b1, DEPTH));
    CHECK_EQ(cap_type(b1c), CT_NULL);
    CHECK_EQ(cap_type(b2), CT_EP);
    CHECK_EQ(cap_type(b1), CT_EP);
}

static void cnode_delete_passes_first_badged(void)
{
    /* deleting the first badged cap makes its copy the head of the badge's
     * subtree: a newer mint with the same badge cannot revoke it */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b1 = MINT(ep, seL4_AllRights, 9);
    seL4_CPtr b1c = COPY(b1, seL4_AllRights);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, b1, DEPTH));
    seL4_CPtr b3 = MINT(ep, seL4_AllRights, 9);      /* lies between ep and b1c */
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, b3, DEPTH));
    CHECK_EQ(cap_type(b1c), CT_EP);
    /* the original endpoint cap still reaches everything */
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ep, DEPTH));
    CHECK_EQ(cap_type(b1c), CT_NULL);
    CHECK_EQ(cap_type(b3), CT_NULL);
}

static void cnode_revoke_copy_is_leaf(void)
{
    /* an unbadged copy of an unbadged cap is not revocable: revoking it
     * removes nothing, not even its siblings */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr c1 = COPY(ep, seL4_AllRights);
    seL4_CPtr c2 = COPY(ep, seL4_AllRights);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, c1, DEPTH));
    CHECK_EQ(cap_type(c1), CT_EP);
    CHECK_EQ(cap_type(c2), CT_EP);
}

static void cnode_revoke_empty_ok(void)
{
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, slot_alloc(), DEPTH));
}

static void cnode_revoke_reaches_other_cnodes(void)
{
    seL4_CPtr a = NEW(seL4_CapTableObject, 4);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_OK(seL4_CNode_Mint(a, 1, 4, ROOT_CNODE, n, DEPTH, seL4_AllRights, 5));
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, n, DEPTH));
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, a, 1, 4, seL4_AllRights), seL4_FailedLookup);
    CHECK_MR(0, 1);
    CHECK_MR(1, seL4_MissingCapability);
}

static void cnode_copy_untyped_with_children(void)
{
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12);
    seL4_CPtr c = COPY(ut, seL4_AllRights);   /* no children yet: fine */
    CHECK_EQ(cap_type(c), CT_UNTYPED);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, c, DEPTH));
    seL4_CPtr o = slot_alloc();
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, o, 1));
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, ut, DEPTH, seL4_AllRights),
              seL4_RevokeFirst);
}

static void cnode_copy_irq_control_illegal(void)
{
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, seL4_CapIRQControl, DEPTH,
                              seL4_AllRights), seL4_IllegalOperation);
}

static void cnode_copy_ioport_control_illegal(void)
{
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, seL4_CapIOPortControl, DEPTH,
                              seL4_AllRights), seL4_IllegalOperation);
}

static void cnode_copy_unmapped_pt_illegal(void)
{
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, pt, DEPTH, seL4_AllRights),
              seL4_IllegalOperation);
    /* Move does not derive */
    seL4_CPtr d = slot_alloc();
    CHECK_OK(seL4_CNode_Move(ROOT_CNODE, d, DEPTH, ROOT_CNODE, pt, DEPTH));
    CHECK_EQ(cap_type(d), CT_PT);
}

/* A thread waits on ntfn and counts wake-ups in g[idx]. */
static void waiter_counts(seL4_Word ntfn, seL4_Word idx)
{
    for (;;) {
        seL4_Word badge;
        seL4_Wait(ntfn, &badge);
        g[idx]++;
    }
}

static void cnode_delete_cnode_finalises_contents(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 7);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, waiter_counts, n, 0);
    seL4_Signal(nb);
    run_lower();
    CHECK_EQ(g[0], 1);
    /* the only cap to the thread goes into a CNode, which is deleted */
    seL4_CPtr a = NEW(seL4_CapTableObject, 2);
    CHECK_OK(seL4_CNode_Move(a, 1, 2, ROOT_CNODE, t.tcb, DEPTH));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, a, DEPTH));
    seL4_Signal(nb);
    run_lower();
    CHECK_EQ(g[0], 1);
    CHECK_EQ(poll_badge(n), 7);   /* the signal stayed pending: nobody took it */
}

static void cnode_delete_cnode_holding_itself(void)
{
    /* a CNode whose only cap lives in its own slot is deleted through a
     * zombie: revoking the parent untyped must still succeed */
    seL4_CPtr ut = NEW(seL4_UntypedObject, 12);
    seL4_CPtr a = slot_alloc();
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_CapTableObject, 2, ROOT_CNODE, 0, 0, a, 1));
    CHECK_OK(seL4_CNode_Move(a, 0, 2, ROOT_CNODE, a, DEPTH));
    CHECK_EQ(cap_type(a), CT_NULL);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ut, DEPTH));
    /* the untyped is free again */
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_X86_4K, 0, ROOT_CNODE, 0, 0, slot_alloc(), 1));
}

static void cnode_delete_cycle_tcb_cnode(void)
{
    /* a TCB whose CSpace root is a CNode holding the only cap to that TCB:
     * once the root task's caps are gone only the cycle holds them, and
     * revoking their untyped must still take both */
    seL4_CPtr ut = NEW(seL4_UntypedObject, 14);
    seL4_CPtr tcb = slot_alloc(), cn = slot_alloc();
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_TCBObject, 0, ROOT_CNODE, 0, 0, tcb, 1));
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_CapTableObject, 2, ROOT_CNODE, 0, 0, cn, 1));
    CHECK_OK(seL4_TCB_SetSpace(tcb, 0, cn, seL4_CNode_CapData_new(0, 62).words[0], ROOT_VSPACE, 0));
    CHECK_OK(seL4_CNode_Move(cn, 1, 2, ROOT_CNODE, tcb, DEPTH));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, cn, DEPTH));
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ut, DEPTH));
    /* all of the untyped is free again */
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_UntypedObject, 14, ROOT_CNODE, 0, 0, slot_alloc(), 1));
}

/* SaveCaller: a client Calls; the root receives and saves the reply cap. */
static void caller(seL4_Word ep, seL4_Word idx)
{
    seL4_SetMR(0, 0x111);
    seL4_MessageInfo_t r = seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    g[idx] = seL4_GetMR(0);
    g[idx + 1] = seL4_MessageInfo_get_length(r);
    g[idx + 2] = 1;
}

static void cnode_save_caller(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, caller, ep, 0);
    run_lower();
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 1);
    CHECK_EQ(seL4_GetMR(0), 0x111);
    seL4_CPtr s = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, s, DEPTH));
    CHECK_EQ(cap_type(s), CT_REPLY);
    /* the implicit reply is gone: Reply does nothing now */
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    run_lower();
    CHECK_EQ(g[2], 0);
    seL4_SetMR(0, 0x222);
    seL4_Send(s, seL4_MessageInfo_new(0, 0, 0, 1));
    CHECK_EQ(cap_type(s), CT_NULL);       /* a reply cap is used once */
    run_lower();
    CHECK_EQ(g[2], 1);
    CHECK_EQ(g[0], 0x222);
    CHECK_EQ(g[1], 1);
}

static void cnode_save_caller_occupied(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, caller, ep, 0);
    run_lower();
    seL4_NBRecv(ep, NULL);
    CHECK_ERR(seL4_CNode_SaveCaller(ROOT_CNODE, ep, DEPTH), seL4_DeleteFirst);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));   /* the reply cap is still there */
    run_lower();
    CHECK_EQ(g[2], 1);
}

static void cnode_save_caller_none(void)
{
    seL4_CPtr s = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, s, DEPTH));
    CHECK_EQ(cap_type(s), CT_NULL);
}

static void cnode_reply_cap_copy_illegal(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, caller, ep, 0);
    run_lower();
    seL4_NBRecv(ep, NULL);
    seL4_CPtr s = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, s, DEPTH));
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot_alloc(), DEPTH, ROOT_CNODE, s, DEPTH, seL4_AllRights),
              seL4_IllegalOperation);
    /* deleting the reply cap leaves the caller blocked for good */
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, s, DEPTH));
    run_lower();
    CHECK_EQ(g[2], 0);
}

/* CancelBadgedSends */
static void sender(seL4_Word ep, seL4_Word idx)
{
    seL4_SetMR(0, idx);
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    g[idx] = 1;
}

static void cnode_cancel_badged_sends(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b1 = MINT(ep, seL4_AllRights, 1);
    seL4_CPtr b2 = MINT(ep, seL4_AllRights, 2);
    thread_t t1, t2, t3;
    THREAD(&t1, 10, 0);
    THREAD(&t2, 10, 0);
    THREAD(&t3, 10, 0);
    START(&t1, sender, b1, 1);
    run_lower();
    START(&t2, sender, b2, 2);
    run_lower();
    START(&t3, sender, b1, 3);
    run_lower();
    CHECK_OK(seL4_CNode_CancelBadgedSends(ROOT_CNODE, b1, DEPTH));
    /* the cancelled senders restart their Send: take their cap away first */
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, b1, DEPTH));
    run_lower();
    CHECK_EQ(g[1], 1);
    CHECK_EQ(g[3], 1);
    CHECK_EQ(g[2], 0);
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 2);
    CHECK_MR(0, 2);
    badge = 0x99;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0);
}

static void cnode_cancel_badged_sends_unbadged_noop(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b = MINT(ep, seL4_AllRights, 4);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, sender, b, 1);
    run_lower();
    CHECK_OK(seL4_CNode_CancelBadgedSends(ROOT_CNODE, ep, DEPTH));
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 4);
}

static void cnode_cancel_badged_sends_rights(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b = MINT(ep, seL4_ReadWrite, 4);
    CHECK_ERR(seL4_CNode_CancelBadgedSends(ROOT_CNODE, b, DEPTH), seL4_IllegalOperation);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_ERR(seL4_CNode_CancelBadgedSends(ROOT_CNODE, n, DEPTH), seL4_IllegalOperation);
    CHECK_ERR(seL4_CNode_CancelBadgedSends(ROOT_CNODE, slot_alloc(), DEPTH), seL4_IllegalOperation);
}

const test_case_t cnode_tests[] = {
    TEST(cnode, copy_basic),
    TEST(cnode, copy_dest_occupied),
    TEST(cnode, copy_src_empty),
    TEST(cnode, copy_masks_rights),
    TEST(cnode, copy_notification_rights),
    TEST(cnode, mint_badge),
    TEST(cnode, mint_rebadge_illegal),
    TEST(cnode, mint_truncated),
    TEST(cnode, copy_truncated),
    TEST(cnode, short_message),
    TEST(cnode, illegal_label),
    TEST(cnode, move_basic),
    TEST(cnode, move_dest_occupied),
    TEST(cnode, move_src_empty),
    TEST(cnode, move_onto_itself),
    TEST(cnode, move_keeps_children),
    TEST(cnode, mutate_endpoint_illegal),
    TEST(cnode, mutate_tcb_moves),
    TEST(cnode, mutate_cnode_guard),
    TEST(cnode, mutate_dest_occupied),
    TEST(cnode, rotate_basic),
    TEST(cnode, rotate_swap),
    TEST(cnode, rotate_pivot_is_src),
    TEST(cnode, rotate_pivot_is_dest),
    TEST(cnode, rotate_dest_occupied),
    TEST(cnode, rotate_pivot_empty),
    TEST(cnode, rotate_src_empty),
    TEST(cnode, rotate_endpoint_illegal),
    TEST(cnode, rotate_truncated),
    TEST(cnode, delete_basic),
    TEST(cnode, delete_empty_ok),
    TEST(cnode, delete_parent_keeps_child),
    TEST(cnode, revoke_children),
    TEST(cnode, revoke_badged),
    TEST(cnode, revoke_stops_at_first_badged),
    TEST(cnode, delete_passes_first_badged),
    TEST(cnode, revoke_copy_is_leaf),
    TEST(cnode, revoke_empty_ok),
    TEST(cnode, revoke_reaches_other_cnodes),
    TEST(cnode, copy_untyped_with_children),
    TEST(cnode, copy_irq_control_illegal),
    TEST(cnode, copy_ioport_control_illegal),
    TEST(cnode, copy_unmapped_pt_illegal),
    TEST(cnode, delete_cnode_finalises_contents),
    TEST(cnode, delete_cnode_holding_itself),
    TEST(cnode, delete_cycle_tcb_cnode),
    TEST(cnode, save_caller),
    TEST(cnode, save_caller_occupied),
    TEST(cnode, save_caller_none),
    TEST(cnode, reply_cap_copy_illegal),
    TEST(cnode, cancel_badged_sends),
    TEST(cnode, cancel_badged_sends_unbadged_noop),
    TEST(cnode, cancel_badged_sends_rights),
    TESTS_END,
};
