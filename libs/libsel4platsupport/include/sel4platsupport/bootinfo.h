/* sel4platsupport: where a root task finds its boot info. */
#pragma once

#include <sel4/sel4.h>

/*
 * The seL4_BootInfo the kernel gave the root task (saved by the C runtime
 * at start-up), or NULL, with an error logged, if there is none.
 */
seL4_BootInfo *platsupport_get_bootinfo(void);
