/* simple-default: simple_t over the root task's boot info. */
#include <string.h>
#include <sel4/sel4.h>
#include <sel4debug/debug.h>
#include <simple-default/simple-default.h>

static seL4_BootInfo *bootinfo(void *data)
{
    return (seL4_BootInfo *)data;
}

static seL4_Word region_size(seL4_SlotRegion r)
{
    return r.end - r.start;
}

seL4_CPtr simple_default_init_cap(void *data, seL4_CPtr cap)
{
    (void)data;
    return cap;   /* a root task's initial caps sit at their fixed slots */
}

uint8_t simple_default_cnode_size(void *data)
{
    return (uint8_t)bootinfo(data)->initThreadCNodeSizeBits;
}

int simple_default_untyped_count(void *data)
{
    return (int)region_size(bootinfo(data)->untyped);
}

seL4_CPtr simple_default_nth_untyped(void *data, int n, size_t *size_bits, uintptr_t *paddr, bool *device)
{
    seL4_BootInfo *bi = bootinfo(data);
    if (n < 0 || (seL4_Word)n >= region_size(bi->untyped)) {
        return seL4_CapNull;
    }
    const seL4_UntypedDesc *ut = &bi->untypedList[n];
    if (size_bits) {
        *size_bits = ut->sizeBits;
    }
    if (paddr) {
        *paddr = ut->paddr;
    }
    if (device) {
        *device = ut->isDevice != 0;
    }
    return bi->untyped.start + n;
}

int simple_default_userimage_count(void *data)
{
    return (int)region_size(bootinfo(data)->userImageFrames);
}

seL4_CPtr simple_default_nth_userimage(void *data, int n)
{
    seL4_BootInfo *bi = bootinfo(data);
    if (n < 0 || (seL4_Word)n >= region_size(bi->userImageFrames)) {
        return seL4_CapNull;
    }
    return bi->userImageFrames.start + n;
}

int simple_default_core_count(void *data)
{
    return (int)bootinfo(data)->numNodes;
}

/*
 * The caps simple knows of: the initial caps, then the slots of every
 * region the boot info lists.
 */
static seL4_SlotRegion cap_region(seL4_BootInfo *bi, int i)
{
    switch (i) {
    case 0: return bi->sharedFrames;
    case 1: return bi->userImageFrames;
    case 2: return bi->userImagePaging;
    case 3: return bi->untyped;
    case 4: return bi->extraBIPages;
    case 5: return bi->ioSpaceCaps;
    default: return (seL4_SlotRegion) { 0, 0 };
    }
}
#define NUM_CAP_REGIONS 6

int simple_default_cap_count(void *data)
{
    seL4_BootInfo *bi = bootinfo(data);
    seL4_Word count = seL4_NumInitialCaps;
    for (int i = 0; i < NUM_CAP_REGIONS; i++) {
        count += region_size(cap_region(bi, i));
    }
    return (int)count;
}

seL4_CPtr simple_default_nth_cap(void *data, int n)
{
    seL4_BootInfo *bi = bootinfo(data);
    if (n < 0) {
        return seL4_CapNull;
    }
    seL4_Word left = (seL4_Word)n;
    if (left < seL4_NumInitialCaps) {
        return left;
    }
    left -= seL4_NumInitialCaps;
    for (int i = 0; i < NUM_CAP_REGIONS; i++) {
        seL4_SlotRegion r = cap_region(bi, i);
        if (left < region_size(r)) {
            return r.start + left;
        }
        left -= region_size(r);
    }
    return seL4_CapNull;
}

void simple_default_print(void *data)
{
    debug_print_bootinfo(bootinfo(data));
}

/* The extra boot info: records {id, len} right after the boot info frame. */
static seL4_BootInfoHeader *find_extended(seL4_BootInfo *bi, seL4_Word type)
{
    uintptr_t base = (uintptr_t)bi + seL4_BootInfoFrameSize;
    seL4_Word offset = 0;
    while (offset + sizeof(seL4_BootInfoHeader) <= bi->extraLen) {
        seL4_BootInfoHeader *h = (seL4_BootInfoHeader *)(base + offset);
        if (h->id == type) {
            return h;
        }
        if (h->len == 0) {
            break;   /* malformed: would loop forever */
        }
        offset += h->len;
    }
    return NULL;
}

ssize_t simple_default_get_extended_bootinfo_size(void *data, seL4_Word type)
{
    seL4_BootInfoHeader *h = find_extended(bootinfo(data), type);
    return h ? (ssize_t)h->len : -1;
}

ssize_t simple_default_get_extended_bootinfo(void *data, seL4_Word type, void *dest, ssize_t max_len)
{
    seL4_BootInfoHeader *h = find_extended(bootinfo(data), type);
    if (!h || max_len < 0) {
        return -1;
    }
    ssize_t len = (ssize_t)h->len < max_len ? (ssize_t)h->len : max_len;
    memcpy(dest, h, (size_t)len);
    return len;
}

static seL4_Word simple_default_arch_info(void *data)
{
    struct {
        seL4_BootInfoHeader header;
        uint32_t mhz;
    } tsc;
    if (simple_default_get_extended_bootinfo(data, SEL4_BOOTINFO_HEADER_X86_TSC_FREQ, &tsc, sizeof(tsc)) <
        (ssize_t)sizeof(tsc.header) + (ssize_t)sizeof(tsc.mhz)) {
        return 0;
    }
    return tsc.mhz;
}

static seL4_Error simple_default_ASIDPool_assign(void *data, seL4_CPtr vspace)
{
    (void)data;
    return seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace);
}

static seL4_Error simple_default_get_irq(void *data, int irq, seL4_CNode root, seL4_Word index, uint8_t depth)
{
    (void)data;
    return seL4_IRQControl_Get(seL4_CapIRQControl, irq, root, index, depth);
}

static seL4_Error simple_default_get_ioapic(void *data, seL4_CNode root, seL4_Word index, uint8_t depth,
                                            seL4_Word ioapic, seL4_Word pin, seL4_Word level,
                                            seL4_Word polarity, seL4_Word vector)
{
    (void)data;
    return seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, root, index, depth, ioapic, pin, level, polarity,
                                     vector);
}

static seL4_Error simple_default_get_msi(void *data, seL4_CNode root, seL4_Word index, uint8_t depth,
                                         seL4_Word pci_bus, seL4_Word pci_dev, seL4_Word pci_func,
                                         seL4_Word handle, seL4_Word vector)
{
    (void)data;
    return seL4_IRQControl_GetMSI(seL4_CapIRQControl, root, index, depth, pci_bus, pci_dev, pci_func, handle,
                                  vector);
}

void simple_default_init_bootinfo(simple_t *simple, seL4_BootInfo *bi)
{
    memset(simple, 0, sizeof(*simple));
    simple->data = bi;
    simple->ASID_assign = simple_default_ASIDPool_assign;
    simple->cap_count = simple_default_cap_count;
    simple->nth_cap = simple_default_nth_cap;
    simple->init_cap = simple_default_init_cap;
    simple->cnode_size = simple_default_cnode_size;
    simple->untyped_count = simple_default_untyped_count;
    simple->nth_untyped = simple_default_nth_untyped;
    simple->userimage_count = simple_default_userimage_count;
    simple->nth_userimage = simple_default_nth_userimage;
    simple->core_count = simple_default_core_count;
    simple->print = simple_default_print;
    simple->arch_info = simple_default_arch_info;
    simple->extended_bootinfo_len = simple_default_get_extended_bootinfo_size;
    simple->extended_bootinfo = simple_default_get_extended_bootinfo;
    simple->arch_simple.data = bi;
    simple->arch_simple.irq = simple_default_get_irq;
    simple->arch_simple.ioapic = simple_default_get_ioapic;
    simple->arch_simple.msi = simple_default_get_msi;
}
