/*
 * sel4tutorials: the small helpers every seL4 tutorial links with.
 *
 * name_thread gives a TCB a name for the kernel's diagnostics, but only in
 * a build that defines SEL4_DEBUG_KERNEL: like seL4's tutorial helper it
 * does nothing otherwise, which is why the tutorials' fault reports name
 * the threads "rootserver" and "child of: 'rootserver'".
 *
 * alloc_slot and alloc_object are the bare-bones allocator the tutorials
 * without allocman use: slots are taken from the boot info's empty region,
 * objects are retyped from the first RAM untyped with room.
 */
#pragma once

#include <sel4/sel4.h>

void name_thread(seL4_CPtr tcb, char *name);
seL4_CPtr alloc_slot(seL4_BootInfo *info);
seL4_CPtr alloc_object(seL4_BootInfo *info, seL4_Word type, seL4_Word size_bits);
