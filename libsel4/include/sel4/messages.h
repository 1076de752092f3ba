/* Old umbrella header for message formats (fault layouts, mapping errors). */
#pragma once

#include <sel4/types.h>
#include <sel4/faults.h>
#include <sel4/arch/mapping.h>
