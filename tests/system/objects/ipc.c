/* Endpoint IPC: Send, NBSend, Call, Recv, NBRecv, Reply, ReplyRecv; badges,
 * long messages, FIFO order, rights, cap transfer and unwrapping, and
 * threads or endpoints that go away during IPC. */
#include "test.h"

#define INFO(label, caps, len) seL4_MessageInfo_new((label), 0, (caps), (len))

static void send_word(seL4_Word ep, seL4_Word w)
{
    seL4_SetMR(0, w);
    seL4_Send(ep, INFO(0x5, 0, 1));
    g[0]++;
}

static void call_word(seL4_Word ep, seL4_Word w)
{
    seL4_SetMR(0, w);
    seL4_MessageInfo_t r = seL4_Call(ep, INFO(0x6, 0, 1));
    g[1] = seL4_GetMR(0);
    g[2] = seL4_MessageInfo_get_label(r);
    g[3] = seL4_MessageInfo_get_length(r);
    g[4]++;
}

/* Receive once and record what arrived in g[base..]. */
static void recv_record(seL4_Word ep, seL4_Word base)
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    g[base] = badge;
    g[base + 1] = seL4_MessageInfo_get_label(info);
    g[base + 2] = seL4_MessageInfo_get_length(info);
    g[base + 3] = seL4_GetMR(0);
    g[base + 4] = seL4_MessageInfo_get_extraCaps(info);
    g[base + 5] = seL4_MessageInfo_get_capsUnwrapped(info);
    g[base + 6] = seL4_GetBadge(0);
    g[base + 7] = 1;
}

static void server_not(seL4_Word ep, seL4_Word n)
{
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    for (seL4_Word i = 0; i < n; i++) {
        (void)info;
        seL4_SetMR(0, ~seL4_GetMR(0));
        seL4_SetMR(1, badge);
        info = seL4_ReplyRecv(ep, INFO(0x7, 0, 2), &badge);
    }
}

static void ipc_send_recv(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, send_word, ep, 0x1234);
    run_lower();
    CHECK_EQ(g[0], 0);               /* blocked: nobody receiving */
    seL4_Word badge = 0x99;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0);
    CHECK_EQ(seL4_MessageInfo_get_label(info), 0x5);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 1);
    CHECK_MR(0, 0x1234);
    run_lower();
    CHECK_EQ(g[0], 1);
}

static void ipc_recv_then_send(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_record, ep, 10);
    run_lower();
    CHECK_EQ(g[17], 0);
    seL4_SetMR(0, 0xabc);
    seL4_Send(ep, INFO(0x33, 0, 1));    /* the receiver is waiting: does not block */
    CHECK_EQ(g[17], 0);                 /* lower priority: has not run yet */
    run_lower();
    CHECK_EQ(g[17], 1);
    CHECK_EQ(g[11], 0x33);
    CHECK_EQ(g[12], 1);
    CHECK_EQ(g[13], 0xabc);
}

static void ipc_call_reply(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b = MINT(ep, seL4_AllRights, 0x77);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, server_not, ep, 3);
    run_lower();
    for (seL4_Word i = 0; i < 3; i++) {
        seL4_SetMR(0, 0x1000 + i);
        seL4_MessageInfo_t r = seL4_Call(b, INFO(0, 0, 1));
        CHECK_EQ(seL4_MessageInfo_get_label(r), 0x7);
        CHECK_EQ(seL4_MessageInfo_get_length(r), 2);
        CHECK_MR(0, ~(0x1000 + i));
        CHECK_MR(1, 0x77);
    }
}

static void ipc_call_lower_prio_server_runs(void)
{
    /* Call blocks the caller; the receiver runs even at a lower priority */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 2, 0);
    START(&t, server_not, ep, 1);
    run_lower();
    seL4_SetMR(0, 5);
    seL4_Call(ep, INFO(0, 0, 1));
    CHECK_MR(0, ~5ul);
}

static void ipc_client_call(void)
{
    /* the root task serves a lower-priority client's Call */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, call_word, ep, 0x42);
    run_lower();
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    CHECK_EQ(seL4_MessageInfo_get_label(info), 0x6);
    CHECK_MR(0, 0x42);
    seL4_SetMR(0, 0x43);
    seL4_Reply(INFO(0x9, 0, 1));
    run_lower();
    CHECK_EQ(g[4], 1);
    CHECK_EQ(g[1], 0x43);
    CHECK_EQ(g[2], 0x9);
    CHECK_EQ(g[3], 1);
}

static void ipc_reply_recv_root(void)
{
    /* ReplyRecv from the root task: reply to one client, take the next */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t1, t2;
    THREAD(&t1, 10, 0);
    THREAD(&t2, 10, 0);
    START(&t1, call_word, ep, 1);
    run_lower();
    seL4_Word badge;
    seL4_NBRecv(ep, &badge);
    CHECK_MR(0, 1);
    START(&t2, send_word, ep, 2);
    run_lower();
    seL4_SetMR(0, 0x100);
    seL4_MessageInfo_t info = seL4_ReplyRecv(ep, INFO(0, 0, 1), &badge);   /* t2 is queued: no blocking */
    CHECK_EQ(seL4_MessageInfo_get_label(info), 0x5);
    CHECK_MR(0, 2);
    run_lower();
    CHECK_EQ(g[1], 0x100);
    CHECK_EQ(g[0], 1);
}

static void ipc_call_on_reply_cap(void)
{
    /* Call on a saved reply cap replies, and the kernel answers the Call
     * with an empty message */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, call_word, ep, 1);
    run_lower();
    seL4_NBRecv(ep, NULL);
    seL4_CPtr s = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, s, DEPTH));
    seL4_SetMR(0, 0x31);
    seL4_MessageInfo_t r = seL4_Call(s, INFO(0x4, 0, 1));
    CHECK_EQ(seL4_MessageInfo_get_label(r), 0);
    CHECK_EQ(seL4_MessageInfo_get_length(r), 0);
    run_lower();
    CHECK_EQ(g[4], 1);
    CHECK_EQ(g[1], 0x31);
    CHECK_EQ(g[2], 0x4);
}

static void ipc_reply_without_caller(void)
{
    seL4_Reply(INFO(0, 0, 0));       /* nothing to reply to: no effect */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_Word badge = 5;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0);
}

static void ipc_nbsend_no_receiver(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_SetMR(0, 1);
    seL4_NBSend(ep, INFO(0, 0, 1));     /* dropped */
    seL4_Word badge = 7;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
}

static void ipc_nbsend_to_receiver(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_record, ep, 10);
    run_lower();
    seL4_SetMR(0, 0x55);
    seL4_NBSend(ep, INFO(1, 0, 1));
    run_lower();
    CHECK_EQ(g[17], 1);
    CHECK_EQ(g[13], 0x55);
}

static void ipc_nbrecv_empty(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_Word badge = 0x1234;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
    CHECK_EQ(seL4_MessageInfo_get_label(info), 0);
}

static void ipc_badge_delivered(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b = MINT(ep, seL4_AllRights, 0xbeefcafe12345678ul);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, send_word, b, 9);
    run_lower();
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0xbeefcafe12345678ul);
}

static void send_long(seL4_Word ep, seL4_Word len)
{
    for (seL4_Word i = 0; i < seL4_MsgMaxLength; i++)
        seL4_SetMR(i, i * 3 + 1);
    seL4_Send(ep, INFO(0, 0, len));
}

/* The fast path's FPU and long-message cases: a server that answers Calls
 * in a loop, with its own value in xmm7 across every ReplyRecv; g[5] = 1 + the number of times it found xmm7 changed. Each
 * reply carries the request's `len` words, each + 1 (MR4 and up through
 * the IPC buffers). */
static void fpu_echo_server(seL4_Word ep, seL4_Word rounds_len)
{
    const seL4_Word mine = 0x5151515151515151ul;
    seL4_Word rounds = rounds_len >> 8, len = rounds_len & 0xff, bad = 0;
    seL4_Recv(ep, NULL);
    for (seL4_Word i = 0; i < rounds; i++) {
        for (seL4_Word j = 0; j < len; j++)
            seL4_SetMR(j, seL4_GetMR(j) + 1);
        /* set right before the syscall and read right after: compiled code
         * in between (vectorised loops) could use xmm7 itself */
        __asm__ volatile("movq %0, %%xmm7" :: "r"(mine) : "xmm7");
        seL4_ReplyRecv(ep, INFO(0, 0, len), NULL);
        seL4_Word seen;
        __asm__ volatile("movq %%xmm7, %0" : "=r"(seen));
        bad += seen != mine;
    }
    g[5] = bad + 1;
    seL4_Reply(INFO(0, 0, 0));
}

static void fast_calls(seL4_CPtr ep, seL4_Word rounds, seL4_Word len)
{
    const seL4_Word mine = 0x2323232323232323ul;
    seL4_Word bad_fpu = 0, bad_msg = 0;
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, fpu_echo_server, ep, rounds << 8 | len);
    run_lower();
    for (seL4_Word i = 0; i < rounds; i++) {
        for (seL4_Word j = 0; j < len; j++)
            seL4_SetMR(j, i * 1000 + j);
        __asm__ volatile("movq %0, %%xmm7" :: "r"(mine) : "xmm7");
        seL4_MessageInfo_t info = seL4_Call(ep, INFO(0, 0, len));
        seL4_Word seen;
        __asm__ volatile("movq %%xmm7, %0" : "=r"(seen));
        bad_fpu += seen != mine;
        bad_msg += seL4_MessageInfo_get_length(info) != len;
        for (seL4_Word j = 0; j < len; j++)
            bad_msg += seL4_GetMR(j) != i * 1000 + j + 1;
    }
    seL4_Call(ep, INFO(0, 0, 0));
    CHECK_EQ(bad_msg, 0);
    CHECK_EQ(bad_fpu, 0);
    CHECK_EQ(g[5], 1);
}

static void ipc_fpu_kept_across_calls(void)
{
    /* both threads use the FPU between fast-path round trips, long enough
     * for timer ticks to make them lazy and eager again */
    fast_calls(NEW(seL4_EndpointObject, 0), 20000, 1);
}

static void ipc_long_call_reply(void)
{
    /* Call and ReplyRecv beyond the four register MRs, up to the maximum */
    fast_calls(NEW(seL4_EndpointObject, 0), 50, 5);
    g[5] = 0;
    fast_calls(NEW(seL4_EndpointObject, 0), 50, seL4_MsgMaxLength);
}

static void ipc_long_message(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, send_long, ep, seL4_MsgMaxLength);
    run_lower();
    for (seL4_Word i = 0; i < seL4_MsgMaxLength; i++)
        seL4_SetMR(i, 0);
    seL4_MessageInfo_t info = seL4_NBRecv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_MsgMaxLength);
    for (seL4_Word i = 0; i < seL4_MsgMaxLength; i++)
        CHECK_MSG(seL4_GetMR(i) == i * 3 + 1, "MR%lu = %#lx", i, seL4_GetMR(i));
}

static void ipc_length_clamped(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, send_long, ep, 127);
    run_lower();
    seL4_MessageInfo_t info = seL4_NBRecv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_MsgMaxLength);
    CHECK_MR(119, 119 * 3 + 1);
}

static void ipc_registers_only(void)
{
    /* the *WithMRs variants move MR0..3 in registers */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, server_not, ep, 1);
    run_lower();
    seL4_Word m0 = 10, m1 = 11, m2 = 12, m3 = 13;
    seL4_MessageInfo_t r = seL4_CallWithMRs(ep, INFO(0, 0, 4), &m0, &m1, &m2, &m3);
    CHECK_EQ(seL4_MessageInfo_get_length(r), 2);
    CHECK_EQ(m0, ~10ul);
    CHECK_EQ(m1, 0);
}

static void ipc_fifo_senders(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t[3];
    for (int i = 0; i < 3; i++) {
        THREAD(&t[i], 10 + 10 * (2 - i), 0);   /* later senders have lower priorities */
        seL4_CPtr b = MINT(ep, seL4_AllRights, i + 1);
        START(&t[i], send_word, b, i + 1);
        run_lower();
    }
    for (seL4_Word i = 0; i < 3; i++) {
        seL4_Word badge = 0;
        seL4_NBRecv(ep, &badge);
        CHECK_MSG(badge == i + 1, "message %lu came from sender %lu", i, badge);
    }
}

static void ipc_fifo_receivers(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t[3];
    for (int i = 0; i < 3; i++) {
        THREAD(&t[i], 30 - 10 * i, 0);
        START(&t[i], recv_record, ep, 8 * i);
        run_lower();
    }
    for (seL4_Word i = 0; i < 3; i++) {
        seL4_SetMR(0, 100 + i);
        seL4_Send(ep, INFO(0, 0, 1));
    }
    run_lower();
    for (int i = 0; i < 3; i++)
        CHECK_MSG(g[8 * i + 3] == 100ul + i, "receiver %d got %lu", i, g[8 * i + 3]);
}

static void ipc_send_needs_write(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr ro = COPY(ep, seL4_CanRead);
    seL4_MessageInfo_t r = seL4_Call(ro, INFO(0, 0, 0));
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_InvalidCapability);
    CHECK_MR(0, 0);
    /* a Send through it goes nowhere */
    seL4_Send(ro, INFO(0, 0, 0));
    seL4_Word badge = 3;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0);
}

static void ipc_call_without_grant(void)
{
    /* no Grant and no GrantReply: the caller gets no reply cap and stays
     * blocked for good once the message is delivered */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr w = MINT(ep, seL4_CanWrite, 3);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, call_word, w, 0x10);
    run_lower();
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 3);
    CHECK_MR(0, 0x10);
    seL4_CPtr s = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, s, DEPTH));
    CHECK_EQ(cap_type(s), CT_NULL);
    seL4_Reply(INFO(0, 0, 0));
    run_lower();
    CHECK_EQ(g[4], 0);
}

static void ipc_call_with_grant_reply_only(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr w = MINT(ep, seL4_CapRights_new(1, 0, 0, 1), 3);   /* GrantReply + Write */
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, call_word, w, 0x10);
    run_lower();
    seL4_NBRecv(ep, NULL);
    seL4_SetMR(0, 0x11);
    seL4_Reply(INFO(0, 0, 1));
    run_lower();
    CHECK_EQ(g[4], 1);
    CHECK_EQ(g[1], 0x11);
}

/* Receive with a cap receive slot. */
static void recv_cap(seL4_Word ep, seL4_Word slot)
{
    seL4_SetCapReceivePath(ROOT_CNODE, slot, DEPTH);
    recv_record(ep, 10);
}

static void send_caps(seL4_CPtr ep, seL4_Word n, seL4_CPtr c0, seL4_CPtr c1)
{
    seL4_SetCap(0, c0);
    seL4_SetCap(1, c1);
    seL4_SetMR(0, 0xcafe);
    seL4_Send(ep, INFO(0, n, 1));
}

static void ipc_cap_transfer(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 0x31);
    seL4_CPtr dest = slot_alloc();
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_cap, ep, dest);
    run_lower();
    send_caps(ep, 1, nb, 0);
    run_lower();
    CHECK_EQ(g[17], 1);
    CHECK_EQ(g[14], 1);        /* extraCaps */
    CHECK_EQ(g[15], 0);        /* nothing unwrapped */
    CHECK_EQ(g[13], 0xcafe);
    CHECK_EQ(cap_type(dest), CT_NTFN);
    seL4_Signal(dest);         /* the transferred cap keeps its badge */
    seL4_Word badge = 0;
    seL4_Poll(n, &badge);
    CHECK_EQ(badge, 0x31);
    /* the sender still has its cap */
    CHECK_EQ(cap_type(nb), CT_NTFN);
}

static void ipc_cap_transfer_needs_grant(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr nogrant = COPY(ep, seL4_ReadWrite);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr dest = slot_alloc();
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_cap, ep, dest);
    run_lower();
    send_caps(nogrant, 1, n, 0);
    run_lower();
    CHECK_EQ(g[17], 1);
    CHECK_EQ(g[14], 0);
    CHECK_EQ(g[13], 0xcafe);   /* the message itself arrives */
    CHECK_EQ(cap_type(dest), CT_NULL);
}

static void ipc_cap_unwrapped(void)
{
    /* a cap to the endpoint the message travels on arrives as its badge */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b = MINT(ep, seL4_AllRights, 0x55);
    seL4_CPtr dest = slot_alloc();
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_cap, ep, dest);
    run_lower();
    send_caps(ep, 1, b, 0);
    run_lower();
    CHECK_EQ(g[17], 1);
    CHECK_EQ(g[14], 1);
    CHECK_EQ(g[15], 1);        /* capsUnwrapped bit 0 */
    CHECK_EQ(g[16], 0x55);     /* the badge in caps_or_badges[0] */
    CHECK_EQ(cap_type(dest), CT_NULL);
}

static void ipc_cap_unwrapped_then_transferred(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b = MINT(ep, seL4_AllRights, 0x56);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr dest = slot_alloc();
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_cap, ep, dest);
    run_lower();
    send_caps(ep, 2, b, n);
    run_lower();
    CHECK_EQ(g[14], 2);
    CHECK_EQ(g[15], 1);
    CHECK_EQ(g[16], 0x56);
    CHECK_EQ(cap_type(dest), CT_NTFN);
}

static void ipc_cap_transfer_one_slot(void)
{
    /* two caps that are not unwrapped: only the first fits the one slot */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr other = NEW(seL4_EndpointObject, 0);
    seL4_CPtr dest = slot_alloc();
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_cap, ep, dest);
    run_lower();
    send_caps(ep, 2, n, other);
    run_lower();
    CHECK_EQ(g[14], 1);
    CHECK_EQ(g[15], 0);
    CHECK_EQ(cap_type(dest), CT_NTFN);
}

static void ipc_cap_transfer_slot_occupied(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr dest = NEW(seL4_TCBObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_cap, ep, dest);
    run_lower();
    send_caps(ep, 1, n, 0);
    run_lower();
    CHECK_EQ(g[17], 1);
    CHECK_EQ(g[14], 0);
    CHECK_EQ(cap_type(dest), CT_TCB);
}

static void ipc_cap_transfer_is_derived(void)
{
    /* the transferred cap is a child of the sender's: revoking the
     * sender's cap removes it */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 4);
    seL4_CPtr dest = slot_alloc();
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_cap, ep, dest);
    run_lower();
    send_caps(ep, 1, nb, 0);
    run_lower();
    CHECK_EQ(cap_type(dest), CT_NTFN);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, nb, DEPTH));
    CHECK_EQ(cap_type(dest), CT_NULL);
}

static void ipc_cap_transfer_untransferable(void)
{
    /* a cap that cannot be derived (IRQControl) is not transferred */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr dest = slot_alloc();
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_cap, ep, dest);
    run_lower();
    send_caps(ep, 1, seL4_CapIRQControl, 0);
    run_lower();
    CHECK_EQ(g[17], 1);
    CHECK_EQ(g[14], 0);
    CHECK_EQ(cap_type(dest), CT_NULL);
}

static void send_cap_blocking(seL4_Word ep, seL4_Word cap)
{
    send_caps(ep, 1, cap, 0);
    g[0]++;
}

static void ipc_cap_deleted_while_sender_blocked(void)
{
    /* the extra cap is looked up when the message is delivered: gone by
     * then, the message arrives without it */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nc = COPY(n, seL4_AllRights);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, send_cap_blocking, ep, nc);
    run_lower();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, nc, DEPTH));
    seL4_CPtr dest = slot_alloc();
    seL4_SetCapReceivePath(ROOT_CNODE, dest, DEPTH);
    seL4_MessageInfo_t info = seL4_NBRecv(ep, NULL);
    seL4_SetCapReceivePath(0, 0, 0);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 1);
    CHECK_MR(0, 0xcafe);
    CHECK_EQ(seL4_MessageInfo_get_extraCaps(info), 0);
    CHECK_EQ(cap_type(dest), CT_NULL);
}

static void ipc_suspend_blocked_sender(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, send_word, ep, 1);
    run_lower();
    CHECK_OK(seL4_TCB_Suspend(t.tcb));
    seL4_Word badge = 3;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
    CHECK_EQ(badge, 0);
    /* resumed, it sends again */
    CHECK_OK(seL4_TCB_Resume(t.tcb));
    run_lower();
    info = seL4_NBRecv(ep, &badge);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 1);
    CHECK_MR(0, 1);
}

static void ipc_delete_blocked_sender(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr b1 = MINT(ep, seL4_AllRights, 1), b2 = MINT(ep, seL4_AllRights, 2);
    thread_t t1, t2;
    THREAD(&t1, 10, 0);
    THREAD(&t2, 10, 0);
    START(&t1, send_word, b1, 1);
    run_lower();
    START(&t2, send_word, b2, 2);
    run_lower();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, t1.tcb, DEPTH));
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 2);
    badge = 9;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0);
}

static void ipc_suspend_blocked_receiver(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, recv_record, ep, 10);
    run_lower();
    CHECK_OK(seL4_TCB_Suspend(t.tcb));
    seL4_NBSend(ep, INFO(0, 0, 0));     /* no receiver any more: dropped */
    CHECK_OK(seL4_TCB_Resume(t.tcb));
    run_lower();
    CHECK_EQ(g[17], 0);
}

static void ipc_suspend_caller_waiting_reply(void)
{
    /* a caller waiting for its reply is suspended: the reply cap goes */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, call_word, ep, 1);
    run_lower();
    seL4_NBRecv(ep, NULL);
    seL4_CPtr s = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, s, DEPTH));
    CHECK_EQ(cap_type(s), CT_REPLY);
    CHECK_OK(seL4_TCB_Suspend(t.tcb));
    CHECK_EQ(cap_type(s), CT_NULL);
}

static void ipc_delete_ep_restarts_waiters(void)
{
    /* receivers blocked on a deleted endpoint restart their Recv, which
     * then finds a null cap: a cap fault in the receive phase */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, recv_record, ep, 10);
    run_lower();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, ep, DEPTH));
    run_lower();
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_NBRecv(fep, &badge);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, ep);
    CHECK_MR(seL4_CapFault_InRecvPhase, 1);
    CHECK_MR(seL4_CapFault_LookupFailureType, seL4_MissingCapability);
    CHECK_EQ(g[17], 0);
}

static void ipc_delete_ep_restarts_senders(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, send_word, ep, 1);
    run_lower();
    CHECK_EQ(g[0], 0);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, ep, DEPTH));
    run_lower();
    /* its Send restarted on a null cap: an error, so it carried on */
    CHECK_EQ(g[0], 1);
}

static void ipc_revoke_ep_keeps_waiters_of_other_caps(void)
{
    /* deleting one of two caps does not touch the queue */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr c = COPY(ep, seL4_AllRights);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, send_word, c, 3);
    run_lower();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, ep, DEPTH));
    seL4_NBRecv(c, NULL);
    CHECK_MR(0, 3);
}

static void reply_with_cap(seL4_Word ep, seL4_Word n)
{
    seL4_Recv(ep, NULL);
    seL4_SetCap(0, n);
    seL4_Reply(INFO(0, 1, 0));
}

static void ipc_reply_cap_grant(void)
{
    /* the reply carries caps only if the server's receive cap had Grant */
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    for (int grant = 0; grant < 2; grant++) {
        seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
        seL4_CPtr recv_cap = COPY(ep, grant ? seL4_AllRights : seL4_CapRights_new(1, 0, 1, 1));
        thread_t t;
        THREAD(&t, 10, 0);
        START(&t, reply_with_cap, recv_cap, n);
        run_lower();
        seL4_CPtr dest = slot_alloc();
        seL4_SetCapReceivePath(ROOT_CNODE, dest, DEPTH);
        seL4_MessageInfo_t r = seL4_Call(ep, INFO(0, 0, 0));
        CHECK_MSG(seL4_MessageInfo_get_extraCaps(r) == (seL4_Word)grant, "grant %d: extraCaps %lu", grant,
                  (seL4_Word)seL4_MessageInfo_get_extraCaps(r));
        CHECK_EQ(cap_type(dest), grant ? CT_NTFN : CT_NULL);
    }
}

static void ipc_resume_caller_repeats_call(void)
{
    /* resuming a thread that waits for its reply cancels the reply: the
     * thread restarts its Call */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, call_word, ep, 0x42);
    run_lower();
    seL4_NBRecv(ep, NULL);
    CHECK_MR(0, 0x42);
    CHECK_OK(seL4_TCB_Resume(t.tcb));
    seL4_CPtr s = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, s, DEPTH));
    CHECK_EQ(cap_type(s), CT_NULL);          /* our reply cap went away */
    run_lower();
    CHECK_EQ(g[4], 0);
    seL4_NBRecv(ep, NULL);                  /* the Call again */
    CHECK_MR(0, 0x42);
    seL4_SetMR(0, 0x43);
    seL4_Reply(INFO(0, 0, 1));
    run_lower();
    CHECK_EQ(g[4], 1);
    CHECK_EQ(g[1], 0x43);
}

static void ipc_delete_caller_waiting_reply(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, call_word, ep, 1);
    run_lower();
    seL4_NBRecv(ep, NULL);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, t.tcb, DEPTH));
    seL4_CPtr s = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, s, DEPTH));
    CHECK_EQ(cap_type(s), CT_NULL);
    seL4_Reply(INFO(0, 0, 0));              /* nobody to reply to */
}

static void recv_no_buffer(seL4_Word ep, seL4_Word unused)
{
    (void)unused;
    seL4_Word m0, m1, m2, m3, badge;
    seL4_MessageInfo_t info = seL4_RecvWithMRs(ep, &badge, &m0, &m1, &m2, &m3);
    g[0] = seL4_MessageInfo_get_length(info);
    g[1] = m0;
    g[2] = m3;
    g[3] = 1;
}

static void ipc_receiver_without_buffer(void)
{
    /* only the four register MRs reach a receiver without an IPC buffer */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    CHECK_OK(seL4_TCB_SetIPCBuffer(t.tcb, 0, 0));
    START(&t, recv_no_buffer, ep, 0);
    run_lower();
    for (int i = 0; i < 10; i++)
        seL4_SetMR(i, 100 + i);
    seL4_Send(ep, INFO(0, 0, 10));
    run_lower();
    CHECK_EQ(g[3], 1);
    CHECK_EQ(g[0], 4);
    CHECK_EQ(g[1], 100);
    CHECK_EQ(g[2], 103);
}

static void ipc_reply_recv_without_caller(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, 0);
    START(&t, send_word, ep, 0x61);
    run_lower();
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_ReplyRecv(ep, INFO(0, 0, 0), &badge);   /* no caller: just receives */
    CHECK_EQ(seL4_MessageInfo_get_label(info), 0x5);
    CHECK_MR(0, 0x61);
}

static void ipc_call_higher_prio_server(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    set_root_prio(100);
    thread_t t;
    THREAD(&t, 200, 0);
    START(&t, server_not, ep, 1);            /* runs at once, waits */
    seL4_SetMR(0, 9);
    seL4_MessageInfo_t r = seL4_Call(ep, INFO(0, 0, 1));
    set_root_prio(seL4_MaxPrio);
    CHECK_EQ(seL4_MessageInfo_get_label(r), 0x7);
    CHECK_MR(0, ~9ul);
}

const test_case_t ipc_tests[] = {
    TEST(ipc, send_recv),
    TEST(ipc, recv_then_send),
    TEST(ipc, call_reply),
    TEST(ipc, call_lower_prio_server_runs),
    TEST(ipc, client_call),
    TEST(ipc, reply_recv_root),
    TEST(ipc, call_on_reply_cap),
    TEST(ipc, reply_without_caller),
    TEST(ipc, nbsend_no_receiver),
    TEST(ipc, nbsend_to_receiver),
    TEST(ipc, nbrecv_empty),
    TEST(ipc, badge_delivered),
    TEST(ipc, long_message),
    TEST(ipc, long_call_reply),
    TEST(ipc, fpu_kept_across_calls),
    TEST(ipc, length_clamped),
    TEST(ipc, registers_only),
    TEST(ipc, fifo_senders),
    TEST(ipc, fifo_receivers),
    TEST(ipc, send_needs_write),
    TEST(ipc, call_without_grant),
    TEST(ipc, call_with_grant_reply_only),
    TEST(ipc, cap_transfer),
    TEST(ipc, cap_transfer_needs_grant),
    TEST(ipc, cap_unwrapped),
    TEST(ipc, cap_unwrapped_then_transferred),
    TEST(ipc, cap_transfer_one_slot),
    TEST(ipc, cap_transfer_slot_occupied),
    TEST(ipc, cap_transfer_is_derived),
    TEST(ipc, cap_transfer_untransferable),
    TEST(ipc, cap_deleted_while_sender_blocked),
    TEST(ipc, suspend_blocked_sender),
    TEST(ipc, delete_blocked_sender),
    TEST(ipc, suspend_blocked_receiver),
    TEST(ipc, suspend_caller_waiting_reply),
    TEST(ipc, delete_ep_restarts_waiters),
    TEST(ipc, delete_ep_restarts_senders),
    TEST(ipc, revoke_ep_keeps_waiters_of_other_caps),
    TEST(ipc, reply_cap_grant),
    TEST(ipc, resume_caller_repeats_call),
    TEST(ipc, delete_caller_waiting_reply),
    TEST(ipc, receiver_without_buffer),
    TEST(ipc, reply_recv_without_caller),
    TEST(ipc, call_higher_prio_server),
    TESTS_END,
};
