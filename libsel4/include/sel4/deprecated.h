/* Old names still used by some seL4 code. */
#pragma once

#include <sel4/macros.h>
#include <sel4/types.h>
#include <sel4/functions.h>
#include <sel4/faults.h>
#include <sel4/arch/deprecated.h>
#include <sel4/sel4_arch/deprecated.h>

#define SEL4_PFIPC_LABEL          seL4_Fault_VMFault
#define SEL4_PFIPC_LENGTH         seL4_VMFault_Length
#define SEL4_PFIPC_FAULT_IP       seL4_VMFault_IP
#define SEL4_PFIPC_FAULT_ADDR     seL4_VMFault_Addr
#define SEL4_PFIPC_PREFETCH_FAULT seL4_VMFault_PrefetchFault
#define SEL4_PFIPC_FSR            seL4_VMFault_FSR

#define SEL4_EXCEPT_IPC_LABEL      seL4_Fault_UnknownSyscall
#define SEL4_USER_EXCEPTION_LABEL  seL4_Fault_UserException
#define SEL4_USER_EXCEPTION_LENGTH seL4_UserException_Length

typedef seL4_CapRights_t seL4_CapRights SEL4_DEPRECATED("use seL4_CapRights_t");
typedef seL4_Fault_tag_t seL4_FaultType SEL4_DEPRECATED("use seL4_Fault_tag_t");

#define seL4_NoFault        seL4_Fault_NullFault
#define seL4_CapFault       seL4_Fault_CapFault
#define seL4_UnknownSyscall seL4_Fault_UnknownSyscall
#define seL4_UserException  seL4_Fault_UserException
#define seL4_VMFault        seL4_Fault_VMFault

static inline SEL4_DEPRECATED("removed") seL4_MessageInfo_t seL4_GetTag(void)
{
    return seL4_GetIPCBuffer()->tag;
}

static inline SEL4_DEPRECATED("removed") void seL4_SetTag(seL4_MessageInfo_t tag)
{
    seL4_GetIPCBuffer()->tag = tag;
}

typedef seL4_Word seL4_CapData_t SEL4_DEPRECATED("Badge and guard data are just seL4_Word type");

static inline SEL4_DEPRECATED("Badges do not need to be constructed")
seL4_Word seL4_CapData_Badge_new(seL4_Word badge)
{
    return badge;
}

static inline SEL4_DEPRECATED("Use seL4_CNode_CapData_new().words[0]")
seL4_Word seL4_CapData_Guard_new(seL4_Word guard, seL4_Word bits)
{
    return seL4_CNode_CapData_new(guard, bits).words[0];
}
