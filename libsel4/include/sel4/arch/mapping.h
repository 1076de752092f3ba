/* Which paging structure was missing when a Map invocation failed. */
#pragma once

#include <sel4/functions.h>
#include <sel4/sel4_arch/mapping.h>

/* Call right after a map invocation returned seL4_FailedLookup: one of
 * SEL4_MAPPING_LOOKUP_NO_PT / _NO_PD / _NO_PDPT. */
LIBSEL4_INLINE_FUNC seL4_Word seL4_MappingFailedLookupLevel(void)
{
    return seL4_GetMR(SEL4_MAPPING_LOOKUP_LEVEL);
}
