/* sel4debug: printing the boot info and identifying caps. */
#include <stdio.h>
#include <utils/util.h>
#include <sel4debug/debug.h>

static void print_region(const char *name, seL4_SlotRegion r)
{
    printf("%s[%lu --> %lu)\n", name, (unsigned long)r.start, (unsigned long)r.end);
}

void debug_print_bootinfo(seL4_BootInfo *info)
{
    printf("Node %lu of %lu\n", (unsigned long)info->nodeID, (unsigned long)info->numNodes);
    /* seL4 stores -1 when there is no IOMMU; printed as an unsigned int. */
    printf("IOPT levels:     %u\n", (unsigned int)info->numIOPTLevels);
    printf("IPC buffer:      %p\n", (void *)info->ipcBuffer);
    print_region("Empty slots:     ", info->empty);
    print_region("sharedFrames:    ", info->sharedFrames);
    print_region("userImageFrames: ", info->userImageFrames);
    print_region("userImagePaging: ", info->userImagePaging);
    print_region("untypeds:        ", info->untyped);
    printf("Initial thread domain: %u\n", (unsigned int)info->initThreadDomain);
    printf("Initial thread cnode size: %u\n", (unsigned int)info->initThreadCNodeSizeBits);
    printf("List of untypeds\n");
    printf("------------------\n");
    printf("Paddr    | Size   | Device\n");

    int sizes[CONFIG_WORD_SIZE] = { 0 };
    seL4_Word n = info->untyped.end - info->untyped.start;
    for (seL4_Word i = 0; i < n && i < CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS; i++) {
        const seL4_UntypedDesc *ut = &info->untypedList[i];
        if (ut->sizeBits < ARRAY_SIZE(sizes)) {
            sizes[ut->sizeBits]++;
        }
        /* %#lx: "0" for address 0, "0x..." otherwise, as seL4's libraries print it. */
        printf("%#lx | %u | %u\n", (unsigned long)ut->paddr, (unsigned int)ut->sizeBits,
               (unsigned int)ut->isDevice);
    }
    printf("Untyped summary\n");
    for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
        if (sizes[i] != 0) {
            printf("%d untypeds of size %u\n", sizes[i], i);
        }
    }
}

/* seL4's x86_64 cap type tags (seL4_DebugCapIdentify), by value. */
static const char *const cap_type_names[] = {
    [0] = "null", [1] = "frame", [2] = "untyped", [3] = "page table", [4] = "endpoint",
    [5] = "page directory", [6] = "notification", [7] = "PDPT", [8] = "reply", [9] = "PML4",
    [10] = "CNode", [11] = "ASID control", [12] = "thread", [13] = "ASID pool", [14] = "IRQ control",
    [15] = "IO space", [16] = "IRQ handler", [17] = "IO page table", [18] = "zombie", [19] = "IO port",
    [20] = "domain", [31] = "IO port control",
};

void debug_cap_identify(seL4_CPtr cap)
{
#ifdef CONFIG_DEBUG_BUILD
    seL4_Uint32 type = seL4_DebugCapIdentify(cap);
    const char *name = type < ARRAY_SIZE(cap_type_names) ? cap_type_names[type] : NULL;
    printf("Cap %lu has type %u (%s)\n", (unsigned long)cap, (unsigned int)type, name ? name : "unknown");
#else
    (void)cap;
#endif
}
