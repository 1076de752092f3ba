/* sel4runtime configuration (fixed for keel; upstream generates this file). */
#pragma once

/* Bytes of the static TLS region of the root task's initial thread. */
#define CONFIG_SEL4RUNTIME_STATIC_TLS 16384
/* Bytes of the root task's initial stack. */
#define CONFIG_SEL4RUNTIME_ROOT_STACK 16384
