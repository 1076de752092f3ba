/* IRQControl and IRQHandler caps, and delivering interrupts as signals. */
#include "kernel.h"

exception_t arch_decode_irq_control_invocation(word_t label, word_t length, cte_t *control_slot, word_t *buffer);

enum irq_state { IRQInactive = 0, IRQSignal, IRQTimer };
static uint8_t irq_state[MAX_IRQ + 1];
/* One slot per IRQ holding the notification cap it signals (seL4's
 * intStateIRQNode); the slots are kernel memory, never user visible. */
static cte_t irq_node[MAX_IRQ + 1] ALIGN(32);

void irq_init(void)
{
    irq_state[KERNEL_TIMER_IRQ] = IRQTimer;
}

bool irq_is_issued(word_t irq) { return irq <= MAX_IRQ && irq_state[irq] != IRQInactive; }

void irq_set_issued(word_t irq, bool issued)
{
    irq_state[irq] = issued ? IRQSignal : IRQInactive;
    arch_irq_set_mask(irq, true);
}

exception_t invokeIRQControl_issue(word_t irq, cte_t *handler_slot, cte_t *control_slot)
{
    irq_set_issued(irq, true);
    cteInsert(cap_set_irq(cap_new(cap_irq_handler), irq), control_slot, handler_slot);
    return EXCEPTION_NONE;
}

exception_t decodeIRQControlInvocation(word_t label, word_t length, cte_t *slot, word_t *buffer)
{
    if (label == IRQIssueIRQHandler) {
        /* With an IOAPIC, seL4 x86 only issues IRQs through the arch calls. */
        userError("IRQControl: Illegal operation");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    return arch_decode_irq_control_invocation(label, length, slot, buffer);
}

exception_t decodeIRQHandlerInvocation(word_t label, word_t irq)
{
    switch (label) {
    case IRQAckIRQ:
        setThreadState(ksCurThread, ThreadState_Restart);
        arch_irq_set_mask(irq, false);
        return EXCEPTION_NONE;
    case IRQSetIRQHandler: {
        cte_t *src = current_extra_caps.slots[0];
        if (!src) {
            userError("IRQSetHandler: Truncated message.");
            return SYSCALL_ERROR(seL4_TruncatedMessage);
        }
        cap_t c = src->cap;
        if (cap_get_type(c) != cap_notification || !cap_ntfn_can_send(c)) {
            if (cap_get_type(c) != cap_notification)
                userError("IRQSetHandler: provided cap is not an notification capability.");
            else
                userError("IRQSetHandler: caller does not have send rights on the endpoint.");
            return SYSCALL_INVALID_CAP(0);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        cteDeleteOne(&irq_node[irq]);
        cteInsert(c, src, &irq_node[irq]);
        return EXCEPTION_NONE;
    }
    case IRQClearIRQHandler:
        setThreadState(ksCurThread, ThreadState_Restart);
        cteDeleteOne(&irq_node[irq]);
        return EXCEPTION_NONE;
    default:
        userError("IRQHandler: Illegal operation.");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
}

void deletingIRQHandler(word_t irq)
{
    cteDeleteOne(&irq_node[irq]);
}

void deletedIRQHandler(word_t irq)
{
    irq_set_issued(irq, false);
}

bool kernel_can_still_wake_threads(void)
{
    for (word_t i = 0; i <= MAX_IRQ; i++)
        if (irq_state[i] == IRQSignal && cap_get_type(irq_node[i].cap) == cap_notification)
            return true;
    return false;
}

void handleInterrupt(word_t irq)
{
    if (irq > MAX_IRQ) {
        arch_irq_ack(irq);
        return;
    }
    switch (irq_state[irq]) {
    case IRQSignal: {
        cap_t c = irq_node[irq].cap;
        if (cap_get_type(c) == cap_notification && cap_ntfn_can_send(c))
            sendSignal(cap_object_ptr(c), cap_ntfn_badge(c));
        /* Stays masked until user space acknowledges it. */
        arch_irq_set_mask(irq, true);
        break;
    }
    case IRQTimer:
        timerTick();
        break;
    default:
        arch_irq_set_mask(irq, true);
        kprintf("Received disabled IRQ: %d\n", (int)irq);
        break;
    }
    arch_irq_ack(irq);
}

exception_t decodeDomainInvocation(word_t label, word_t length, word_t *buffer)
{
    if (label != DomainSetSet) {
        userError("Domain: Illegal operation.");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    if (length == 0 || !current_extra_caps.slots[0]) {
        userError("Domain Configure: Truncated message.");
        return SYSCALL_ERROR(seL4_TruncatedMessage);
    }
    word_t domain = getSyscallArg(0, buffer);
    if (domain >= 1) {
        userError("Domain Configure: invalid domain (%lu >= %u).", domain, 1u);
        return SYSCALL_INVALID_ARGUMENT(0);
    }
    if (cap_get_type(current_extra_caps.slots[0]->cap) != cap_thread) {
        userError("Domain Configure: thread cap required.");
        return SYSCALL_INVALID_ARGUMENT(1);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    /* One domain only: every thread is already in domain 0. */
    return EXCEPTION_NONE;
}
