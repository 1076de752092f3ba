/*
 * simple-default: a simple_t backed by the root task's seL4_BootInfo.
 *
 * simple_default_init_bootinfo fills every simple_t function from the boot
 * info `bi` (which must stay valid): the initial caps are the fixed slots
 * of seL4_RootCNodeCapSlots, the untypeds, image frames and paging caps
 * come from the boot info's slot regions, simple_print prints the boot info
 * with debug_print_bootinfo, and the x86 IRQ functions issue handler caps
 * from seL4_CapIRQControl. I/O port caps and frame lookups by physical
 * address are not provided.
 */
#pragma once

#include <sel4/sel4.h>
#include <simple/simple.h>

void simple_default_init_bootinfo(simple_t *simple, seL4_BootInfo *bi);

/* The functions simple_default_init_bootinfo installs, for reuse. */
seL4_CPtr simple_default_init_cap(void *data, seL4_CPtr cap);
uint8_t simple_default_cnode_size(void *data);
int simple_default_untyped_count(void *data);
seL4_CPtr simple_default_nth_untyped(void *data, int n, size_t *size_bits, uintptr_t *paddr, bool *device);
int simple_default_userimage_count(void *data);
seL4_CPtr simple_default_nth_userimage(void *data, int n);
int simple_default_core_count(void *data);
int simple_default_cap_count(void *data);
seL4_CPtr simple_default_nth_cap(void *data, int n);
void simple_default_print(void *data);
ssize_t simple_default_get_extended_bootinfo_size(void *data, seL4_Word type);
ssize_t simple_default_get_extended_bootinfo(void *data, seL4_Word type, void *dest, ssize_t max_len);
