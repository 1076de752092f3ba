/* The x86 IRQControl invocations: X86IRQIssueIRQHandlerIOAPIC routes an
 * IOAPIC pin to an IRQ and issues its handler cap; X86IRQIssueIRQHandlerMSI
 * issues the handler cap of an MSI vector (the device is programmed by user
 * space). The generic IRQControl decode hands us every label it does not know.
 *
 * The "vector" argument picks the IRQ. In seL4 it is an offset into the
 * user IRQ range; keel's user IRQs are 0..IRQ_MSI_MAX (arch.h), so the
 * vector is the IRQ number itself. MSIs must use the MSI part of the range. */
#include "paging.h"

#define PCI_BUS_MAX  255
#define PCI_DEV_MAX  31
#define PCI_FUNC_MAX 7

static word_t num_ioapics(void)
{
    word_t n = 0;
    while (arch_num_ioapic_pins(n) > 0) n++;
    return n;
}

/* seL4's ioapic_decode_map_pin_to_vector */
static exception_t ioapic_decode_map_pin_to_vector(word_t ioapic, word_t pin, word_t level, word_t polarity)
{
    word_t n = num_ioapics();
    if (n == 0) {
        userError("System has no IOAPICs");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    if (ioapic >= n) {
        userError("Invalid IOAPIC %ld, only have %ld", (long)ioapic, (long)n);
        return SYSCALL_RANGE_ERROR(0, n - 1);
    }
    word_t pins = arch_num_ioapic_pins(ioapic);
    if (pin >= pins) {
        userError("Invalid IOAPIC pin %ld, there are %d pins", (long)pin, (int)pins);
        return SYSCALL_RANGE_ERROR(0, pins - 1);
    }
    if (level != 0 && level != 1) {
        userError("Level should be 0 or 1, not %d", (int)level);
        return SYSCALL_RANGE_ERROR(0, 1);
    }
    if (polarity != 0 && polarity != 1) {
        userError("Polarity should be 0 or 1, not %d", (int)polarity);
        return SYSCALL_RANGE_ERROR(0, 1);
    }
    return EXCEPTION_NONE;
}

static exception_t invokeIssueIRQHandlerIOAPIC(word_t irq, word_t ioapic, word_t pin, word_t level,
                                               word_t polarity, cte_t *handler_slot, cte_t *control_slot)
{
    arch_ioapic_route(irq, ioapic, pin, level, polarity);   /* checked above: cannot fail */
    return invokeIRQControl_issue(irq, handler_slot, control_slot);
}

/* Args: MR0 index, MR1 depth (destination slot, in the CNode of extra cap
 * 0), MR2..MR5 ioapic, pin, level, polarity (IOAPIC) or pci bus, dev,
 * func, handle (MSI), MR6 vector. */
exception_t arch_decode_irq_control_invocation(word_t label, word_t length, cte_t *control_slot,
                                               word_t *buffer)
{
    if (label != X86IRQIssueIRQHandlerIOAPIC && label != X86IRQIssueIRQHandlerMSI) {
        userErrorAs("Arch_decodeIRQControlInvocation", "IRQControl: Illegal operation");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    if (length < 7 || !current_extra_caps.slots[0]) {
        userErrorAs("Arch_decodeIRQControlInvocation", "IRQControl: Truncated message");
        return SYSCALL_ERROR(seL4_TruncatedMessage);
    }

    word_t index = getSyscallArg(0, buffer);
    word_t depth = getSyscallArg(1, buffer);
    cap_t cnode = current_extra_caps.slots[0]->cap;
    word_t irq = getSyscallArg(6, buffer);

    if (irq > IRQ_MSI_MAX) {
        userErrorAs("Arch_decodeIRQControlInvocation", "IRQControl: Invalid irq %ld should be between 0-%ld", (long)irq, (long)IRQ_MSI_MAX);
        return SYSCALL_RANGE_ERROR(0, IRQ_MSI_MAX);
    }
    if (label == X86IRQIssueIRQHandlerMSI && irq < IRQ_MSI_MIN) {
        userErrorAs("Arch_decodeIRQControlInvocation", "IRQControl: Invalid MSI irq %ld should be between %ld-%ld",
                  (long)irq, (long)IRQ_MSI_MIN, (long)IRQ_MSI_MAX);
        return SYSCALL_RANGE_ERROR(IRQ_MSI_MIN, IRQ_MSI_MAX);
    }
    if (irq_is_issued(irq)) {
        userErrorAs("Arch_decodeIRQControlInvocation", "IRQControl: IRQ %d is already active.", (int)irq);
        return SYSCALL_ERROR(seL4_RevokeFirst);
    }

    lookup_slot_ret_t dest = lookupTargetSlot(cnode, index, depth);
    if (dest.status != EXCEPTION_NONE)
        return dest.status;
    exception_t status = ensureEmptySlot(dest.slot);
    if (status != EXCEPTION_NONE)
        return status;

    if (label == X86IRQIssueIRQHandlerIOAPIC) {
        word_t ioapic = getSyscallArg(2, buffer);
        word_t pin = getSyscallArg(3, buffer);
        word_t level = getSyscallArg(4, buffer);
        word_t polarity = getSyscallArg(5, buffer);
        status = ioapic_decode_map_pin_to_vector(ioapic, pin, level, polarity);
        if (status != EXCEPTION_NONE)
            return status;
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeIssueIRQHandlerIOAPIC(irq, ioapic, pin, level, polarity, dest.slot, control_slot);
    }

    /* MSI: the kernel has no remapping; it trusts the vector and records nothing */
    word_t pci_bus = getSyscallArg(2, buffer);
    word_t pci_dev = getSyscallArg(3, buffer);
    word_t pci_func = getSyscallArg(4, buffer);
    if (pci_bus > PCI_BUS_MAX)
        return SYSCALL_RANGE_ERROR(0, PCI_BUS_MAX);
    if (pci_dev > PCI_DEV_MAX)
        return SYSCALL_RANGE_ERROR(0, PCI_DEV_MAX);
    if (pci_func > PCI_FUNC_MAX)
        return SYSCALL_RANGE_ERROR(0, PCI_FUNC_MAX);
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeIRQControl_issue(irq, dest.slot, control_slot);
}
