/* x86 object types common to ia32 and x86_64 (numbered last). */
#pragma once

#include <autoconf.h>
#include <sel4/sel4_arch/objecttype.h>

typedef enum _object {
    seL4_X86_4K = seL4_ModeObjectTypeCount,
    seL4_X86_LargePageObject,
    seL4_X86_PageTableObject,
    seL4_X86_PageDirectoryObject,
    seL4_ObjectTypeCount
} seL4_ArchObjectType;

typedef seL4_Word object_t;

/* Not configured (no IOMMU, no VT-x): values the kernel will reject. */
#define seL4_X86_IOPageTableObject 0xffffff
#define seL4_X86_VCPUObject        0xfffffe
#define seL4_X86_EPTPML4Object     0xfffffd
#define seL4_X86_EPTPDPTObject     0xfffffc
#define seL4_X86_EPTPDObject       0xfffffb
#define seL4_X86_EPTPTObject       0xfffffa
