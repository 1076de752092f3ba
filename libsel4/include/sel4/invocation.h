/* Invocation labels, architecture-independent part. A client stub puts
 * the label of the operation in the MessageInfo it sends to an object cap.
 * The values must match the kernel's (kernel/include/sel4_abi.h). */
#pragma once

enum invocation_label {
    InvalidInvocation,          /*  0 */
    UntypedRetype,              /*  1 */
    TCBReadRegisters,           /*  2 */
    TCBWriteRegisters,          /*  3 */
    TCBCopyRegisters,           /*  4 */
    TCBConfigure,               /*  5 */
    TCBSetPriority,             /*  6 */
    TCBSetMCPriority,           /*  7 */
    TCBSetSchedParams,          /*  8 */
    TCBSetIPCBuffer,            /*  9 */
    TCBSetSpace,                /* 10 */
    TCBSuspend,                 /* 11 */
    TCBResume,                  /* 12 */
    TCBBindNotification,        /* 13 */
    TCBUnbindNotification,      /* 14 */
    TCBSetTLSBase,              /* 15 */
    TCBSetFlags,                /* 16 */
    CNodeRevoke,                /* 17 */
    CNodeDelete,                /* 18 */
    CNodeCancelBadgedSends,     /* 19 */
    CNodeCopy,                  /* 20 */
    CNodeMint,                  /* 21 */
    CNodeMove,                  /* 22 */
    CNodeMutate,                /* 23 */
    CNodeRotate,                /* 24 */
    CNodeSaveCaller,            /* 25 */
    IRQIssueIRQHandler,         /* 26 */
    IRQAckIRQ,                  /* 27 */
    IRQSetIRQHandler,           /* 28 */
    IRQClearIRQHandler,         /* 29 */
    DomainSetSet,               /* 30 */
    DomainScheduleConfigure,    /* 31 */
    DomainScheduleSetStart,     /* 32 */
    nInvocationLabels           /* 33 */
};
