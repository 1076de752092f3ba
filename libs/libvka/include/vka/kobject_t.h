/*
 * vka: kobject_t, an architecture-neutral name for a kind of kernel object,
 * and the two questions every allocator asks about it: which seL4 object
 * type it is (kobject_get_type) and how many bits of untyped memory one
 * takes (kobject_get_size). `objectSize` matters for frames (page size
 * bits), CNodes (slot bits) and untypeds (size bits).
 */
#pragma once

#include <autoconf.h>
#include <sel4/sel4.h>
#include <utils/util.h>
#include <vka/arch/kobject_t.h>

enum _kobject_type {
    KOBJECT_TCB = KOBJECT_ARCH_NUM_TYPES,
    KOBJECT_CNODE,
    KOBJECT_CSLOT,
    KOBJECT_UNTYPED,
    KOBJECT_ENDPOINT,
    KOBJECT_NOTIFICATION,
    NUM_KOBJECT_TYPES
};

static inline seL4_Word kobject_get_size(kobject_t type, seL4_Word objectSize)
{
    switch (type) {
    case KOBJECT_TCB:
        return seL4_TCBBits;
    case KOBJECT_CNODE:
        return seL4_SlotBits + objectSize;
    case KOBJECT_CSLOT:
        return 0;
    case KOBJECT_UNTYPED:
        return objectSize;
    case KOBJECT_ENDPOINT:
        return seL4_EndpointBits;
    case KOBJECT_NOTIFICATION:
        return seL4_NotificationBits;
    case KOBJECT_PAGE_DIRECTORY:
        return seL4_PageDirBits;
    case KOBJECT_PAGE_TABLE:
        return seL4_PageTableBits;
    default:
        return arch_kobject_get_size(type, objectSize);
    }
}

static inline seL4_Word kobject_get_type(kobject_t type, seL4_Word objectSize)
{
    switch (type) {
    case KOBJECT_TCB:
        return seL4_TCBObject;
    case KOBJECT_CNODE:
        return seL4_CapTableObject;
    case KOBJECT_CSLOT:
        return -1;
    case KOBJECT_UNTYPED:
        return seL4_UntypedObject;
    case KOBJECT_ENDPOINT:
        return seL4_EndpointObject;
    case KOBJECT_NOTIFICATION:
        return seL4_NotificationObject;
    default:
        return arch_kobject_get_type(type, objectSize);
    }
}
