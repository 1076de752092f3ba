/* The numbers of seL4's user ABI that the kernel decodes: errors, object
 * types, syscalls, invocation labels, message limits. They must agree with
 * libsel4 (tests/host checks that they do). */
#pragma once

enum seL4_Error {
    seL4_NoError = 0, seL4_InvalidArgument, seL4_InvalidCapability, seL4_IllegalOperation,
    seL4_RangeError, seL4_AlignmentError, seL4_FailedLookup, seL4_TruncatedMessage,
    seL4_DeleteFirst, seL4_RevokeFirst, seL4_NotEnoughMemory,
};

enum seL4_ObjectType {
    seL4_UntypedObject = 0, seL4_TCBObject, seL4_EndpointObject, seL4_NotificationObject,
    seL4_CapTableObject, seL4_X86_PDPTObject, seL4_X64_PML4Object, seL4_X64_HugePageObject,
    seL4_X86_4K, seL4_X86_LargePageObject, seL4_X86_PageTableObject, seL4_X86_PageDirectoryObject,
    seL4_ObjectTypeCount,
};
#define seL4_NonArchObjectTypeCount 5

enum seL4_Syscall {
    SysCall = -1, SysReplyRecv = -2, SysSend = -3, SysNBSend = -4, SysRecv = -5,
    SysReply = -6, SysYield = -7, SysNBRecv = -8,
    SysDebugPutChar = -9, SysDebugDumpScheduler = -10, SysDebugHalt = -11,
    SysDebugCapIdentify = -12, SysDebugSnapshot = -13, SysDebugNameThread = -14,
    SysSetTLSBase = -30,
    SysKeelDebugExit = -40,   /* keel: the root task ends the run (runtime exit/abort) */
};
enum { KEEL_EXIT_MAIN_RETURNED = 0, KEEL_EXIT_ABORT = 1 };

enum invocation_label {
    InvalidInvocation = 0, UntypedRetype, TCBReadRegisters, TCBWriteRegisters, TCBCopyRegisters,
    TCBConfigure, TCBSetPriority, TCBSetMCPriority, TCBSetSchedParams, TCBSetIPCBuffer,
    TCBSetSpace, TCBSuspend, TCBResume, TCBBindNotification, TCBUnbindNotification,
    TCBSetTLSBase, TCBSetFlags, CNodeRevoke, CNodeDelete, CNodeCancelBadgedSends, CNodeCopy,
    CNodeMint, CNodeMove, CNodeMutate, CNodeRotate, CNodeSaveCaller, IRQIssueIRQHandler,
    IRQAckIRQ, IRQSetIRQHandler, IRQClearIRQHandler, DomainSetSet, DomainScheduleConfigure,
    DomainScheduleSetStart,
    nInvocationLabels,
    X86PDPTMap = nInvocationLabels, X86PDPTUnmap, X86PageDirectoryMap, X86PageDirectoryUnmap,
    X86PageTableMap, X86PageTableUnmap, X86PageMap, X86PageUnmap, X86PageGetAddress,
    X86ASIDControlMakePool, X86ASIDPoolAssign, X86IOPortControlIssue, X86IOPortIn8,
    X86IOPortIn16, X86IOPortIn32, X86IOPortOut8, X86IOPortOut16, X86IOPortOut32,
    X86IRQIssueIRQHandlerIOAPIC, X86IRQIssueIRQHandlerMSI,
    nArchInvocationLabels,
};

#define seL4_MsgMaxLength        120
#define seL4_MsgMaxExtraCaps     3
#define seL4_MsgLengthBits       7
#define seL4_MsgExtraCapBits     2
#define seL4_FastMessageRegisters 4
#define seL4_GuardSizeBits       6
#define seL4_WordBits            64
#define seL4_MinPrio             0
#define seL4_MaxPrio             255
#define seL4_UserTop             0x00007ffffffff000ul
#define seL4_NumASIDPoolsBits    3
#define seL4_ASIDPoolIndexBits   9
#define seL4_MaxUntypedBits      47
#define seL4_MinUntypedBits      4
#define seL4_UntypedRetypeMaxObjects 256
#define seL4_RootCNodeSizeBits   16

/* seL4_IPCBuffer word offsets */
#define IPCBUF_TAG        0
#define IPCBUF_MSG        1
#define IPCBUF_USERDATA   121
#define IPCBUF_CAPS       122
#define IPCBUF_RECV_CNODE 125
#define IPCBUF_RECV_INDEX 126
#define IPCBUF_RECV_DEPTH 127

/* seL4_MessageInfo: length 0-6, extraCaps 7-8, capsUnwrapped 9-11, label 12-63 */
static inline word_t mi_length(word_t mi)         { return mi & 0x7f; }
static inline word_t mi_extra_caps(word_t mi)     { return (mi >> 7) & 3; }
static inline word_t mi_caps_unwrapped(word_t mi) { return (mi >> 9) & 7; }
static inline word_t mi_label(word_t mi)          { return mi >> 12; }
static inline word_t mi_new(word_t label, word_t unwrapped, word_t extra, word_t length)
{ return (label << 12) | ((unwrapped & 7) << 9) | ((extra & 3) << 7) | (length & 0x7f); }

/* seL4_CapRights: write 0, read 1, grant 2, grantReply 3 */
#define RIGHT_WRITE       BIT(0)
#define RIGHT_READ        BIT(1)
#define RIGHT_GRANT       BIT(2)
#define RIGHT_GRANT_REPLY BIT(3)
#define ALL_RIGHTS        0xful

/* seL4's x86 VM rights in frame caps */
enum { VMKernelOnly = 1, VMReadOnly = 2, VMReadWrite = 3 };

/* Boot info layout constants */
#define MAX_BOOTINFO_UNTYPED_CAPS 230
enum {
    seL4_CapNull = 0, seL4_CapInitThreadTCB, seL4_CapInitThreadCNode, seL4_CapInitThreadVSpace,
    seL4_CapIRQControl, seL4_CapASIDControl, seL4_CapInitThreadASIDPool, seL4_CapIOPortControl,
    seL4_CapIOSpace, seL4_CapBootInfoFrame, seL4_CapInitThreadIPCBuffer, seL4_CapDomain,
    seL4_CapSMMUSIDControl, seL4_CapSMMUCBControl, seL4_CapInitThreadSC, seL4_CapSMC,
    seL4_NumInitialCaps,
};
