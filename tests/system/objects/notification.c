/* Notifications: Signal, Wait, Poll, OR-ed badges, waiter queues, bound
 * notifications waking a thread blocked in Recv, and deletion. */
#include "test.h"

static seL4_Word poll_badge(seL4_CPtr n)
{
    seL4_Word badge = 0;
    seL4_Poll(n, &badge);
    return badge;
}

static void wait_record(seL4_Word n, seL4_Word idx)
{
    seL4_Word badge = 0;
    seL4_Wait(n, &badge);
    g[idx] = badge;
    g[idx + 1] = 1;
}

/* Recv on an endpoint (with a bound notification): records badge and label. */
static void recv_ep_record(seL4_Word ep, seL4_Word idx)
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    g[idx] = badge;
    g[idx + 1] = 1;
    g[idx + 2] = seL4_MessageInfo_get_label(info);
    g[idx + 3] = seL4_MessageInfo_get_length(info);
}

static void send_empty(seL4_Word ep, seL4_Word label)
{
    seL4_Send(ep, seL4_MessageInfo_new(label, 0, 0, 0));
}

static void ntfn_poll_empty(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_EQ(poll_badge(n), 0);
}

static void ntfn_signal_then_poll(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x10);
    seL4_Signal(b);
    CHECK_EQ(poll_badge(n), 0x10);
    CHECK_EQ(poll_badge(n), 0);      /* consumed */
}

static void ntfn_signal_then_wait(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x11);
    seL4_Signal(b);
    seL4_Word badge = 0;
    seL4_Wait(n, &badge);            /* pending: does not block */
    CHECK_EQ(badge, 0x11);
}

static void ntfn_badges_ored(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b1 = MINT(n, seL4_AllRights, 0x1);
    seL4_CPtr b4 = MINT(n, seL4_AllRights, 0x4);
    seL4_CPtr b6 = MINT(n, seL4_AllRights, 0x6);
    seL4_Signal(b1);
    seL4_Signal(b4);
    seL4_Signal(b6);
    seL4_Signal(b1);
    CHECK_EQ(poll_badge(n), 0x7);
    CHECK_EQ(poll_badge(n), 0);
}

static void ntfn_wait_blocks(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x8);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, wait_record, n, 0);
    run_lower();
    CHECK_EQ(g[1], 0);
    seL4_Signal(b);
    CHECK_EQ(g[1], 0);               /* lower priority: not yet run */
    run_lower();
    CHECK_EQ(g[1], 1);
    CHECK_EQ(g[0], 0x8);
    CHECK_EQ(poll_badge(n), 0);      /* the signal went to the waiter */
}

static void ntfn_waiters_fifo(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b1 = MINT(n, seL4_AllRights, 1), b2 = MINT(n, seL4_AllRights, 2);
    thread_t t1, t2;
    THREAD(&t1, 10, 0);
    THREAD(&t2, 20, 0);
    START(&t1, wait_record, n, 0);
    run_lower();
    START(&t2, wait_record, n, 4);
    run_lower();
    seL4_Signal(b1);
    seL4_Signal(b2);
    run_lower();
    CHECK_EQ(g[0], 1);
    CHECK_EQ(g[4], 2);
}

static void ntfn_signal_needs_write(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_CanRead, 0x3);
    seL4_Signal(b);
    CHECK_EQ(poll_badge(n), 0);
    seL4_MessageInfo_t r = seL4_Call(b, seL4_MessageInfo_new(0, 0, 0, 0));
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_InvalidCapability);
    CHECK_MR(0, 0);
}

static void ntfn_signal_by_send_and_call(void)
{
    /* any send-type syscall on a notification cap signals it */
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x20);
    seL4_Send(b, seL4_MessageInfo_new(0, 0, 0, 0));
    CHECK_EQ(poll_badge(n), 0x20);
    seL4_NBSend(b, seL4_MessageInfo_new(0, 0, 0, 0));
    CHECK_EQ(poll_badge(n), 0x20);
    seL4_MessageInfo_t r = seL4_Call(b, seL4_MessageInfo_new(5, 0, 0, 0));
    CHECK_EQ(seL4_MessageInfo_get_label(r), 0);   /* the kernel's empty reply */
    CHECK_EQ(poll_badge(n), 0x20);
}

static void ntfn_recv_and_nbrecv(void)
{
    /* Recv and NBRecv on a notification cap are Wait and Poll */
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x30);
    seL4_Signal(b);
    seL4_Word badge = 0;
    seL4_Recv(n, &badge);
    CHECK_EQ(badge, 0x30);
    badge = 7;
    seL4_NBRecv(n, &badge);
    CHECK_EQ(badge, 0);
}

static void ntfn_bound_wakes_recv(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x40);
    thread_t t;
    THREAD(&t, 10, 0);
    CHECK_OK(seL4_TCB_BindNotification(t.tcb, n));
    START(&t, recv_ep_record, ep, 0);
    run_lower();
    CHECK_EQ(g[1], 0);
    seL4_Signal(b);
    run_lower();
    CHECK_EQ(g[1], 1);
    CHECK_EQ(g[0], 0x40);
    /* only the bound thread may wait on it; unbound, the signal is gone */
    CHECK_OK(seL4_TCB_UnbindNotification(t.tcb));
    CHECK_EQ(poll_badge(n), 0);
}

static void ntfn_bound_pending_before_recv(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x41);
    thread_t t;
    THREAD(&t, 10, 0);
    CHECK_OK(seL4_TCB_BindNotification(t.tcb, n));
    seL4_Signal(b);
    START(&t, recv_ep_record, ep, 0);
    run_lower();
    CHECK_EQ(g[1], 1);
    CHECK_EQ(g[0], 0x41);
}

static void ntfn_bound_message_still_received(void)
{
    /* a bound thread still receives endpoint messages */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr eb = MINT(ep, seL4_AllRights, 0x99);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    CHECK_OK(seL4_TCB_BindNotification(t.tcb, n));
    START(&t, recv_ep_record, ep, 0);
    run_lower();
    seL4_Send(eb, seL4_MessageInfo_new(0x12, 0, 0, 0));
    run_lower();
    CHECK_EQ(g[1], 1);
    CHECK_EQ(g[0], 0x99);
    CHECK_EQ(g[2], 0x12);
}

static void ntfn_bound_thread_can_wait(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x42);
    thread_t t;
    THREAD(&t, 10, 0);
    CHECK_OK(seL4_TCB_BindNotification(t.tcb, n));
    START(&t, wait_record, n, 0);
    run_lower();
    seL4_Signal(b);
    run_lower();
    CHECK_EQ(g[1], 1);
    CHECK_EQ(g[0], 0x42);
}

static void ntfn_unbind_stops_delivery(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr b = MINT(n, seL4_AllRights, 0x43);
    thread_t t;
    THREAD(&t, 10, 0);
    CHECK_OK(seL4_TCB_BindNotification(t.tcb, n));
    CHECK_OK(seL4_TCB_UnbindNotification(t.tcb));
    START(&t, recv_ep_record, ep, 0);
    run_lower();
    seL4_Signal(b);
    run_lower();
    CHECK_EQ(g[1], 0);
    CHECK_EQ(poll_badge(n), 0x43);
}

static void ntfn_delete_restarts_waiters(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, wait_record, n, 0);
    run_lower();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, n, DEPTH));
    run_lower();
    /* the restarted Wait finds a null cap */
    seL4_MessageInfo_t info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, n);
    CHECK_MR(seL4_CapFault_InRecvPhase, 1);
    CHECK_EQ(g[1], 0);
}

static void ntfn_delete_unbinds(void)
{
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_OK(seL4_TCB_BindNotification(tcb, n));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, n, DEPTH));
    CHECK_ERR(seL4_TCB_UnbindNotification(tcb), seL4_IllegalOperation);
    seL4_CPtr n2 = NEW(seL4_NotificationObject, 0);
    CHECK_OK(seL4_TCB_BindNotification(tcb, n2));
}

static void ntfn_delete_tcb_unbinds(void)
{
    seL4_CPtr t1 = NEW(seL4_TCBObject, 0);
    seL4_CPtr t2 = NEW(seL4_TCBObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_OK(seL4_TCB_BindNotification(t1, n));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, t1, DEPTH));
    CHECK_OK(seL4_TCB_BindNotification(t2, n));
}

static void ntfn_signal_unbadged(void)
{
    /* an unbadged signal wakes a waiter with badge 0 */
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    g[0] = 0x77;
    START(&t, wait_record, n, 0);
    run_lower();
    seL4_Signal(n);
    run_lower();
    CHECK_EQ(g[1], 1);
    CHECK_EQ(g[0], 0);
}

static void ntfn_bound_recv_badged_ep_message_first(void)
{
    /* with both a message queued on the endpoint and a pending signal, the
     * signal is delivered first (seL4 checks the bound notification first) */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr eb = MINT(ep, seL4_AllRights, 0x5);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 0x50);
    thread_t s, t;
    THREAD(&s, 20, 0);
    THREAD(&t, 10, 0);
    CHECK_OK(seL4_TCB_BindNotification(t.tcb, n));
    START(&s, send_empty, eb, 0);   /* blocks: nobody receives yet */
    run_lower();
    seL4_Signal(nb);
    START(&t, recv_ep_record, ep, 0);
    run_lower();
    CHECK_EQ(g[0], 0x50);
    /* the message is still queued */
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0x5);
}

const test_case_t notification_tests[] = {
    TEST(ntfn, poll_empty),
    TEST(ntfn, signal_then_poll),
    TEST(ntfn, signal_then_wait),
    TEST(ntfn, badges_ored),
    TEST(ntfn, wait_blocks),
    TEST(ntfn, waiters_fifo),
    TEST(ntfn, signal_needs_write),
    TEST(ntfn, signal_by_send_and_call),
    TEST(ntfn, recv_and_nbrecv),
    TEST(ntfn, bound_wakes_recv),
    TEST(ntfn, bound_pending_before_recv),
    TEST(ntfn, bound_message_still_received),
    TEST(ntfn, bound_thread_can_wait),
    TEST(ntfn, unbind_stops_delivery),
    TEST(ntfn, delete_restarts_waiters),
    TEST(ntfn, delete_unbinds),
    TEST(ntfn, delete_tcb_unbinds),
    TEST(ntfn, signal_unbadged),
    TEST(ntfn, bound_recv_badged_ep_message_first),
    TESTS_END,
};
