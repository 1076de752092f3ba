/* sel4tutorials: thread naming and a bare-bones object allocator. */
#include <stdio.h>
#include <sel4/sel4.h>
#include <tutorials.h>

void name_thread(seL4_CPtr tcb, char *name)
{
#ifdef SEL4_DEBUG_KERNEL
    seL4_DebugNameThread(tcb, name);
#else
    (void)tcb;
    (void)name;
#endif
}

seL4_CPtr alloc_slot(seL4_BootInfo *info)
{
    if (info->empty.start >= info->empty.end) {
        printf("alloc_slot: no empty slots left\n");
        return seL4_CapNull;
    }
    return info->empty.start++;
}

seL4_CPtr alloc_object(seL4_BootInfo *info, seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = alloc_slot(info);
    if (slot == seL4_CapNull) {
        return seL4_CapNull;
    }
    /* The first RAM untyped that can hold the object; Retype fails on the others. */
    for (seL4_Word i = 0; i < info->untyped.end - info->untyped.start; i++) {
        if (info->untypedList[i].isDevice) {
            continue;
        }
        seL4_Error err = seL4_Untyped_Retype(info->untyped.start + i, type, size_bits,
                                             seL4_CapInitThreadCNode, 0, 0, slot, 1);
        if (err == seL4_NoError) {
            return slot;
        }
        if (err != seL4_NotEnoughMemory) {
            printf("alloc_object: retype failed with error %d\n", (int)err);
            break;
        }
    }
    info->empty.start--;   /* give the slot back */
    return seL4_CapNull;
}
