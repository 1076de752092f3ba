/* x86_64-specific object types (numbered after the generic ones). */
#pragma once

#include <sel4/config.h>
#include <sel4/objecttype.h>

typedef enum _mode_object {
    seL4_X86_PDPTObject = seL4_NonArchObjectTypeCount,
    seL4_X64_PML4Object,
    seL4_X64_HugePageObject,
    seL4_ModeObjectTypeCount
} seL4_seL4ArchObjectType;

/* seL4_X86_PDPTObject and seL4_IA32_PDPTObject are interchangeable. */
#define seL4_IA32_PDPTObject seL4_X86_PDPTObject
