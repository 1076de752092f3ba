/* sel4runtime's size type (as upstream, for code that names it). */
#pragma once

#include <stddef.h>

typedef size_t sel4runtime_size_t;
