/* What every cap type means to the generic operations: size, creation,
 * finalisation, derivation, comparison. Architecture caps (odd tags) are
 * passed to kernel/arch/x86_64/object. */
#include "kernel.h"
#include "util.h"

cap_t make_zombie(cte_t *first, word_t number, word_t kind);
#define ZOMBIE_TCB 0x3f
#define TIME_SLICE_TICKS 5

static inline bool is_arch_cap(cap_t c) { return cap_get_type(c) & 1; }

word_t getObjectSize(word_t type, word_t user_size_bits)
{
    switch (type) {
    case seL4_UntypedObject:      return user_size_bits;
    case seL4_TCBObject:          return TCB_BITS;
    case seL4_EndpointObject:     return ENDPOINT_BITS;
    case seL4_NotificationObject: return NOTIFICATION_BITS;
    case seL4_CapTableObject:     return SLOT_BITS + user_size_bits;
    default:                      return arch_object_size(type, user_size_bits);
    }
}

static void tcb_init(tcb_t *t)
{
    t->ctx.r[REG_FLAGS] = BIT(9) | BIT(1);   /* IF and the reserved bit */
    t->ctx.r[REG_ENTRY_KIND] = ENTRY_TRAP;
    t->fp_root = fp_no_root;   /* the fast path's lookup and VSpace caches start empty */
    t->vroot_cap = fp_no_root;
    t->state = ThreadState_Inactive;
    t->time_slice = TIME_SLICE_TICKS;
    t->priority = 0;
    t->mcp = 0;
    /* seL4 debug builds name a new thread after the thread that made it. */
    ksnprintf(t->name, sizeof(t->name), "child of: '%s'", ksCurThread ? ksCurThread->name : "");
}

cap_t createObject(word_t type, void *region, word_t user_size_bits, bool device)
{
    word_t size_bits = getObjectSize(type, user_size_bits);
    cap_t cap;

    /* Objects are zeroed as they are made; an untyped child is not, since
     * whatever is made from it later is. */
    if (!device && type != seL4_UntypedObject)
        memset(region, 0, BIT(size_bits));
    switch (type) {
    case seL4_UntypedObject:
        cap = cap_new(cap_untyped);
        cap = cap_set_ut_paddr(cap, paddr_from_pptr(region));
        cap = cap_set_ut_block_bits(cap, user_size_bits);
        return cap_set_ut_is_device(cap, device);
    case seL4_TCBObject: {
        tcb_t *t = (tcb_t *)((word_t)region + TCB_OFFSET);
        tcb_init(t);
        return cap_set_tcb_paddr(cap_new(cap_thread), paddr_from_pptr(t));
    }
    case seL4_EndpointObject:
        cap = cap_set_ep_paddr(cap_new(cap_endpoint), paddr_from_pptr(region));
        cap = cap_set_ep_can_send(cap, 1);
        cap = cap_set_ep_can_receive(cap, 1);
        cap = cap_set_ep_can_grant(cap, 1);
        return cap_set_ep_can_grant_reply(cap, 1);
    case seL4_NotificationObject:
        cap = cap_set_ntfn_paddr(cap_new(cap_notification), paddr_from_pptr(region));
        cap = cap_set_ntfn_can_send(cap, 1);
        return cap_set_ntfn_can_receive(cap, 1);
    case seL4_CapTableObject:
        cap = cap_set_cnode_paddr_5(cap_new(cap_cnode), paddr_from_pptr(region) >> 5);
        return cap_set_cnode_radix(cap, user_size_bits);
    default:
        return arch_create_object(type, region, user_size_bits, device);
    }
}

void *cap_object_ptr(cap_t c)
{
    switch (cap_get_type(c)) {
    case cap_untyped:      return ptr_from_paddr(cap_ut_paddr(c));
    case cap_endpoint:     return ptr_from_paddr(cap_ep_paddr(c));
    case cap_notification: return ptr_from_paddr(cap_ntfn_paddr(c));
    case cap_cnode:        return cnode_slots(c);
    case cap_thread:       return (void *)((word_t)ptr_from_paddr(cap_tcb_paddr(c)) - TCB_OFFSET);
    case cap_zombie:       return ptr_from_paddr(cap_zombie_paddr(c));
    default:               return is_arch_cap(c) ? arch_cap_object_ptr(c) : NULL;
    }
}

word_t cap_object_size_bits(cap_t c)
{
    switch (cap_get_type(c)) {
    case cap_untyped:      return cap_ut_block_bits(c);
    case cap_endpoint:     return ENDPOINT_BITS;
    case cap_notification: return NOTIFICATION_BITS;
    case cap_cnode:        return cap_cnode_radix(c) + SLOT_BITS;
    case cap_thread:       return TCB_BITS;
    case cap_zombie:
        return cap_zombie_kind(c) == ZOMBIE_TCB ? TCB_BITS : cap_zombie_kind(c) + SLOT_BITS;
    default:               return is_arch_cap(c) ? arch_cap_object_size_bits(c) : 0;
    }
}

static bool is_physical(cap_t c) { return cap_object_ptr(c) != NULL; }

static inline tcb_t *cap_tcb(cap_t c) { return (tcb_t *)ptr_from_paddr(cap_tcb_paddr(c)); }

bool sameRegionAs(cap_t a, cap_t b)
{
    switch (cap_get_type(a)) {
    case cap_untyped:
        if (is_physical(b)) {
            word_t a_base = (word_t)cap_object_ptr(a), b_base = (word_t)cap_object_ptr(b);
            word_t a_top = a_base + MASK(cap_ut_block_bits(a));
            word_t b_top = b_base + MASK(cap_object_size_bits(b));
            return a_base <= b_base && b_top <= a_top && b_base <= b_top;
        }
        return false;
    case cap_endpoint:
        return cap_get_type(b) == cap_endpoint && cap_ep_paddr(a) == cap_ep_paddr(b);
    case cap_notification:
        return cap_get_type(b) == cap_notification && cap_ntfn_paddr(a) == cap_ntfn_paddr(b);
    case cap_cnode:
        return cap_get_type(b) == cap_cnode && cap_cnode_paddr_5(a) == cap_cnode_paddr_5(b) &&
               cap_cnode_radix(a) == cap_cnode_radix(b);
    case cap_thread:
        return cap_get_type(b) == cap_thread && cap_tcb_paddr(a) == cap_tcb_paddr(b);
    case cap_reply:
        return cap_get_type(b) == cap_reply && cap_reply_tcb_paddr(a) == cap_reply_tcb_paddr(b);
    case cap_domain:
        return cap_get_type(b) == cap_domain;
    case cap_irq_control:
        return cap_get_type(b) == cap_irq_control || cap_get_type(b) == cap_irq_handler;
    case cap_irq_handler:
        return cap_get_type(b) == cap_irq_handler && cap_irq(a) == cap_irq(b);
    default:
        if (is_arch_cap(a) && is_arch_cap(b))
            return arch_same_region_as(a, b);
        return false;
    }
}

bool sameObjectAs(cap_t a, cap_t b)
{
    if (cap_get_type(a) == cap_untyped)
        return false;
    if (cap_get_type(a) == cap_irq_control && cap_get_type(b) == cap_irq_handler)
        return false;
    if (is_arch_cap(a) && is_arch_cap(b))
        return arch_same_object_as(a, b);
    return sameRegionAs(a, b);
}

bool isCapRevocable(cap_t derived, cap_t src)
{
    switch (cap_get_type(derived)) {
    case cap_endpoint:
        return cap_ep_badge(derived) != cap_ep_badge(src);
    case cap_notification:
        return cap_ntfn_badge(derived) != cap_ntfn_badge(src);
    case cap_irq_handler:
        return cap_get_type(src) == cap_irq_control;
    case cap_untyped:
        return true;
    case cap_io_port:
        return cap_get_type(src) == cap_io_port_control;
    default:
        return false;
    }
}

cap_t maskCapRights(word_t r, cap_t c)
{
    if (is_arch_cap(c))
        return arch_mask_cap_rights(r, c);
    switch (cap_get_type(c)) {
    case cap_endpoint:
        c = cap_set_ep_can_send(c, cap_ep_can_send(c) && (r & RIGHT_WRITE));
        c = cap_set_ep_can_receive(c, cap_ep_can_receive(c) && (r & RIGHT_READ));
        c = cap_set_ep_can_grant(c, cap_ep_can_grant(c) && (r & RIGHT_GRANT));
        return cap_set_ep_can_grant_reply(c, cap_ep_can_grant_reply(c) && (r & RIGHT_GRANT_REPLY));
    case cap_notification:
        c = cap_set_ntfn_can_send(c, cap_ntfn_can_send(c) && (r & RIGHT_WRITE));
        return cap_set_ntfn_can_receive(c, cap_ntfn_can_receive(c) && (r & RIGHT_READ));
    case cap_reply:
        return cap_set_reply_can_grant(c, cap_reply_can_grant(c) && (r & RIGHT_GRANT));
    default:
        return c;
    }
}

/* Badge a cap (endpoint/notification, only if unbadged) or set a CNode's
 * guard from seL4_CNode_CapData (guardSize bits 0-5, guard above). */
cap_t updateCapData(bool preserve, word_t data, cap_t c)
{
    if (is_arch_cap(c))
        return arch_update_cap_data(preserve, data, c);
    switch (cap_get_type(c)) {
    case cap_endpoint:
        if (!preserve && cap_ep_badge(c) == 0)
            return cap_set_ep_badge(c, data);
        return null_cap;
    case cap_notification:
        if (!preserve && cap_ntfn_badge(c) == 0)
            return cap_set_ntfn_badge(c, data);
        return null_cap;
    case cap_cnode: {
        word_t guard_size = data & MASK(seL4_GuardSizeBits);
        if (guard_size + cap_cnode_radix(c) > WORD_BITS)
            return null_cap;
        word_t guard = (data >> seL4_GuardSizeBits) & (guard_size >= 64 ? ~0ul : MASK(guard_size));
        c = cap_set_cnode_guard(c, guard);
        return cap_set_cnode_guard_size(c, guard_size);
    }
    default:
        return c;
    }
}

derive_cap_ret_t deriveCap(cte_t *slot, cap_t c)
{
    derive_cap_ret_t ret = { EXCEPTION_NONE, c };
    if (is_arch_cap(c))
        return arch_derive_cap(slot, c);
    switch (cap_get_type(c)) {
    case cap_zombie:
    case cap_irq_control:
    case cap_reply:
        ret.cap = null_cap;
        break;
    case cap_untyped:
        ret.status = ensureNoChildren(slot);
        if (ret.status != EXCEPTION_NONE)
            ret.cap = null_cap;
        break;
    default:
        break;
    }
    return ret;
}

finalise_ret_t finaliseCap(cap_t c, bool final, bool exposed)
{
    finalise_ret_t ret = { null_cap, null_cap };

    if (is_arch_cap(c))
        return arch_finalise_cap(c, final);
    switch (cap_get_type(c)) {
    case cap_endpoint:
        if (final)
            cancelAllIPC((endpoint_t *)cap_object_ptr(c));
        return ret;
    case cap_notification:
        if (final) {
            notification_t *n = cap_object_ptr(c);
            unbindMaybeNotification(n);
            cancelAllSignals(n);
        }
        return ret;
    case cap_reply:
    case cap_null:
    case cap_domain:
        return ret;
    default:
        break;
    }
    (void)exposed;
    switch (cap_get_type(c)) {
    case cap_cnode:
        if (final)
            ret.remainder = make_zombie(cnode_slots(c), BIT(cap_cnode_radix(c)), cap_cnode_radix(c));
        return ret;
    case cap_thread:
        if (final) {
            tcb_t *t = cap_tcb(c);
            unbindNotification(t);
            suspend(t);
            tcbDebugRemove(t);
            arch_fpu_forget(t);
            ret.remainder = make_zombie(tcb_cte(t, 0), TCB_CNODE_ENTRIES, ZOMBIE_TCB);
        }
        return ret;
    case cap_zombie:
        ret.remainder = c;
        return ret;
    case cap_irq_handler:
        if (final) {
            deletingIRQHandler(cap_irq(c));
            ret.cleanup_info = c;
        }
        return ret;
    default:
        return ret;
    }
}
