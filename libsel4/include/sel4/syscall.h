/* System call numbers (non-MCS, debug build, x86_64). The kernel receives
 * the number in RDX. seL4 numbers the list of sel4 syscalls in
 * api/syscall.xml downwards from -1, counting entries of options that are
 * off (SMP and benchmark debug calls), which is why SetTLSBase is -30. */
#pragma once

#include <autoconf.h>
#include <sel4/macros.h>

typedef enum {
    seL4_SysCall = -1,
    seL4_SysReplyRecv = -2,
    seL4_SysSend = -3,
    seL4_SysNBSend = -4,
    seL4_SysRecv = -5,
    seL4_SysReply = -6,
    seL4_SysYield = -7,
    seL4_SysNBRecv = -8,
    seL4_SysDebugPutChar = -9,
    seL4_SysDebugDumpScheduler = -10,
    seL4_SysDebugHalt = -11,
    seL4_SysDebugCapIdentify = -12,
    seL4_SysDebugSnapshot = -13,
    seL4_SysDebugNameThread = -14,
    seL4_SysSetTLSBase = -30,
    SEL4_FORCE_LONG_ENUM(seL4_Syscall_ID)
} seL4_Syscall_ID;
