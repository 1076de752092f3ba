/* x86 I/O ports (IOPortControl Issue, IOPort In/Out on the CMOS and PIT
 * ports) and interrupts (IRQControl GetIOAPIC/GetMSI, IRQHandler
 * SetNotification/Ack/Clear, delivery of the PIT's interrupt). */
#include "test.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define PIT_CH0    0x40
#define PIT_CMD    0x43

__asm__(
    ".text\n"
    ".global user_inb_fn\n"
    "user_inb_fn:\n"
    ".global user_inb_insn\n"
    "user_inb_insn:\n"
    "    inb $0x71, %al\n"
    "    ret\n");
void user_inb_fn(seL4_Word a, seL4_Word b);
extern char user_inb_insn[];

static seL4_CPtr issue(seL4_Word first, seL4_Word last)
{
    seL4_CPtr s = slot_alloc();
    if (!s)
        return 0;
    seL4_Error e = seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, first, last, ROOT_CNODE, s, DEPTH);
    if (e != seL4_NoError) {
        test_fail(0, "IOPortControl_Issue(%#lx, %#lx) failed: %s", first, last, err_name(e));
        return 0;
    }
    return s;
}
#define ISSUE(f, l) ({ seL4_CPtr c_ = issue((f), (l)); if (!c_) return; c_; })

static void ioirq_ioport_issue(void)
{
    seL4_CPtr p = ISSUE(CMOS_INDEX, CMOS_DATA);
    CHECK_EQ(cap_type(p), CT_IO_PORT);
}

static void ioirq_ioport_cmos_read_write(void)
{
    seL4_CPtr p = ISSUE(CMOS_INDEX, CMOS_DATA);
    /* CMOS RAM byte 0x40 (not a clock register) */
    CHECK_OK(seL4_X86_IOPort_Out8(p, CMOS_INDEX, 0x40));
    CHECK_OK(seL4_X86_IOPort_Out8(p, CMOS_DATA, 0x5a));
    CHECK_OK(seL4_X86_IOPort_Out8(p, CMOS_INDEX, 0x40));
    seL4_X86_IOPort_In8_t r = seL4_X86_IOPort_In8(p, CMOS_DATA);
    CHECK_OK(r.error);
    CHECK_EQ(r.result, 0x5a);
    CHECK_OK(seL4_X86_IOPort_Out8(p, CMOS_INDEX, 0x40));
    CHECK_OK(seL4_X86_IOPort_Out8(p, CMOS_DATA, 0xa5));
    CHECK_OK(seL4_X86_IOPort_Out8(p, CMOS_INDEX, 0x40));
    r = seL4_X86_IOPort_In8(p, CMOS_DATA);
    CHECK_EQ(r.result, 0xa5);
}

static void ioirq_ioport_in_reply(void)
{
    /* In8 replies with the value in MR0, message length 1 */
    seL4_CPtr p = ISSUE(CMOS_INDEX, CMOS_DATA);
    CHECK_OK(seL4_X86_IOPort_Out8(p, CMOS_INDEX, 0x41));
    CHECK_OK(seL4_X86_IOPort_Out8(p, CMOS_DATA, 0x3c));
    CHECK_OK(seL4_X86_IOPort_Out8(p, CMOS_INDEX, 0x41));
    seL4_Word mrs[1] = { CMOS_DATA };
    seL4_MessageInfo_t r = raw_call(p, X86IOPortIn8, 1, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), 0);
    CHECK_EQ(seL4_MessageInfo_get_length(r), 1);
    CHECK_MR(0, 0x3c);
}

static void ioirq_ioport_16_32(void)
{
    seL4_CPtr p = ISSUE(PIT_CH0, PIT_CMD);
    seL4_X86_IOPort_In16_t r16 = seL4_X86_IOPort_In16(p, PIT_CH0);
    CHECK_OK(r16.error);
    seL4_X86_IOPort_In32_t r32 = seL4_X86_IOPort_In32(p, PIT_CH0);
    CHECK_OK(r32.error);
    CHECK_ERR(seL4_X86_IOPort_In32(p, PIT_CH0 + 1).error, seL4_IllegalOperation);   /* 0x41..0x44 */
    CHECK_ERR(seL4_X86_IOPort_In16(p, PIT_CMD).error, seL4_IllegalOperation);       /* 0x43..0x44 */
}

static void ioirq_ioport_outside_range(void)
{
    seL4_CPtr p = ISSUE(CMOS_INDEX, CMOS_DATA);
    CHECK_ERR(seL4_X86_IOPort_In8(p, 0x72).error, seL4_IllegalOperation);
    CHECK_ERR(seL4_X86_IOPort_In8(p, 0x6f).error, seL4_IllegalOperation);
    CHECK_ERR(seL4_X86_IOPort_In16(p, CMOS_DATA).error, seL4_IllegalOperation);
    CHECK_ERR(seL4_X86_IOPort_In32(p, CMOS_INDEX).error, seL4_IllegalOperation);
    CHECK_ERR(seL4_X86_IOPort_Out8(p, 0x80, 0), seL4_IllegalOperation);
    CHECK_ERR(seL4_X86_IOPort_Out16(p, CMOS_DATA, 0), seL4_IllegalOperation);
    CHECK_ERR(seL4_X86_IOPort_Out32(p, CMOS_INDEX, 0), seL4_IllegalOperation);
    CHECK_OK(seL4_X86_IOPort_In16(p, CMOS_INDEX).error);
}

static void ioirq_ioport_issue_overlap(void)
{
    ISSUE(CMOS_INDEX, CMOS_DATA);
    CHECK_ERR(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, CMOS_DATA, 0x72, ROOT_CNODE, slot_alloc(), DEPTH),
              seL4_RevokeFirst);
    CHECK_ERR(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0x60, 0x7f, ROOT_CNODE, slot_alloc(), DEPTH),
              seL4_RevokeFirst);
    ISSUE(0x72, 0x72);
}

static void ioirq_ioport_issue_bad_range(void)
{
    CHECK_ERR(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, CMOS_DATA, CMOS_INDEX, ROOT_CNODE, slot_alloc(),
                                           DEPTH), seL4_InvalidArgument);
    CHECK_MR(0, 1);
}

static void ioirq_ioport_issue_dest_occupied(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, CMOS_INDEX, CMOS_DATA, ROOT_CNODE, ep, DEPTH),
              seL4_DeleteFirst);
    CHECK_ERR(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, CMOS_INDEX, CMOS_DATA, ROOT_CNODE, 5, 32),
              seL4_FailedLookup);
    /* the failed attempts did not take the range */
    ISSUE(CMOS_INDEX, CMOS_DATA);
}

static void ioirq_ioport_freed_after_delete(void)
{
    seL4_CPtr p = ISSUE(CMOS_INDEX, CMOS_DATA);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, p, DEPTH));
    ISSUE(CMOS_INDEX, CMOS_DATA);
}

static void ioirq_ioport_copy_keeps_range(void)
{
    seL4_CPtr p = ISSUE(CMOS_INDEX, CMOS_DATA);
    seL4_CPtr c = COPY(p, seL4_AllRights);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, p, DEPTH));
    CHECK_OK(seL4_X86_IOPort_In8(c, CMOS_DATA).error);
    CHECK_ERR(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, CMOS_INDEX, CMOS_DATA, ROOT_CNODE, slot_alloc(),
                                           DEPTH), seL4_RevokeFirst);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, c, DEPTH));
    ISSUE(CMOS_INDEX, CMOS_DATA);
}

static void ioirq_ioport_revoke_removes_copies(void)
{
    /* the issued cap is revocable: its copies are its children */
    seL4_CPtr p = ISSUE(CMOS_INDEX, CMOS_DATA);
    seL4_CPtr c = COPY(p, seL4_AllRights);
    seL4_CPtr cc = COPY(c, seL4_AllRights);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, p, DEPTH));
    CHECK_EQ(cap_type(c), CT_NULL);
    CHECK_EQ(cap_type(cc), CT_NULL);
    CHECK_EQ(cap_type(p), CT_IO_PORT);
    CHECK_OK(seL4_X86_IOPort_In8(p, CMOS_DATA).error);
}

static void ioirq_ioport_truncated(void)
{
    seL4_CPtr p = ISSUE(CMOS_INDEX, CMOS_DATA);
    seL4_Word mrs[4] = { CMOS_DATA, 0, 0, 0 };
    seL4_MessageInfo_t r = raw_call(p, X86IOPortIn8, 0, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(p, X86IOPortOut8, 1, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(p, X86PageMap, 2, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
    seL4_CPtr caps[1] = { ROOT_CNODE };
    seL4_Word imrs[4] = { 0x80, 0x80, slot_alloc(), DEPTH };
    r = raw_call(seL4_CapIOPortControl, X86IOPortControlIssue, 3, 1, caps, imrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(seL4_CapIOPortControl, X86IOPortControlIssue, 4, 0, caps, imrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(seL4_CapIOPortControl, X86IOPortIn8, 4, 1, caps, imrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
}

static void ioirq_ioport_user_in_faults(void)
{
    /* user space has no direct port access: in/out raise #GP */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, user_inb_fn, 0, 0);
    run_lower();
    seL4_MessageInfo_t info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    CHECK_MR(seL4_UserException_FaultIP, (seL4_Word)user_inb_insn);
    CHECK_MR(seL4_UserException_Number, 13);
}

/* ---------------------------------------------------------------- IRQs */

#define TEST_IRQ 5   /* an IOAPIC pin nothing in QEMU's pc machine drives */

static seL4_Error get_ioapic(seL4_CPtr dest, seL4_Word ioapic, seL4_Word pin, seL4_Word level,
                             seL4_Word polarity, seL4_Word vector)
{
    return seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, ROOT_CNODE, dest, DEPTH, ioapic, pin, level, polarity,
                                     vector);
}

static void ioirq_irq_get_ioapic(void)
{
    seL4_CPtr h = slot_alloc();
    CHECK_OK(get_ioapic(h, 0, TEST_IRQ, 0, 0, TEST_IRQ));
    CHECK_EQ(cap_type(h), CT_IRQ_HANDLER);
}

static void ioirq_irq_get_twice(void)
{
    CHECK_OK(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, TEST_IRQ));
    CHECK_ERR(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, TEST_IRQ), seL4_RevokeFirst);
    /* another vector for the same pin is a different IRQ */
    CHECK_OK(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, TEST_IRQ + 1));
}

static void ioirq_irq_vector_range(void)
{
    CHECK_ERR(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, 100000), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK(seL4_GetMR(1) >= 23 && seL4_GetMR(1) < 256);
    seL4_Word max = seL4_GetMR(1);
    CHECK_ERR(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, max + 1), seL4_RangeError);
    CHECK_OK(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, max));
}

static void ioirq_irq_bad_ioapic(void)
{
    CHECK_ERR(get_ioapic(slot_alloc(), 1, TEST_IRQ, 0, 0, TEST_IRQ), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, 0);
}

static void ioirq_irq_bad_pin(void)
{
    CHECK_ERR(get_ioapic(slot_alloc(), 0, 24, 0, 0, TEST_IRQ), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, 23);
}

static void ioirq_irq_bad_level_polarity(void)
{
    CHECK_ERR(get_ioapic(slot_alloc(), 0, TEST_IRQ, 2, 0, TEST_IRQ), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, 1);
    CHECK_ERR(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 2, TEST_IRQ), seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, 1);
    /* the failures did not issue the IRQ */
    CHECK_OK(get_ioapic(slot_alloc(), 0, TEST_IRQ, 1, 1, TEST_IRQ));
}

static void ioirq_irq_dest_occupied(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(get_ioapic(ep, 0, TEST_IRQ, 0, 0, TEST_IRQ), seL4_DeleteFirst);
    CHECK_OK(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, TEST_IRQ));
}

static void ioirq_irq_generic_issue_illegal(void)
{
    /* with IOAPICs, x86 issues IRQ handlers only through GetIOAPIC/GetMSI */
    CHECK_ERR(seL4_IRQControl_Get(seL4_CapIRQControl, TEST_IRQ, ROOT_CNODE, slot_alloc(), DEPTH),
              seL4_IllegalOperation);
}

static void ioirq_irq_control_truncated(void)
{
    seL4_CPtr caps[1] = { ROOT_CNODE };
    seL4_Word mrs[7] = { slot_alloc(), DEPTH, 0, TEST_IRQ, 0, 0, TEST_IRQ };
    seL4_MessageInfo_t r = raw_call(seL4_CapIRQControl, X86IRQIssueIRQHandlerIOAPIC, 6, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(seL4_CapIRQControl, X86IRQIssueIRQHandlerIOAPIC, 7, 0, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(seL4_CapIRQControl, X86PageMap, 7, 1, caps, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
}

static void ioirq_irq_msi(void)
{
    seL4_CPtr h = slot_alloc();
    CHECK_OK(seL4_IRQControl_GetMSI(seL4_CapIRQControl, ROOT_CNODE, h, DEPTH, 0, 3, 0, 0, 40));
    CHECK_EQ(cap_type(h), CT_IRQ_HANDLER);
    CHECK_ERR(seL4_IRQControl_GetMSI(seL4_CapIRQControl, ROOT_CNODE, slot_alloc(), DEPTH, 0, 3, 0, 0, 40),
              seL4_RevokeFirst);
    CHECK_ERR(seL4_IRQControl_GetMSI(seL4_CapIRQControl, ROOT_CNODE, slot_alloc(), DEPTH, 256, 3, 0, 0, 41),
              seL4_RangeError);
    CHECK_MR(0, 0);
    CHECK_MR(1, 255);
    CHECK_ERR(seL4_IRQControl_GetMSI(seL4_CapIRQControl, ROOT_CNODE, slot_alloc(), DEPTH, 0, 32, 0, 0, 41),
              seL4_RangeError);
    CHECK_MR(1, 31);
    CHECK_ERR(seL4_IRQControl_GetMSI(seL4_CapIRQControl, ROOT_CNODE, slot_alloc(), DEPTH, 0, 3, 8, 0, 41),
              seL4_RangeError);
    CHECK_MR(1, 7);
}

static void ioirq_irq_handler_ops(void)
{
    seL4_CPtr h = slot_alloc();
    CHECK_OK(get_ioapic(h, 0, TEST_IRQ, 0, 0, TEST_IRQ));
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_OK(seL4_IRQHandler_SetNotification(h, n));
    CHECK_OK(seL4_IRQHandler_SetNotification(h, n));   /* replacing is fine */
    CHECK_OK(seL4_IRQHandler_Ack(h));
    CHECK_OK(seL4_IRQHandler_Clear(h));
    CHECK_OK(seL4_IRQHandler_Clear(h));
}

static void ioirq_irq_set_notification_errors(void)
{
    seL4_CPtr h = slot_alloc();
    CHECK_OK(get_ioapic(h, 0, TEST_IRQ, 0, 0, TEST_IRQ));
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_IRQHandler_SetNotification(h, ep), seL4_InvalidCapability);
    CHECK_MR(0, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr ro = COPY(n, seL4_CanRead);
    CHECK_ERR(seL4_IRQHandler_SetNotification(h, ro), seL4_InvalidCapability);
    CHECK_MR(0, 0);
    seL4_Word mrs[1] = { 0 };
    seL4_MessageInfo_t r = raw_call(h, IRQSetIRQHandler, 0, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_TruncatedMessage);
    r = raw_call(h, CNodeCopy, 0, 0, NULL, mrs);
    CHECK_EQ(seL4_MessageInfo_get_label(r), seL4_IllegalOperation);
}

static void ioirq_irq_freed_after_delete(void)
{
    seL4_CPtr h = slot_alloc();
    CHECK_OK(get_ioapic(h, 0, TEST_IRQ, 0, 0, TEST_IRQ));
    seL4_CPtr c = COPY(h, seL4_AllRights);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, h, DEPTH));
    CHECK_ERR(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, TEST_IRQ), seL4_RevokeFirst);   /* the copy holds it */
    CHECK_OK(seL4_IRQHandler_Ack(c));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, c, DEPTH));
    CHECK_OK(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, TEST_IRQ));
}

static void ioirq_irq_revoke_removes_copies(void)
{
    /* the issued handler cap is revocable: its copies are its children */
    seL4_CPtr h = slot_alloc();
    CHECK_OK(get_ioapic(h, 0, TEST_IRQ, 0, 0, TEST_IRQ));
    seL4_CPtr c = COPY(h, seL4_AllRights);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, h, DEPTH));
    CHECK_EQ(cap_type(c), CT_NULL);
    CHECK_EQ(cap_type(h), CT_IRQ_HANDLER);
    CHECK_ERR(get_ioapic(slot_alloc(), 0, TEST_IRQ, 0, 0, TEST_IRQ), seL4_RevokeFirst);
}

/* Program PIT channel 0 as a ~100 Hz rate generator; its interrupt is
 * ISA IRQ 0, on IOAPIC pin 2 in QEMU's pc machine. */
static int pit_start(seL4_CPtr pit)
{
    return seL4_X86_IOPort_Out8(pit, PIT_CMD, 0x34) || seL4_X86_IOPort_Out8(pit, PIT_CH0, 11932 & 0xff) ||
           seL4_X86_IOPort_Out8(pit, PIT_CH0, 11932 >> 8);
}

/* Poll for a signal for at most `ticks` TSC ticks; returns the badge. */
static seL4_Word poll_for(seL4_CPtr n, seL4_Word ticks)
{
    seL4_Word t0 = rdtsc();
    do {
        seL4_Word badge = 0;
        seL4_Poll(n, &badge);
        if (badge)
            return badge;
    } while (rdtsc() - t0 < ticks);
    return 0;
}

#define PIT_IRQ 10
#define SECOND_TICKS 4000000000ul

static void ioirq_irq_pit_delivery(void)
{
    seL4_CPtr pit = ISSUE(PIT_CH0, PIT_CMD);
    seL4_CPtr h = slot_alloc();
    CHECK_OK(get_ioapic(h, 0, 2, 0, 0, PIT_IRQ));
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 0x4);
    CHECK_OK(seL4_IRQHandler_SetNotification(h, nb));
    CHECK(pit_start(pit) == 0);
    CHECK_OK(seL4_IRQHandler_Ack(h));
    CHECK_EQ(poll_for(n, SECOND_TICKS), 0x4);
    /* masked until acknowledged */
    CHECK_EQ(poll_for(n, SECOND_TICKS / 10), 0);
    CHECK_OK(seL4_IRQHandler_Ack(h));
    CHECK_EQ(poll_for(n, SECOND_TICKS), 0x4);
}

static void ioirq_irq_wakes_waiter(void)
{
    /* a thread blocked on the notification is woken by the interrupt */
    seL4_CPtr pit = ISSUE(PIT_CH0, PIT_CMD);
    seL4_CPtr h = slot_alloc();
    CHECK_OK(get_ioapic(h, 0, 2, 0, 0, PIT_IRQ));
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_OK(seL4_IRQHandler_SetNotification(h, MINT(n, seL4_AllRights, 0x8)));
    CHECK(pit_start(pit) == 0);
    seL4_Word badge = 0;
    CHECK_OK(seL4_IRQHandler_Ack(h));
    seL4_Wait(n, &badge);                 /* blocks until the PIT fires */
    CHECK_EQ(badge, 0x8);
}

static void ioirq_irq_clear_stops_delivery(void)
{
    seL4_CPtr pit = ISSUE(PIT_CH0, PIT_CMD);
    seL4_CPtr h = slot_alloc();
    CHECK_OK(get_ioapic(h, 0, 2, 0, 0, PIT_IRQ));
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 0x10);
    CHECK_OK(seL4_IRQHandler_SetNotification(h, nb));
    CHECK(pit_start(pit) == 0);
    CHECK_OK(seL4_IRQHandler_Clear(h));
    CHECK_OK(seL4_IRQHandler_Ack(h));
    CHECK_EQ(poll_for(n, SECOND_TICKS / 5), 0);
    CHECK_OK(seL4_IRQHandler_SetNotification(h, nb));
    CHECK_OK(seL4_IRQHandler_Ack(h));
    CHECK_EQ(poll_for(n, SECOND_TICKS), 0x10);
}

static void ioirq_irq_delete_handler_stops_delivery(void)
{
    seL4_CPtr pit = ISSUE(PIT_CH0, PIT_CMD);
    seL4_CPtr h = slot_alloc();
    CHECK_OK(get_ioapic(h, 0, 2, 0, 0, PIT_IRQ));
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    CHECK_OK(seL4_IRQHandler_SetNotification(h, MINT(n, seL4_AllRights, 0x20)));
    CHECK(pit_start(pit) == 0);
    CHECK_OK(seL4_IRQHandler_Ack(h));
    CHECK_EQ(poll_for(n, SECOND_TICKS), 0x20);
    CHECK_OK(seL4_IRQHandler_Ack(h));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, h, DEPTH));
    poll_for(n, SECOND_TICKS / 50);      /* at most one signal already on its way */
    CHECK_EQ(poll_for(n, SECOND_TICKS / 5), 0);
}

const test_case_t ioirq_tests[] = {
    TEST(ioirq, ioport_issue),
    TEST(ioirq, ioport_cmos_read_write),
    TEST(ioirq, ioport_in_reply),
    TEST(ioirq, ioport_16_32),
    TEST(ioirq, ioport_outside_range),
    TEST(ioirq, ioport_issue_overlap),
    TEST(ioirq, ioport_issue_bad_range),
    TEST(ioirq, ioport_issue_dest_occupied),
    TEST(ioirq, ioport_freed_after_delete),
    TEST(ioirq, ioport_copy_keeps_range),
    TEST(ioirq, ioport_revoke_removes_copies),
    TEST(ioirq, ioport_truncated),
    TEST(ioirq, ioport_user_in_faults),
    TEST(ioirq, irq_get_ioapic),
    TEST(ioirq, irq_get_twice),
    TEST(ioirq, irq_vector_range),
    TEST(ioirq, irq_bad_ioapic),
    TEST(ioirq, irq_bad_pin),
    TEST(ioirq, irq_bad_level_polarity),
    TEST(ioirq, irq_dest_occupied),
    TEST(ioirq, irq_generic_issue_illegal),
    TEST(ioirq, irq_control_truncated),
    TEST(ioirq, irq_msi),
    TEST(ioirq, irq_handler_ops),
    TEST(ioirq, irq_set_notification_errors),
    TEST(ioirq, irq_freed_after_delete),
    TEST(ioirq, irq_revoke_removes_copies),
    TEST(ioirq, irq_pit_delivery),
    TEST(ioirq, irq_wakes_waiter),
    TEST(ioirq, irq_clear_stops_delivery),
    TEST(ioirq, irq_delete_handler_stops_delivery),
    TESTS_END,
};
