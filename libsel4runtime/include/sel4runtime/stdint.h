/* sel4runtime's fixed-width types (as upstream, for code that names them). */
#pragma once

#include <stdint.h>

typedef uintptr_t sel4runtime_uintptr_t;
typedef uint64_t sel4runtime_uint64_t;
typedef uint32_t sel4runtime_uint32_t;
typedef uint16_t sel4runtime_uint16_t;
typedef uint8_t sel4runtime_uint8_t;
typedef int64_t sel4runtime_int64_t;
typedef int32_t sel4runtime_int32_t;
