/* Moving a message from one thread to another: registers, the IPC buffer,
 * extra caps and badges, or a fault message. */
#include "kernel.h"

word_t setMRs_fault(tcb_t *sender, tcb_t *receiver, word_t *buf);
bool handleFaultReply(tcb_t *receiver, tcb_t *sender);

static word_t copyMRs(tcb_t *sender, word_t *sbuf, tcb_t *receiver, word_t *rbuf, word_t n)
{
    word_t i;
    for (i = 0; i < n && i < N_MSG_REGS; i++)
        setRegister(receiver, msg_registers[i], getRegister(sender, msg_registers[i]));
    if (!sbuf || !rbuf)
        return i;
    for (; i < n; i++)
        rbuf[IPCBUF_MSG + i] = sbuf[IPCBUF_MSG + i];
    return i;
}

/* The receiver's cap receive slot, named by its IPC buffer; NULL if it is
 * not an empty slot. */
static cte_t *getReceiveSlots(tcb_t *receiver, word_t *buf)
{
    lookup_cap_ret_t root = lookupCap(receiver, buf[IPCBUF_RECV_CNODE]);
    if (root.status != EXCEPTION_NONE)
        return NULL;
    lookup_slot_ret_t s = lookupTargetSlot(root.cap, buf[IPCBUF_RECV_INDEX], buf[IPCBUF_RECV_DEPTH]);
    if (s.status != EXCEPTION_NONE || !cap_is_null(s.slot->cap))
        return NULL;
    return s.slot;
}

/* Caps to the endpoint the message travels through are "unwrapped": the
 * receiver gets only their badge. At most one real cap is transferred. */
static word_t transferCaps(word_t info, extra_caps_t *caps, endpoint_t *ep, tcb_t *receiver, word_t *rbuf)
{
    word_t i, unwrapped = 0;
    if (likely(!caps->slots[0] || !rbuf))
        return mi_new(mi_label(info), 0, 0, mi_length(info));

    cte_t *dest = getReceiveSlots(receiver, rbuf);
    for (i = 0; i < seL4_MsgMaxExtraCaps && caps->slots[i]; i++) {
        cte_t *slot = caps->slots[i];
        cap_t c = slot->cap;
        if (cap_get_type(c) == cap_endpoint && ep && cap_object_ptr(c) == ep) {
            rbuf[IPCBUF_CAPS + i] = cap_ep_badge(c);
            unwrapped |= BIT(i);
        } else {
            if (!dest)
                break;
            derive_cap_ret_t d = deriveCap(slot, c);
            if (d.status != EXCEPTION_NONE || cap_is_null(d.cap))
                break;
            cteInsert(d.cap, slot, dest);
            dest = NULL;
        }
    }
    return mi_new(mi_label(info), unwrapped, i, mi_length(info));
}

static void doNormalTransfer(tcb_t *sender, word_t *sbuf, endpoint_t *ep, word_t badge, bool grant,
                             tcb_t *receiver, word_t *rbuf)
{
    word_t info = getRegister(sender, REG_MSGINFO);
    extra_caps_t caps;

    if (mi_length(info) > seL4_MsgMaxLength)
        info = mi_new(mi_label(info), mi_caps_unwrapped(info), mi_extra_caps(info), seL4_MsgMaxLength);
    caps.slots[0] = NULL;
    if (grant && lookupExtraCaps(sender, sbuf, info) == EXCEPTION_NONE)
        caps = current_extra_caps;
    word_t sent = copyMRs(sender, sbuf, receiver, rbuf, mi_length(info));
    info = transferCaps(info, &caps, ep, receiver, rbuf);
    info = mi_new(mi_label(info), mi_caps_unwrapped(info), mi_extra_caps(info), sent);
    setRegister(receiver, REG_MSGINFO, info);
    setRegister(receiver, REG_BADGE, badge);
}

static void doFaultTransfer(word_t badge, tcb_t *sender, tcb_t *receiver, word_t *rbuf)
{
    word_t sent = setMRs_fault(sender, receiver, rbuf);
    setRegister(receiver, REG_MSGINFO, mi_new(sender->fault.type, 0, 0, sent));
    setRegister(receiver, REG_BADGE, badge);
}

void doIPCTransfer(tcb_t *sender, endpoint_t *ep, word_t badge, bool grant, tcb_t *receiver)
{
    word_t *rbuf = lookupIPCBuffer(true, receiver);
    if (likely(sender->fault.type == fault_null))
        doNormalTransfer(sender, lookupIPCBuffer(false, sender), ep, badge, grant, receiver, rbuf);
    else
        doFaultTransfer(badge, sender, receiver, rbuf);
}

void doReplyTransfer(tcb_t *sender, tcb_t *receiver, cte_t *slot, bool grant)
{
    if (likely(receiver->fault.type == fault_null)) {
        doIPCTransfer(sender, NULL, 0, grant, receiver);
        cteDeleteOne(slot);
        setThreadState(receiver, ThreadState_Running);
        possibleSwitchTo(receiver);
    } else {
        cteDeleteOne(slot);
        bool restart_it = handleFaultReply(receiver, sender);
        receiver->fault.type = fault_null;
        if (restart_it) {
            setThreadState(receiver, ThreadState_Restart);
            possibleSwitchTo(receiver);
        } else {
            setThreadState(receiver, ThreadState_Inactive);
        }
    }
}

void setupCallerCap(tcb_t *sender, tcb_t *receiver, bool can_grant)
{
    setThreadState(sender, ThreadState_BlockedOnReply);
    cte_t *reply_slot = tcb_cte(sender, TCB_REPLY);
    cte_t *caller_slot = tcb_cte(receiver, TCB_CALLER);
    /* The receiver's old reply cap was deleted when it started to receive;
     * a thread that was restarted without receiving may still hold one. */
    cteDeleteOne(caller_slot);
    cap_t c = cap_new(cap_reply);
    c = cap_set_reply_tcb_paddr(c, paddr_from_pptr(sender));
    c = cap_set_reply_can_grant(c, can_grant);
    cteInsert(c, reply_slot, caller_slot);
}

void deleteCallerCap(tcb_t *receiver)
{
    cteDeleteOne(tcb_cte(receiver, TCB_CALLER));
}
