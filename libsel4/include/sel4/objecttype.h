/* Kernel object types that Untyped_Retype creates, architecture-independent
 * part (non-MCS). The x86_64 and x86 types follow in
 * sel4/sel4_arch/objecttype.h and sel4/arch/objecttype.h. */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>

typedef enum api_object {
    seL4_UntypedObject,
    seL4_TCBObject,
    seL4_EndpointObject,
    seL4_NotificationObject,
    seL4_CapTableObject,
    seL4_NonArchObjectTypeCount,
} seL4_ObjectType;

typedef seL4_Word api_object_t;
