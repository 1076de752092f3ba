/* The kernel invariant checker (kernel/kernel/invariants.c).
 *
 * Built only with -DCONFIG_INVARIANTS, e.g.
 *     make BUILD=build-inv KERNEL_EXTRA_CFLAGS=-DCONFIG_INVARIANTS kernel
 * Every kernel entry calls check_invariants() after schedule() and
 * activateThread(), just before returning to user space. A violation prints
 * "INVARIANT VIOLATION: ..." and ends the run with INVARIANT_STATUS (QEMU
 * exits 2 * 104 + 1 = 209). -DCONFIG_INVARIANTS_PERIOD=n checks only every n-th
 * entry (default 1). Without CONFIG_INVARIANTS the call compiles to nothing.
 * See docs/hardening.md. */
#pragma once

#define INVARIANT_STATUS 104

#ifdef CONFIG_INVARIANTS
void check_invariants(void);
#else
static inline void check_invariants(void) {}
#endif
