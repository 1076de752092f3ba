/* Access to the root task's boot info. The C runtime calls
 * seL4_InitBootInfo with the pointer the kernel passed in RDI. */
#pragma once

#include <sel4/types.h>
#include <sel4/bootinfo_types.h>
#include <sel4/arch/bootinfo_types.h>

/* Record the boot info (and, if no IPC buffer is set yet for this thread,
 * use bi->ipcBuffer as the IPC buffer). */
void seL4_InitBootInfo(seL4_BootInfo *bi);

/* The boot info recorded by seL4_InitBootInfo, or NULL. */
seL4_BootInfo *seL4_GetBootInfo(void);
