/* simple: the x86 part of the simple_t interface (I/O ports and IRQs). */
#pragma once

#include <autoconf.h>
#include <sel4/sel4.h>
#include <utils/util.h>
#include <vka/cspacepath_t.h>

/* A cap to the I/O ports [start_port, end_port]. */
typedef seL4_CPtr (*arch_simple_get_IOPort_cap_fn)(void *data, uint16_t start_port, uint16_t end_port);
/* Put a handler cap for an MSI into root/index/depth. */
typedef seL4_Error (*arch_simple_get_msi_fn)(void *data, seL4_CNode root, seL4_Word index, uint8_t depth,
                                             seL4_Word pci_bus, seL4_Word pci_dev, seL4_Word pci_func,
                                             seL4_Word handle, seL4_Word vector);
/* Put a handler cap for an IOAPIC pin into root/index/depth. */
typedef seL4_Error (*arch_simple_get_ioapic_fn)(void *data, seL4_CNode root, seL4_Word index, uint8_t depth,
                                                seL4_Word ioapic, seL4_Word pin, seL4_Word level,
                                                seL4_Word polarity, seL4_Word vector);
/* Put a handler cap for IRQ `irq` into cnode/index/depth. */
typedef seL4_Error (*arch_simple_get_IRQ_handler_fn)(void *data, int irq, seL4_CNode cnode, seL4_Word index,
                                                     uint8_t depth);

typedef struct arch_simple {
    void *data;
    arch_simple_get_IOPort_cap_fn IOPort_cap;
    arch_simple_get_msi_fn msi;
    arch_simple_get_IRQ_handler_fn irq;
    arch_simple_get_ioapic_fn ioapic;
} arch_simple_t;

static inline seL4_CPtr arch_simple_get_IOPort_cap(arch_simple_t *arch_simple, uint16_t start_port,
                                                   uint16_t end_port)
{
    if (!arch_simple) {
        ZF_LOGE("Arch-simple is NULL");
        return seL4_CapNull;
    }
    if (!arch_simple->IOPort_cap) {
        ZF_LOGE("%s not implemented", __func__);
        return seL4_CapNull;
    }
    return arch_simple->IOPort_cap(arch_simple->data, start_port, end_port);
}

static inline seL4_Error arch_simple_get_msi(arch_simple_t *arch_simple, cspacepath_t path, seL4_Word pci_bus,
                                             seL4_Word pci_dev, seL4_Word pci_func, seL4_Word handle,
                                             seL4_Word vector)
{
    if (!arch_simple) {
        ZF_LOGE("Arch-simple is NULL");
        return seL4_InvalidArgument;
    }
    if (!arch_simple->msi) {
        ZF_LOGE("%s not implemented", __func__);
        return seL4_InvalidArgument;
    }
    return arch_simple->msi(arch_simple->data, path.root, path.capPtr, path.capDepth, pci_bus, pci_dev,
                            pci_func, handle, vector);
}

static inline seL4_Error arch_simple_get_ioapic(arch_simple_t *arch_simple, cspacepath_t path, seL4_Word ioapic,
                                                seL4_Word pin, seL4_Word level, seL4_Word polarity,
                                                seL4_Word vector)
{
    if (!arch_simple) {
        ZF_LOGE("Arch-simple is NULL");
        return seL4_InvalidArgument;
    }
    if (!arch_simple->ioapic) {
        ZF_LOGE("%s not implemented", __func__);
        return seL4_InvalidArgument;
    }
    return arch_simple->ioapic(arch_simple->data, path.root, path.capPtr, path.capDepth, ioapic, pin, level,
                               polarity, vector);
}
