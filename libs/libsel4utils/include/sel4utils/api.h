/* sel4utils: small helpers over the seL4 API. */
#pragma once

#include <sel4/sel4.h>

/* cspace_root_data for a CNode cap whose guard (of value 0) skips `bits` bits of every CPtr. */
static inline seL4_Word api_make_guard_skip_word(seL4_Word bits)
{
    return seL4_CNode_CapData_new(0, bits).words[0];
}
