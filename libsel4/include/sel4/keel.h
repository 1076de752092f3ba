/* keel's extensions to the seL4 API. */
#pragma once

#include <sel4/types.h>
#include <sel4/syscalls.h>

/* Syscall number of keel_DebugExit (unused by seL4). */
#define keel_SysDebugExit (-40)

/* Reasons passed to keel_DebugExit in RDI. */
enum keel_exit_reason {
    KEEL_EXIT_MAIN_RETURNED = 0, /* the root task's main returned; status in RSI */
    KEEL_EXIT_ABORT = 1,         /* abort() was called */
};

/* End the run: the kernel reports the reason and status and stops the
 * machine (used by the C runtime when the root task's main returns or
 * abort() is called). Never returns. */
LIBSEL4_INLINE_FUNC __attribute__((noreturn)) void keel_DebugExit(seL4_Word reason, seL4_Word status)
{
    keel_sys_null_((seL4_Word)keel_SysDebugExit, reason, status);
    /* Not reached with a keel kernel; stay put on anything else. */
    for (;;) {
        seL4_DebugHalt();
    }
}
