/* Architecture-independent constants of the seL4 API. */
#pragma once

#include <sel4/config.h>
#include <sel4/macros.h>

#ifndef __ASSEMBLER__

enum priorityConstants {
    seL4_InvalidPrio = -1,
    seL4_MinPrio = 0,
    seL4_MaxPrio = CONFIG_NUM_PRIORITIES - 1
};

/* seL4_MessageInfo_t is in sel4/shared_types_gen.h */
enum seL4_MsgLimits {
    seL4_MsgLengthBits = 7,
    seL4_MsgExtraCapBits = 2,
    seL4_MsgMaxLength = 120
};

#define seL4_MsgMaxExtraCaps (LIBSEL4_BIT(seL4_MsgExtraCapBits) - 1)

/* seL4_CapRights_t is in sel4/shared_types_gen.h */
#define seL4_CapRightsBits 4

/* Why a capability lookup failed (MR after the "was source" word of a
 * FailedLookup error, minus one; and seL4_CapFault_LookupFailureType). */
typedef enum {
    seL4_NoFailure = 0,
    seL4_InvalidRoot,
    seL4_MissingCapability,
    seL4_DepthMismatch,
    seL4_GuardMismatch,
    SEL4_FORCE_LONG_ENUM(seL4_LookupFailureType),
} seL4_LookupFailureType;

/* Flags for seL4_TCB_SetFlags. */
typedef enum {
    seL4_TCBFlag_NoFlag = 0x0,
#ifdef CONFIG_HAVE_FPU
    seL4_TCBFlag_fpuDisabled = 0x1,
#endif
    SEL4_FORCE_LONG_ENUM(seL4_TCBFlag),
    seL4_TCBFlag_MASK = seL4_TCBFlag_NoFlag
#ifdef CONFIG_HAVE_FPU
                        | seL4_TCBFlag_fpuDisabled
#endif
} seL4_TCBFlag;

#endif /* !__ASSEMBLER__ */
