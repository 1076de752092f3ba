/* x86 constants: interrupt vectors and VT-x object sizes. */
#pragma once

#include <autoconf.h>

/* MSI/IOAPIC vectors: a "vector" v given to IRQControl_GetIOAPIC/GetMSI is
 * delivered as CPU vector v + IRQ_OFFSET. */
#define IRQ_OFFSET (0x20 + 16)

/* Valid range of such vectors. */
#define VECTOR_MIN (0)
#define VECTOR_MAX (109)
#define MSI_MIN    VECTOR_MIN
#define MSI_MAX    VECTOR_MAX

#define seL4_VCPUBits        14
#define seL4_X86_VCPUBits    seL4_VCPUBits
#define seL4_X86_EPTPML4EntryBits 3
#define seL4_X86_EPTPML4IndexBits 9
#define seL4_X86_EPTPML4Bits (seL4_X86_EPTPML4EntryBits + seL4_X86_EPTPML4IndexBits)
#define seL4_X86_EPTPDPTEntryBits 3
#define seL4_X86_EPTPDPTIndexBits 9
#define seL4_X86_EPTPDPTBits (seL4_X86_EPTPDPTEntryBits + seL4_X86_EPTPDPTIndexBits)
#define seL4_X86_EPTPDEntryBits 3
#define seL4_X86_EPTPDIndexBits 9
#define seL4_X86_EPTPDBits   (seL4_X86_EPTPDEntryBits + seL4_X86_EPTPDIndexBits)
#define seL4_X86_EPTPTEntryBits 3
#define seL4_X86_EPTPTIndexBits 9
#define seL4_X86_EPTPTBits   (seL4_X86_EPTPTEntryBits + seL4_X86_EPTPTIndexBits)
