/* libsel4's view of the user ABI, and the comparison with the kernel's:
 * every number the kernel's sel4_abi.h / bootinfo.h defines must equal
 * libsel4's. */
#include <stddef.h>
#include <string.h>
#include <sel4/sel4.h>
#include "check.h"
#include "abi.h"

__thread seL4_IPCBuffer *__sel4_ipc_buffer;

#define V(name, expr) { name, (unsigned long long)(expr) }
#define L(x) V(#x, x)

/* Runtime-filled: some values come from inline functions. */
void libsel4_abi_get(const struct abi_value **table, unsigned *count)
{
    static struct abi_value copy[256];
    const struct abi_value t[] = {
    L(seL4_NoError), L(seL4_InvalidArgument), L(seL4_InvalidCapability),
    L(seL4_IllegalOperation), L(seL4_RangeError), L(seL4_AlignmentError), L(seL4_FailedLookup),
    L(seL4_TruncatedMessage), L(seL4_DeleteFirst), L(seL4_RevokeFirst), L(seL4_NotEnoughMemory),

    L(seL4_UntypedObject), L(seL4_TCBObject), L(seL4_EndpointObject), L(seL4_NotificationObject),
    L(seL4_CapTableObject), L(seL4_X86_PDPTObject), L(seL4_X64_PML4Object),
    L(seL4_X64_HugePageObject), L(seL4_X86_4K), L(seL4_X86_LargePageObject),
    L(seL4_X86_PageTableObject), L(seL4_X86_PageDirectoryObject), L(seL4_ObjectTypeCount),
    L(seL4_NonArchObjectTypeCount),

    L(seL4_SysCall), L(seL4_SysReplyRecv), L(seL4_SysSend), L(seL4_SysNBSend), L(seL4_SysRecv),
    L(seL4_SysReply), L(seL4_SysYield), L(seL4_SysNBRecv), L(seL4_SysDebugPutChar),
    L(seL4_SysDebugDumpScheduler), L(seL4_SysDebugHalt), L(seL4_SysDebugCapIdentify),
    L(seL4_SysDebugSnapshot), L(seL4_SysDebugNameThread), L(seL4_SysSetTLSBase),
    L(keel_SysDebugExit), L(KEEL_EXIT_MAIN_RETURNED), L(KEEL_EXIT_ABORT),

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

    V("offsetof(seL4_IPCBuffer, tag)", offsetof(seL4_IPCBuffer, tag)),
    V("offsetof(seL4_IPCBuffer, msg)", offsetof(seL4_IPCBuffer, msg)),
    V("offsetof(seL4_IPCBuffer, userData)", offsetof(seL4_IPCBuffer, userData)),
    V("offsetof(seL4_IPCBuffer, caps_or_badges)", offsetof(seL4_IPCBuffer, caps_or_badges)),
    V("offsetof(seL4_IPCBuffer, receiveCNode)", offsetof(seL4_IPCBuffer, receiveCNode)),
    V("offsetof(seL4_IPCBuffer, receiveIndex)", offsetof(seL4_IPCBuffer, receiveIndex)),
    V("offsetof(seL4_IPCBuffer, receiveDepth)", offsetof(seL4_IPCBuffer, receiveDepth)),

    V("MessageInfo_new(0x1234,1,2,3)", seL4_MessageInfo_new(0x1234, 1, 2, 3).words[0]),
    V("MessageInfo_new(-1,7,3,127)", seL4_MessageInfo_new(0xfffffffffffffull, 7, 3, 127).words[0]),
    V("MessageInfo length of 0x1234303", seL4_MessageInfo_get_length((seL4_MessageInfo_t){ { 0x1234303 } })),
    V("MessageInfo extraCaps of 0x1234303", seL4_MessageInfo_get_extraCaps((seL4_MessageInfo_t){ { 0x1234303 } })),
    V("MessageInfo capsUnwrapped of 0x1234303",
      seL4_MessageInfo_get_capsUnwrapped((seL4_MessageInfo_t){ { 0x1234303 } })),
    V("MessageInfo label of 0x1234303", seL4_MessageInfo_get_label((seL4_MessageInfo_t){ { 0x1234303 } })),
    V("seL4_CanWrite", seL4_CanWrite.words[0]), V("seL4_CanRead", seL4_CanRead.words[0]),
    V("seL4_CanGrant", seL4_CanGrant.words[0]), V("seL4_CanGrantReply", seL4_CanGrantReply.words[0]),
    V("seL4_AllRights", seL4_AllRights.words[0]),

    L(CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS),
    V("sizeof(seL4_BootInfo)", sizeof(seL4_BootInfo)),
#define BI(f) V("offsetof(seL4_BootInfo, " #f ")", offsetof(seL4_BootInfo, f))
    BI(extraLen), BI(nodeID), BI(numNodes), BI(numIOPTLevels), BI(ipcBuffer), BI(empty),
    BI(sharedFrames), BI(userImageFrames), BI(userImagePaging), BI(ioSpaceCaps),
    BI(extraBIPages), BI(initThreadCNodeSizeBits), BI(initThreadDomain), BI(untyped),
    BI(untypedList),
#undef BI
    V("sizeof(seL4_UntypedDesc)", sizeof(seL4_UntypedDesc)),
    V("offsetof(seL4_UntypedDesc, sizeBits)", offsetof(seL4_UntypedDesc, sizeBits)),
    V("offsetof(seL4_UntypedDesc, isDevice)", offsetof(seL4_UntypedDesc, isDevice)),
    };
    _Static_assert(sizeof(t) <= sizeof(copy), "table too big");
    memcpy(copy, t, sizeof(t));
    *table = copy;
    *count = sizeof(t) / sizeof(t[0]);
}

int main(void)
{
    const struct abi_value *kernel_abi, *libsel4_abi;
    unsigned kernel_abi_count, libsel4_abi_count;

    kernel_abi_get(&kernel_abi, &kernel_abi_count);
    libsel4_abi_get(&libsel4_abi, &libsel4_abi_count);
    for (unsigned k = 0; k < kernel_abi_count; k++) {
        const struct abi_value *l = NULL;
        for (unsigned i = 0; i < libsel4_abi_count; i++) {
            if (strcmp(libsel4_abi[i].name, kernel_abi[k].name) == 0) {
                l = &libsel4_abi[i];
            }
        }
        char name[160];
        snprintf(name, sizeof(name), "kernel and libsel4 agree: %s", kernel_abi[k].name);
        if (l == NULL) {
            check_report(0, name, "%s", "missing on the libsel4 side of the test");
            continue;
        }
        CHECK_EQ(name, l->value, kernel_abi[k].value);
    }
    return check_exit();
}
