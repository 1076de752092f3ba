/* Types shared between libsel4 and the kernel: the IPC buffer, the cap
 * fault message layout and the usual rights values. */
#pragma once

#include <sel4/simple_types.h>
#include <sel4/constants.h>
#include <sel4/shared_types_gen.h>

/* The per-thread IPC buffer (1 KiB, 1 KiB aligned). The kernel reads and
 * writes it directly; MR0..3 travel in registers and are copied in and out
 * of msg[0..3] by the syscall stubs. */
typedef struct seL4_IPCBuffer_ {
    seL4_MessageInfo_t tag;                             /* @0 */
    seL4_Register msg[seL4_MsgMaxLength];               /* @8: message registers */
    seL4_Register userData;                             /* @968: free for user level */
    seL4_Register caps_or_badges[seL4_MsgMaxExtraCaps]; /* @976: extra caps out, badges in */
    seL4_Register receiveCNode;                         /* @1000: where a received cap goes */
    seL4_Register receiveIndex;                         /* @1008 */
    seL4_Register receiveDepth;                         /* @1016 */
} seL4_IPCBuffer __attribute__((__aligned__(sizeof(struct seL4_IPCBuffer_))));

SEL4_COMPILE_ASSERT(seL4_IPCBuffer_is_1KiB, sizeof(seL4_IPCBuffer) == 1024)

/* Message-register layout of a cap fault message (label seL4_Fault_CapFault).
 * Words from BitsLeft on depend on LookupFailureType. */
typedef enum {
    seL4_CapFault_IP,
    seL4_CapFault_Addr,
    seL4_CapFault_InRecvPhase,
    seL4_CapFault_LookupFailureType,
    seL4_CapFault_BitsLeft,
    seL4_CapFault_DepthMismatch_BitsFound,
    seL4_CapFault_GuardMismatch_GuardFound = seL4_CapFault_DepthMismatch_BitsFound,
    seL4_CapFault_GuardMismatch_BitsFound,
    SEL4_FORCE_LONG_ENUM(seL4_CapFault_Msg),
} seL4_CapFault_Msg;

/* Rights: seL4_CapRights_new(grantReply, grant, read, write). */
#define seL4_ReadWrite     seL4_CapRights_new(0, 0, 1, 1)
#define seL4_AllRights     seL4_CapRights_new(1, 1, 1, 1)
#define seL4_CanRead       seL4_CapRights_new(0, 0, 1, 0)
#define seL4_CanWrite      seL4_CapRights_new(0, 0, 0, 1)
#define seL4_CanGrant      seL4_CapRights_new(0, 1, 0, 0)
#define seL4_CanGrantReply seL4_CapRights_new(1, 0, 0, 0)
#define seL4_NoWrite       seL4_CapRights_new(1, 1, 1, 0)
#define seL4_NoRead        seL4_CapRights_new(1, 1, 0, 1)
#define seL4_NoRights      seL4_CapRights_new(0, 0, 0, 0)
