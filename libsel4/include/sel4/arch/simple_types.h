/* x86: how the fixed-size seL4 integer types map onto C types. */
#pragma once

#include <sel4/sel4_arch/simple_types.h>
