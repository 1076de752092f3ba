/* Host checks of libsel4's numbers and layouts against seL4's (x86_64,
 * non-MCS, debug): bit-field words, struct layouts, syscall numbers,
 * invocation labels, error codes, object types, constants. */
#include <stddef.h>
#include <sel4/sel4.h>
#include "check.h"

/* libsel4 wants a definition of the IPC buffer pointer (from libsel4/src). */
__thread seL4_IPCBuffer *__sel4_ipc_buffer;

#define CHECK_VAL(sym, want) CHECK_EQ(#sym, (sym), (want))
#define CHECK_OFF(type, field, want) CHECK_EQ("offsetof(" #type ", " #field ")", offsetof(type, field), (want))
#define CHECK_SIZE(type, want) CHECK_EQ("sizeof(" #type ")", sizeof(type), (want))

static void message_info(void)
{
    seL4_MessageInfo_t m = seL4_MessageInfo_new(0x1234, 1, 2, 3);
    CHECK_EQ("MessageInfo_new(0x1234,1,2,3)", m.words[0], 0x1234303);
    CHECK_EQ("MessageInfo_new(0,0,0,1)", seL4_MessageInfo_new(0, 0, 0, 1).words[0], 1);
    CHECK_EQ("MessageInfo get label", seL4_MessageInfo_get_label(m), 0x1234);
    CHECK_EQ("MessageInfo get capsUnwrapped", seL4_MessageInfo_get_capsUnwrapped(m), 1);
    CHECK_EQ("MessageInfo get extraCaps", seL4_MessageInfo_get_extraCaps(m), 2);
    CHECK_EQ("MessageInfo get length", seL4_MessageInfo_get_length(m), 3);

    seL4_MessageInfo_t max = seL4_MessageInfo_new(0xfffffffffffffull, 7, 3, 127);
    CHECK_EQ("MessageInfo all fields max", max.words[0], ~0ull);
    CHECK_EQ("MessageInfo max label", seL4_MessageInfo_get_label(max), 0xfffffffffffffull);
    CHECK_EQ("MessageInfo max capsUnwrapped", seL4_MessageInfo_get_capsUnwrapped(max), 7);
    CHECK_EQ("MessageInfo max extraCaps", seL4_MessageInfo_get_extraCaps(max), 3);
    CHECK_EQ("MessageInfo max length", seL4_MessageInfo_get_length(max), 127);
    CHECK_EQ("MessageInfo length field is bits 0-6", seL4_MessageInfo_new(0, 0, 0, 127).words[0], 0x7f);
    CHECK_EQ("MessageInfo extraCaps field is bits 7-8", seL4_MessageInfo_new(0, 0, 3, 0).words[0], 0x180);
    CHECK_EQ("MessageInfo capsUnwrapped field is bits 9-11", seL4_MessageInfo_new(0, 7, 0, 0).words[0], 0xe00);
    CHECK_EQ("MessageInfo label field is bits 12-63", seL4_MessageInfo_new(1, 0, 0, 0).words[0], 0x1000);
    CHECK_EQ("MessageInfo new masks oversized length", seL4_MessageInfo_new(0, 0, 0, 0x80).words[0], 0);

    /* set_* returns a new value and leaves other fields alone */
    seL4_MessageInfo_t s = seL4_MessageInfo_set_label(m, 0x42);
    CHECK_EQ("MessageInfo set label", s.words[0], 0x42303);
    s = seL4_MessageInfo_set_length(s, 120);
    CHECK_EQ("MessageInfo set length", seL4_MessageInfo_get_length(s), 120);
    CHECK_EQ("MessageInfo set length keeps label", seL4_MessageInfo_get_label(s), 0x42);
    s = seL4_MessageInfo_set_extraCaps(s, 0);
    CHECK_EQ("MessageInfo set extraCaps", seL4_MessageInfo_get_extraCaps(s), 0);
    s = seL4_MessageInfo_set_capsUnwrapped(s, 5);
    CHECK_EQ("MessageInfo set capsUnwrapped", seL4_MessageInfo_get_capsUnwrapped(s), 5);
    CHECK_EQ("MessageInfo set keeps others", s.words[0], 0x42a78);

    seL4_MessageInfo_t p = seL4_MessageInfo_new(0, 0, 0, 0);
    seL4_MessageInfo_ptr_set_label(&p, 7);
    seL4_MessageInfo_ptr_set_length(&p, 2);
    CHECK_EQ("MessageInfo ptr_set", p.words[0], 0x7002);
    CHECK_EQ("MessageInfo ptr_get label", seL4_MessageInfo_ptr_get_label(&p), 7);
    CHECK_EQ("MessageInfo ptr_get length", seL4_MessageInfo_ptr_get_length(&p), 2);
    CHECK_SIZE(seL4_MessageInfo_t, 8);
}

static void cap_rights(void)
{
    CHECK_EQ("seL4_AllRights", seL4_AllRights.words[0], 0xf);
    CHECK_EQ("seL4_CanRead", seL4_CanRead.words[0], 2);
    CHECK_EQ("seL4_CanWrite", seL4_CanWrite.words[0], 1);
    CHECK_EQ("seL4_CanGrant", seL4_CanGrant.words[0], 4);
    CHECK_EQ("seL4_CanGrantReply", seL4_CanGrantReply.words[0], 8);
    CHECK_EQ("seL4_ReadWrite", seL4_ReadWrite.words[0], 3);
    CHECK_EQ("seL4_NoWrite", seL4_NoWrite.words[0], 0xe);
    CHECK_EQ("seL4_NoRead", seL4_NoRead.words[0], 0xd);
    CHECK_EQ("seL4_NoRights", seL4_NoRights.words[0], 0);
    CHECK_EQ("CapRights_new(1,0,0,0)", seL4_CapRights_new(1, 0, 0, 0).words[0], 8);
    CHECK_EQ("CapRights_new(0,1,0,0)", seL4_CapRights_new(0, 1, 0, 0).words[0], 4);
    CHECK_EQ("CapRights_new(0,0,1,0)", seL4_CapRights_new(0, 0, 1, 0).words[0], 2);
    CHECK_EQ("CapRights_new(0,0,0,1)", seL4_CapRights_new(0, 0, 0, 1).words[0], 1);
    seL4_CapRights_t r = seL4_CapRights_new(1, 0, 1, 0);
    CHECK_EQ("CapRights get capAllowGrantReply", seL4_CapRights_get_capAllowGrantReply(r), 1);
    CHECK_EQ("CapRights get capAllowGrant", seL4_CapRights_get_capAllowGrant(r), 0);
    CHECK_EQ("CapRights get capAllowRead", seL4_CapRights_get_capAllowRead(r), 1);
    CHECK_EQ("CapRights get capAllowWrite", seL4_CapRights_get_capAllowWrite(r), 0);
    r = seL4_CapRights_set_capAllowWrite(r, 1);
    CHECK_EQ("CapRights set capAllowWrite", r.words[0], 0xb);
    CHECK_SIZE(seL4_CapRights_t, 8);
    CHECK_VAL(seL4_CapRightsBits, 4);
}

static void cnode_capdata(void)
{
    seL4_CNode_CapData_t d = seL4_CNode_CapData_new(0, 48);
    CHECK_EQ("CNode_CapData_new(0,48)", d.words[0], 48);
    d = seL4_CNode_CapData_new(5, 3);
    CHECK_EQ("CNode_CapData_new(5,3)", d.words[0], (5 << 6) | 3);
    CHECK_EQ("CNode_CapData get guard", seL4_CNode_CapData_get_guard(d), 5);
    CHECK_EQ("CNode_CapData get guardSize", seL4_CNode_CapData_get_guardSize(d), 3);
    d = seL4_CNode_CapData_new((1ull << 58) - 1, 63);
    CHECK_EQ("CNode_CapData max", d.words[0], ~0ull);
    d = seL4_CNode_CapData_set_guardSize(d, 0);
    CHECK_EQ("CNode_CapData set guardSize", d.words[0], ~0ull << 6);
    seL4_CNode_CapData_ptr_set_guard(&d, 1);
    CHECK_EQ("CNode_CapData ptr_set guard", d.words[0], 1 << 6);
}

static void ipc_buffer_layout(void)
{
    CHECK_SIZE(seL4_IPCBuffer, 1024);
    CHECK_EQ("alignof(seL4_IPCBuffer)", _Alignof(seL4_IPCBuffer), 1024);
    CHECK_OFF(seL4_IPCBuffer, tag, 0);
    CHECK_OFF(seL4_IPCBuffer, msg, 8);
    CHECK_OFF(seL4_IPCBuffer, userData, 968);
    CHECK_OFF(seL4_IPCBuffer, caps_or_badges, 976);
    CHECK_OFF(seL4_IPCBuffer, receiveCNode, 1000);
    CHECK_OFF(seL4_IPCBuffer, receiveIndex, 1008);
    CHECK_OFF(seL4_IPCBuffer, receiveDepth, 1016);
    CHECK_EQ("IPC buffer msg has seL4_MsgMaxLength words",
             sizeof(((seL4_IPCBuffer *)0)->msg) / sizeof(seL4_Word), 120);
    CHECK_EQ("IPC buffer has 3 caps_or_badges",
             sizeof(((seL4_IPCBuffer *)0)->caps_or_badges) / sizeof(seL4_Word), 3);
}

static void bootinfo_layout(void)
{
    CHECK_SIZE(seL4_BootInfo, 3848);
    CHECK_OFF(seL4_BootInfo, extraLen, 0);
    CHECK_OFF(seL4_BootInfo, nodeID, 8);
    CHECK_OFF(seL4_BootInfo, numNodes, 16);
    CHECK_OFF(seL4_BootInfo, numIOPTLevels, 24);
    CHECK_OFF(seL4_BootInfo, ipcBuffer, 32);
    CHECK_OFF(seL4_BootInfo, empty, 40);
    CHECK_OFF(seL4_BootInfo, sharedFrames, 56);
    CHECK_OFF(seL4_BootInfo, userImageFrames, 72);
    CHECK_OFF(seL4_BootInfo, userImagePaging, 88);
    CHECK_OFF(seL4_BootInfo, ioSpaceCaps, 104);
    CHECK_OFF(seL4_BootInfo, extraBIPages, 120);
    CHECK_OFF(seL4_BootInfo, initThreadCNodeSizeBits, 136);
    CHECK_OFF(seL4_BootInfo, initThreadDomain, 144);
    CHECK_OFF(seL4_BootInfo, untyped, 152);
    CHECK_OFF(seL4_BootInfo, untypedList, 168);
    CHECK_EQ("untypedList has 230 entries",
             sizeof(((seL4_BootInfo *)0)->untypedList) / sizeof(seL4_UntypedDesc), 230);
    CHECK_SIZE(seL4_SlotRegion, 16);
    CHECK_OFF(seL4_SlotRegion, start, 0);
    CHECK_OFF(seL4_SlotRegion, end, 8);
    CHECK_SIZE(seL4_UntypedDesc, 16);
    CHECK_OFF(seL4_UntypedDesc, paddr, 0);
    CHECK_OFF(seL4_UntypedDesc, sizeBits, 8);
    CHECK_OFF(seL4_UntypedDesc, isDevice, 9);
    CHECK_SIZE(seL4_BootInfoHeader, 16);
    CHECK_VAL(seL4_BootInfoFrameBits, 12);
    CHECK_VAL(seL4_BootInfoFrameSize, 4096);
    CHECK_VAL(SEL4_BOOTINFO_HEADER_PADDING, 0);
    CHECK_VAL(SEL4_BOOTINFO_HEADER_X86_VBE, 1);
    CHECK_VAL(SEL4_BOOTINFO_HEADER_X86_MBMMAP, 2);
    CHECK_VAL(SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP, 3);
    CHECK_VAL(SEL4_BOOTINFO_HEADER_X86_FRAMEBUFFER, 4);
    CHECK_VAL(SEL4_BOOTINFO_HEADER_X86_TSC_FREQ, 5);
    CHECK_VAL(SEL4_BOOTINFO_HEADER_FDT, 6);
    CHECK_SIZE(seL4_X86_mb_mmap_t, 24);

    CHECK_VAL(seL4_CapNull, 0);
    CHECK_VAL(seL4_CapInitThreadTCB, 1);
    CHECK_VAL(seL4_CapInitThreadCNode, 2);
    CHECK_VAL(seL4_CapInitThreadVSpace, 3);
    CHECK_VAL(seL4_CapInitThreadPD, 3);
    CHECK_VAL(seL4_CapIRQControl, 4);
    CHECK_VAL(seL4_CapASIDControl, 5);
    CHECK_VAL(seL4_CapInitThreadASIDPool, 6);
    CHECK_VAL(seL4_CapIOPortControl, 7);
    CHECK_VAL(seL4_CapIOSpace, 8);
    CHECK_VAL(seL4_CapBootInfoFrame, 9);
    CHECK_VAL(seL4_CapInitThreadIPCBuffer, 10);
    CHECK_VAL(seL4_CapDomain, 11);
    CHECK_VAL(seL4_CapSMMUSIDControl, 12);
    CHECK_VAL(seL4_CapSMMUCBControl, 13);
    CHECK_VAL(seL4_CapInitThreadSC, 14);
    CHECK_VAL(seL4_CapSMC, 15);
    CHECK_VAL(seL4_NumInitialCaps, 16);
}

static void user_context_layout(void)
{
    CHECK_SIZE(seL4_UserContext, 160);
    CHECK_OFF(seL4_UserContext, rip, 0);
    CHECK_OFF(seL4_UserContext, rsp, 8);
    CHECK_OFF(seL4_UserContext, rflags, 16);
    CHECK_OFF(seL4_UserContext, rax, 24);
    CHECK_OFF(seL4_UserContext, rbx, 32);
    CHECK_OFF(seL4_UserContext, rcx, 40);
    CHECK_OFF(seL4_UserContext, rdx, 48);
    CHECK_OFF(seL4_UserContext, rsi, 56);
    CHECK_OFF(seL4_UserContext, rdi, 64);
    CHECK_OFF(seL4_UserContext, rbp, 72);
    CHECK_OFF(seL4_UserContext, r8, 80);
    CHECK_OFF(seL4_UserContext, r15, 136);
    CHECK_OFF(seL4_UserContext, fs_base, 144);
    CHECK_OFF(seL4_UserContext, gs_base, 152);
}

static void simple_types(void)
{
    CHECK_SIZE(seL4_Word, 8);
    CHECK_SIZE(seL4_CPtr, 8);
    CHECK_SIZE(seL4_Uint8, 1);
    CHECK_SIZE(seL4_Uint16, 2);
    CHECK_SIZE(seL4_Uint32, 4);
    CHECK_SIZE(seL4_Uint64, 8);
    CHECK_SIZE(seL4_Int8, 1);
    CHECK_SIZE(seL4_Int64, 8);
    CHECK_SIZE(seL4_Bool, 1);
    CHECK("seL4_Word is unsigned", (seL4_Word)-1 > 0);
    CHECK("seL4_Int64 is signed", (seL4_Int64)-1 < 0);
    /* enums are forced to the size of a long, as the kernel ABI expects */
    CHECK_SIZE(seL4_Syscall_ID, 8);
    CHECK_SIZE(seL4_X86_VMAttributes, 8);
    CHECK_SIZE(seL4_LookupFailureType, 8);
}

static void syscall_numbers(void)
{
    CHECK_VAL(seL4_SysCall, -1);
    CHECK_VAL(seL4_SysReplyRecv, -2);
    CHECK_VAL(seL4_SysSend, -3);
    CHECK_VAL(seL4_SysNBSend, -4);
    CHECK_VAL(seL4_SysRecv, -5);
    CHECK_VAL(seL4_SysReply, -6);
    CHECK_VAL(seL4_SysYield, -7);
    CHECK_VAL(seL4_SysNBRecv, -8);
    CHECK_VAL(seL4_SysDebugPutChar, -9);
    CHECK_VAL(seL4_SysDebugDumpScheduler, -10);
    CHECK_VAL(seL4_SysDebugHalt, -11);
    CHECK_VAL(seL4_SysDebugCapIdentify, -12);
    CHECK_VAL(seL4_SysDebugSnapshot, -13);
    CHECK_VAL(seL4_SysDebugNameThread, -14);
    CHECK_VAL(seL4_SysSetTLSBase, -30);
    CHECK_VAL(keel_SysDebugExit, -40);
    CHECK_VAL(KEEL_EXIT_MAIN_RETURNED, 0);
    CHECK_VAL(KEEL_EXIT_ABORT, 1);
}

static void invocation_labels(void)
{
    static const struct { const char *name; long got; long want; } labels[] = {
#define L(sym, n) { #sym, sym, n }
        L(InvalidInvocation, 0), L(UntypedRetype, 1), L(TCBReadRegisters, 2),
        L(TCBWriteRegisters, 3), L(TCBCopyRegisters, 4), L(TCBConfigure, 5),
        L(TCBSetPriority, 6), L(TCBSetMCPriority, 7), L(TCBSetSchedParams, 8),
        L(TCBSetIPCBuffer, 9), L(TCBSetSpace, 10), L(TCBSuspend, 11), L(TCBResume, 12),
        L(TCBBindNotification, 13), L(TCBUnbindNotification, 14), L(TCBSetTLSBase, 15),
        L(TCBSetFlags, 16), L(CNodeRevoke, 17), L(CNodeDelete, 18),
        L(CNodeCancelBadgedSends, 19), L(CNodeCopy, 20), L(CNodeMint, 21), L(CNodeMove, 22),
        L(CNodeMutate, 23), L(CNodeRotate, 24), L(CNodeSaveCaller, 25),
        L(IRQIssueIRQHandler, 26), L(IRQAckIRQ, 27), L(IRQSetIRQHandler, 28),
        L(IRQClearIRQHandler, 29), L(DomainSetSet, 30), L(DomainScheduleConfigure, 31),
        L(DomainScheduleSetStart, 32), L(nInvocationLabels, 33),
        L(X86PDPTMap, 33), L(X86PDPTUnmap, 34), L(nSeL4ArchInvocationLabels, 35),
        L(X86PageDirectoryMap, 35), L(X86PageDirectoryUnmap, 36), L(X86PageTableMap, 37),
        L(X86PageTableUnmap, 38), L(X86PageMap, 39), L(X86PageUnmap, 40),
        L(X86PageGetAddress, 41), L(X86ASIDControlMakePool, 42), L(X86ASIDPoolAssign, 43),
        L(X86IOPortControlIssue, 44), L(X86IOPortIn8, 45), L(X86IOPortIn16, 46),
        L(X86IOPortIn32, 47), L(X86IOPortOut8, 48), L(X86IOPortOut16, 49),
        L(X86IOPortOut32, 50), L(X86IRQIssueIRQHandlerIOAPIC, 51),
        L(X86IRQIssueIRQHandlerMSI, 52), L(nArchInvocationLabels, 53),
#undef L
    };
    for (unsigned i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        char name[80];
        snprintf(name, sizeof(name), "label %s", labels[i].name);
        CHECK_EQ(name, labels[i].got, labels[i].want);
    }
}

static void errors_and_objects(void)
{
    CHECK_VAL(seL4_NoError, 0);
    CHECK_VAL(seL4_InvalidArgument, 1);
    CHECK_VAL(seL4_InvalidCapability, 2);
    CHECK_VAL(seL4_IllegalOperation, 3);
    CHECK_VAL(seL4_RangeError, 4);
    CHECK_VAL(seL4_AlignmentError, 5);
    CHECK_VAL(seL4_FailedLookup, 6);
    CHECK_VAL(seL4_TruncatedMessage, 7);
    CHECK_VAL(seL4_DeleteFirst, 8);
    CHECK_VAL(seL4_RevokeFirst, 9);
    CHECK_VAL(seL4_NotEnoughMemory, 10);
    CHECK_VAL(seL4_NumErrors, 11);

    CHECK_VAL(seL4_UntypedObject, 0);
    CHECK_VAL(seL4_TCBObject, 1);
    CHECK_VAL(seL4_EndpointObject, 2);
    CHECK_VAL(seL4_NotificationObject, 3);
    CHECK_VAL(seL4_CapTableObject, 4);
    CHECK_VAL(seL4_NonArchObjectTypeCount, 5);
    CHECK_VAL(seL4_X86_PDPTObject, 5);
    CHECK_VAL(seL4_X64_PML4Object, 6);
    CHECK_VAL(seL4_X64_HugePageObject, 7);
    CHECK_VAL(seL4_ModeObjectTypeCount, 8);
    CHECK_VAL(seL4_X86_4K, 8);
    CHECK_VAL(seL4_X86_LargePageObject, 9);
    CHECK_VAL(seL4_X86_PageTableObject, 10);
    CHECK_VAL(seL4_X86_PageDirectoryObject, 11);
    CHECK_VAL(seL4_ObjectTypeCount, 12);

    CHECK_VAL(seL4_NoFailure, 0);
    CHECK_VAL(seL4_InvalidRoot, 1);
    CHECK_VAL(seL4_MissingCapability, 2);
    CHECK_VAL(seL4_DepthMismatch, 3);
    CHECK_VAL(seL4_GuardMismatch, 4);

    CHECK_VAL(seL4_Fault_NullFault, 0);
    CHECK_VAL(seL4_Fault_CapFault, 1);
    CHECK_VAL(seL4_Fault_UnknownSyscall, 2);
    CHECK_VAL(seL4_Fault_UserException, 3);
    CHECK_VAL(seL4_Fault_VMFault, 5);
}

static void constants(void)
{
    CHECK_VAL(seL4_WordBits, 64);
    CHECK_VAL(seL4_WordSizeBits, 3);
    CHECK_VAL(seL4_PageBits, 12);
    CHECK_VAL(seL4_LargePageBits, 21);
    CHECK_VAL(seL4_HugePageBits, 30);
    CHECK_VAL(seL4_SlotBits, 5);
    CHECK_VAL(seL4_TCBBits, 11);
    CHECK_VAL(seL4_EndpointBits, 4);
    CHECK_VAL(seL4_NotificationBits, 5);
    CHECK_VAL(seL4_PageTableBits, 12);
    CHECK_VAL(seL4_PageDirBits, 12);
    CHECK_VAL(seL4_PDPTBits, 12);
    CHECK_VAL(seL4_PML4Bits, 12);
    CHECK_VAL(seL4_VSpaceBits, 12);
    CHECK_VAL(seL4_IPCBufferSizeBits, 10);
    CHECK_VAL(seL4_ASIDPoolBits, 12);
    CHECK_VAL(seL4_MinUntypedBits, 4);
    CHECK_VAL(seL4_MaxUntypedBits, 47);
    CHECK_VAL(seL4_MsgMaxLength, 120);
    CHECK_VAL(seL4_MsgMaxExtraCaps, 3);
    CHECK_VAL(seL4_FastMessageRegisters, 4);
    CHECK_VAL(seL4_MsgLengthBits, 7);
    CHECK_VAL(seL4_MsgExtraCapBits, 2);
    CHECK_VAL(seL4_GuardSizeBits, 6);
    CHECK_VAL(seL4_GuardBits, 58);
    CHECK_VAL(seL4_BadgeBits, 64);
    CHECK_VAL(seL4_NumASIDPoolsBits, 3);
    CHECK_VAL(seL4_ASIDPoolIndexBits, 9);
    CHECK_VAL(seL4_MinPrio, 0);
    CHECK_VAL(seL4_MaxPrio, 255);
    CHECK_VAL(seL4_UserTop, 0x00007ffffffff000);
    CHECK_VAL(seL4_NilData, 0);
    CHECK_VAL(seL4_UntypedRetypeMaxObjects, 256);
    CHECK_VAL(seL4_X86_Default_VMAttributes, 0);
    CHECK_VAL(seL4_X86_WriteBack, 0);
    CHECK_VAL(seL4_X86_WriteThrough, 1);
    CHECK_VAL(seL4_X86_CacheDisabled, 2);
    CHECK_VAL(seL4_X86_Uncacheable, 3);
    CHECK_VAL(seL4_X86_WriteCombining, 4);
    CHECK_VAL(SEL4_MAPPING_LOOKUP_LEVEL, 2);
    CHECK_VAL(SEL4_MAPPING_LOOKUP_NO_PT, 21);
    CHECK_VAL(SEL4_MAPPING_LOOKUP_NO_PD, 30);
    CHECK_VAL(SEL4_MAPPING_LOOKUP_NO_PDPT, 39);
    CHECK_VAL(seL4_TCBFlag_fpuDisabled, 1);

    CHECK_VAL(seL4_VMFault_IP, 0);
    CHECK_VAL(seL4_VMFault_Addr, 1);
    CHECK_VAL(seL4_VMFault_PrefetchFault, 2);
    CHECK_VAL(seL4_VMFault_FSR, 3);
    CHECK_VAL(seL4_VMFault_Length, 4);
    CHECK_VAL(seL4_CapFault_IP, 0);
    CHECK_VAL(seL4_CapFault_Addr, 1);
    CHECK_VAL(seL4_CapFault_InRecvPhase, 2);
    CHECK_VAL(seL4_CapFault_LookupFailureType, 3);
    CHECK_VAL(seL4_CapFault_BitsLeft, 4);
    CHECK_VAL(seL4_CapFault_DepthMismatch_BitsFound, 5);
    CHECK_VAL(seL4_CapFault_GuardMismatch_GuardFound, 5);
    CHECK_VAL(seL4_CapFault_GuardMismatch_BitsFound, 6);
    CHECK_VAL(seL4_UnknownSyscall_RAX, 0);
    CHECK_VAL(seL4_UnknownSyscall_RBP, 6);
    CHECK_VAL(seL4_UnknownSyscall_R8, 7);
    CHECK_VAL(seL4_UnknownSyscall_R15, 14);
    CHECK_VAL(seL4_UnknownSyscall_FaultIP, 15);
    CHECK_VAL(seL4_UnknownSyscall_SP, 16);
    CHECK_VAL(seL4_UnknownSyscall_RSP, 16);
    CHECK_VAL(seL4_UnknownSyscall_FLAGS, 17);
    CHECK_VAL(seL4_UnknownSyscall_Syscall, 18);
    CHECK_VAL(seL4_UnknownSyscall_Length, 19);
    CHECK_VAL(seL4_UserException_FaultIP, 0);
    CHECK_VAL(seL4_UserException_SP, 1);
    CHECK_VAL(seL4_UserException_Stack, 1);
    CHECK_VAL(seL4_UserException_FLAGS, 2);
    CHECK_VAL(seL4_UserException_Number, 3);
    CHECK_VAL(seL4_UserException_Code, 4);
    CHECK_VAL(seL4_UserException_Length, 5);
}

static void config(void)
{
    CHECK_VAL(CONFIG_ARCH_X86_64, 1);
    CHECK_VAL(CONFIG_ARCH_X86, 1);
    CHECK_VAL(CONFIG_PLAT_PC99, 1);
    CHECK_VAL(CONFIG_DEBUG_BUILD, 1);
    CHECK_VAL(CONFIG_PRINTING, 1);
    CHECK_VAL(CONFIG_WORD_SIZE, 64);
    CHECK_VAL(CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS, 230);
    CHECK_VAL(CONFIG_NUM_PRIORITIES, 256);
    CHECK_VAL(CONFIG_ROOT_CNODE_SIZE_BITS, 16);
    CHECK_VAL(CONFIG_MAX_NUM_NODES, 1);
    CHECK_VAL(CONFIG_FSGSBASE_MSR, 1);
    CHECK_VAL(CONFIG_SET_TLS_BASE_SELF, 1);
#if defined(CONFIG_KERNEL_MCS) || defined(CONFIG_X86_64_VTX_64BIT_GUESTS) || defined(CONFIG_IOMMU)
    CHECK("MCS, VT-x and IOMMU are off", 0);
#else
    CHECK("MCS, VT-x and IOMMU are off", 1);
#endif
}

int main(void)
{
    message_info();
    cap_rights();
    cnode_capdata();
    ipc_buffer_layout();
    bootinfo_layout();
    user_context_layout();
    simple_types();
    syscall_numbers();
    invocation_labels();
    errors_and_objects();
    constants();
    config();
    return check_exit();
}
