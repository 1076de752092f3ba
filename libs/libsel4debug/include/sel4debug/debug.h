/* sel4debug: small debugging helpers for seL4 programs. */
#pragma once

#include <autoconf.h>
#include <sel4/sel4.h>

/* Print the type of the cap in `cap` (as seL4_DebugCapIdentify reports it). */
void debug_cap_identify(seL4_CPtr cap);

/* Whether `cap` names a slot holding a cap (debug kernels only; else 0). */
static inline int debug_cap_is_valid(seL4_CPtr cap)
{
#ifdef CONFIG_DEBUG_BUILD
    return seL4_DebugCapIdentify(cap) != 0;
#else
    (void)cap;
    return 0;
#endif
}

/* Whether `cap` is an endpoint cap (seL4's x86_64 cap type tag 4). */
static inline int debug_cap_is_endpoint(seL4_CPtr cap)
{
#ifdef CONFIG_DEBUG_BUILD
    return seL4_DebugCapIdentify(cap) == 4;
#else
    (void)cap;
    return 0;
#endif
}

/* Whether `cap` is a notification cap (tag 6). */
static inline int debug_cap_is_notification(seL4_CPtr cap)
{
#ifdef CONFIG_DEBUG_BUILD
    return seL4_DebugCapIdentify(cap) == 6;
#else
    (void)cap;
    return 0;
#endif
}

/*
 * Print the boot info the way seL4's libraries do: node, IOPT levels, IPC
 * buffer, the slot regions, domain and CNode size, then one line
 * "<paddr> | <size bits> | <device>" per untyped and a count per size.
 */
void debug_print_bootinfo(seL4_BootInfo *info);
