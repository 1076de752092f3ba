/* The kernel's view of the user ABI (kernel/include/sel4_abi.h and
 * bootinfo.h), built in its own translation unit because the kernel's
 * names collide with libsel4's. Entries are named after libsel4's symbols. */
#include "../../../kernel/include/bootinfo.h"
#include <string.h>
#include "abi.h"

#define V(name, expr) { name, (unsigned long long)(expr) }

/* Runtime-filled: some values come from inline functions. */
void kernel_abi_get(const struct abi_value **table, unsigned *count)
{
    static struct abi_value copy[256];
    const struct abi_value t[] = {
    V("seL4_NoError", seL4_NoError), V("seL4_InvalidArgument", seL4_InvalidArgument),
    V("seL4_InvalidCapability", seL4_InvalidCapability),
    V("seL4_IllegalOperation", seL4_IllegalOperation), V("seL4_RangeError", seL4_RangeError),
    V("seL4_AlignmentError", seL4_AlignmentError), V("seL4_FailedLookup", seL4_FailedLookup),
    V("seL4_TruncatedMessage", seL4_TruncatedMessage), V("seL4_DeleteFirst", seL4_DeleteFirst),
    V("seL4_RevokeFirst", seL4_RevokeFirst), V("seL4_NotEnoughMemory", seL4_NotEnoughMemory),

    V("seL4_UntypedObject", seL4_UntypedObject), V("seL4_TCBObject", seL4_TCBObject),
    V("seL4_EndpointObject", seL4_EndpointObject),
    V("seL4_NotificationObject", seL4_NotificationObject),
    V("seL4_CapTableObject", seL4_CapTableObject), V("seL4_X86_PDPTObject", seL4_X86_PDPTObject),
    V("seL4_X64_PML4Object", seL4_X64_PML4Object),
    V("seL4_X64_HugePageObject", seL4_X64_HugePageObject), V("seL4_X86_4K", seL4_X86_4K),
    V("seL4_X86_LargePageObject", seL4_X86_LargePageObject),
    V("seL4_X86_PageTableObject", seL4_X86_PageTableObject),
    V("seL4_X86_PageDirectoryObject", seL4_X86_PageDirectoryObject),
    V("seL4_ObjectTypeCount", seL4_ObjectTypeCount),
    V("seL4_NonArchObjectTypeCount", seL4_NonArchObjectTypeCount),

    V("seL4_SysCall", SysCall), V("seL4_SysReplyRecv", SysReplyRecv), V("seL4_SysSend", SysSend),
    V("seL4_SysNBSend", SysNBSend), V("seL4_SysRecv", SysRecv), V("seL4_SysReply", SysReply),
    V("seL4_SysYield", SysYield), V("seL4_SysNBRecv", SysNBRecv),
    V("seL4_SysDebugPutChar", SysDebugPutChar),
    V("seL4_SysDebugDumpScheduler", SysDebugDumpScheduler),
    V("seL4_SysDebugHalt", SysDebugHalt), V("seL4_SysDebugCapIdentify", SysDebugCapIdentify),
    V("seL4_SysDebugSnapshot", SysDebugSnapshot),
    V("seL4_SysDebugNameThread", SysDebugNameThread), V("seL4_SysSetTLSBase", SysSetTLSBase),
    V("keel_SysDebugExit", SysKeelDebugExit),
    V("KEEL_EXIT_MAIN_RETURNED", KEEL_EXIT_MAIN_RETURNED), V("KEEL_EXIT_ABORT", KEEL_EXIT_ABORT),

#define L(x) V(#x, x)
    L(InvalidInvocation), L(UntypedRetype), L(TCBReadRegisters), L(TCBWriteRegisters),
    L(TCBCopyRegisters), L(TCBConfigure), L(TCBSetPriority), L(TCBSetMCPriority),
    L(TCBSetSchedParams), L(TCBSetIPCBuffer), L(TCBSetSpace), L(TCBSuspend), L(TCBResume),
    L(TCBBindNotification), L(TCBUnbindNotification), L(TCBSetTLSBase), L(TCBSetFlags),
    L(CNodeRevoke), L(CNodeDelete), L(CNodeCancelBadgedSends), L(CNodeCopy), L(CNodeMint),
    L(CNodeMove), L(CNodeMutate), L(CNodeRotate), L(CNodeSaveCaller), L(IRQIssueIRQHandler),
    L(IRQAckIRQ), L(IRQSetIRQHandler), L(IRQClearIRQHandler), L(DomainSetSet),
    L(DomainScheduleConfigure), L(DomainScheduleSetStart), L(nInvocationLabels),
    L(X86PDPTMap), L(X86PDPTUnmap), L(X86PageDirectoryMap), L(X86PageDirectoryUnmap),
    L(X86PageTableMap), L(X86PageTableUnmap), L(X86PageMap), L(X86PageUnmap),
    L(X86PageGetAddress), L(X86ASIDControlMakePool), L(X86ASIDPoolAssign),
    L(X86IOPortControlIssue), L(X86IOPortIn8), L(X86IOPortIn16), L(X86IOPortIn32),
    L(X86IOPortOut8), L(X86IOPortOut16), L(X86IOPortOut32), L(X86IRQIssueIRQHandlerIOAPIC),
    L(X86IRQIssueIRQHandlerMSI), L(nArchInvocationLabels),

    L(seL4_MsgMaxLength), L(seL4_MsgMaxExtraCaps), L(seL4_MsgLengthBits),
    L(seL4_MsgExtraCapBits), L(seL4_FastMessageRegisters), L(seL4_GuardSizeBits),
    L(seL4_WordBits), L(seL4_MinPrio), L(seL4_MaxPrio), L(seL4_UserTop),
    L(seL4_NumASIDPoolsBits), L(seL4_ASIDPoolIndexBits), L(seL4_MaxUntypedBits),
    L(seL4_MinUntypedBits), L(seL4_UntypedRetypeMaxObjects),

    L(seL4_CapNull), L(seL4_CapInitThreadTCB), L(seL4_CapInitThreadCNode),
    L(seL4_CapInitThreadVSpace), L(seL4_CapIRQControl), L(seL4_CapASIDControl),
    L(seL4_CapInitThreadASIDPool), L(seL4_CapIOPortControl), L(seL4_CapIOSpace),
    L(seL4_CapBootInfoFrame), L(seL4_CapInitThreadIPCBuffer), L(seL4_CapDomain),
    L(seL4_CapSMMUSIDControl), L(seL4_CapSMMUCBControl), L(seL4_CapInitThreadSC),
    L(seL4_CapSMC), L(seL4_NumInitialCaps),
#undef L

    V("offsetof(seL4_IPCBuffer, tag)", IPCBUF_TAG * sizeof(word_t)),
    V("offsetof(seL4_IPCBuffer, msg)", IPCBUF_MSG * sizeof(word_t)),
    V("offsetof(seL4_IPCBuffer, userData)", IPCBUF_USERDATA * sizeof(word_t)),
    V("offsetof(seL4_IPCBuffer, caps_or_badges)", IPCBUF_CAPS * sizeof(word_t)),
    V("offsetof(seL4_IPCBuffer, receiveCNode)", IPCBUF_RECV_CNODE * sizeof(word_t)),
    V("offsetof(seL4_IPCBuffer, receiveIndex)", IPCBUF_RECV_INDEX * sizeof(word_t)),
    V("offsetof(seL4_IPCBuffer, receiveDepth)", IPCBUF_RECV_DEPTH * sizeof(word_t)),

    V("MessageInfo_new(0x1234,1,2,3)", mi_new(0x1234, 1, 2, 3)),
    V("MessageInfo_new(-1,7,3,127)", mi_new(0xfffffffffffffull, 7, 3, 127)),
    V("MessageInfo length of 0x1234303", mi_length(0x1234303)),
    V("MessageInfo extraCaps of 0x1234303", mi_extra_caps(0x1234303)),
    V("MessageInfo capsUnwrapped of 0x1234303", mi_caps_unwrapped(0x1234303)),
    V("MessageInfo label of 0x1234303", mi_label(0x1234303)),
    V("seL4_CanWrite", RIGHT_WRITE), V("seL4_CanRead", RIGHT_READ),
    V("seL4_CanGrant", RIGHT_GRANT), V("seL4_CanGrantReply", RIGHT_GRANT_REPLY),
    V("seL4_AllRights", ALL_RIGHTS),

    V("CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS", MAX_BOOTINFO_UNTYPED_CAPS),
    V("sizeof(seL4_BootInfo)", sizeof(bootinfo_t)),
    V("offsetof(seL4_BootInfo, extraLen)", offsetof(bootinfo_t, extra_len)),
    V("offsetof(seL4_BootInfo, nodeID)", offsetof(bootinfo_t, node_id)),
    V("offsetof(seL4_BootInfo, numNodes)", offsetof(bootinfo_t, num_nodes)),
    V("offsetof(seL4_BootInfo, numIOPTLevels)", offsetof(bootinfo_t, num_iopt_levels)),
    V("offsetof(seL4_BootInfo, ipcBuffer)", offsetof(bootinfo_t, ipc_buffer)),
    V("offsetof(seL4_BootInfo, empty)", offsetof(bootinfo_t, empty)),
    V("offsetof(seL4_BootInfo, sharedFrames)", offsetof(bootinfo_t, shared_frames)),
    V("offsetof(seL4_BootInfo, userImageFrames)", offsetof(bootinfo_t, user_image_frames)),
    V("offsetof(seL4_BootInfo, userImagePaging)", offsetof(bootinfo_t, user_image_paging)),
    V("offsetof(seL4_BootInfo, ioSpaceCaps)", offsetof(bootinfo_t, io_space_caps)),
    V("offsetof(seL4_BootInfo, extraBIPages)", offsetof(bootinfo_t, extra_bi_pages)),
    V("offsetof(seL4_BootInfo, initThreadCNodeSizeBits)",
      offsetof(bootinfo_t, init_thread_cnode_size_bits)),
    V("offsetof(seL4_BootInfo, initThreadDomain)", offsetof(bootinfo_t, init_thread_domain)),
    V("offsetof(seL4_BootInfo, untyped)", offsetof(bootinfo_t, untyped)),
    V("offsetof(seL4_BootInfo, untypedList)", offsetof(bootinfo_t, untyped_list)),
    V("sizeof(seL4_UntypedDesc)", sizeof(untyped_desc_t)),
    V("offsetof(seL4_UntypedDesc, sizeBits)", offsetof(untyped_desc_t, size_bits)),
    V("offsetof(seL4_UntypedDesc, isDevice)", offsetof(untyped_desc_t, is_device)),
    };
    _Static_assert(sizeof(t) <= sizeof(copy), "table too big");
    memcpy(copy, t, sizeof(t));
    *table = copy;
    *count = sizeof(t) / sizeof(t[0]);
}
