/*
 * The table of every kernel invocation keel supports (seL4 non-MCS,
 * x86_64, no IOMMU, no VT-x): one entry per client stub, in seL4's
 * signature order. Included by interfaces/sel4_client.h (and by host
 * tests), each time with KEEL_INVOCATION / KEEL_INVOCATION_RESULT defined
 * to produce something else: do not include it on its own.
 *
 *   KEEL_INVOCATION(iface, method, label, (params))
 *       seL4_Error iface_method(iface _service, params...)
 *   KEEL_INVOCATION_RESULT(iface, method, label, (params), (outputs))
 *       iface_method_t iface_method(iface _service, params...),
 *       iface_method_t = struct { int error; outputs... }
 *
 * Parameters, in signature order:
 *   In(type, bits, name)   a value packed into the message words. As in
 *                          seL4's stub generator, values are packed in
 *                          order, each aligned to its own size (bits: 1 for
 *                          seL4_Bool, 8, 16, 32, 64), so small ones share a
 *                          word: (Bool a, Uint8 b) -> MR0 = a | b << 8.
 *   Rights(name)           a seL4_CapRights_t, one word.
 *   Cap(type, name)        an extra cap: caps_or_badges[0], [1], ... in order.
 *   RegsIn(name)           seL4_UserContext *name: all 20 words, in order.
 *   RegsOut(name)          seL4_UserContext *name: filled from the reply
 *                          words (MR0 on) when the invocation succeeds.
 *   NoArgs                 the invocation has no parameters.
 * Outputs (reply words, unpacked from MR0 on by the same rule):
 *   Out(type, bits, name)
 *
 * The message is (label, capsUnwrapped 0, extraCaps = number of Cap
 * parameters, length = message words used); the reply label is the error.
 */

/* ---------------------------------------------------------------- Untyped */
KEEL_INVOCATION(seL4_Untyped, Retype, UntypedRetype,
    (In(seL4_Word, 64, type), In(seL4_Word, 64, size_bits), Cap(seL4_CNode, root),
     In(seL4_Word, 64, node_index), In(seL4_Word, 64, node_depth),
     In(seL4_Word, 64, node_offset), In(seL4_Word, 64, num_objects)))

/* ---------------------------------------------------------------- TCB */
KEEL_INVOCATION(seL4_TCB, ReadRegisters, TCBReadRegisters,
    (In(seL4_Bool, 1, suspend_source), In(seL4_Uint8, 8, arch_flags),
     In(seL4_Word, 64, count), RegsOut(regs)))
KEEL_INVOCATION(seL4_TCB, WriteRegisters, TCBWriteRegisters,
    (In(seL4_Bool, 1, resume_target), In(seL4_Uint8, 8, arch_flags),
     In(seL4_Word, 64, count), RegsIn(regs)))
KEEL_INVOCATION(seL4_TCB, CopyRegisters, TCBCopyRegisters,
    (Cap(seL4_TCB, source), In(seL4_Bool, 1, suspend_source), In(seL4_Bool, 1, resume_target),
     In(seL4_Bool, 1, transfer_frame), In(seL4_Bool, 1, transfer_integer),
     In(seL4_Uint8, 8, arch_flags)))
KEEL_INVOCATION(seL4_TCB, Configure, TCBConfigure,
    (In(seL4_Word, 64, fault_ep), Cap(seL4_CNode, cspace_root),
     In(seL4_Word, 64, cspace_root_data), Cap(seL4_CPtr, vspace_root),
     In(seL4_Word, 64, vspace_root_data), In(seL4_Word, 64, buffer),
     Cap(seL4_CPtr, bufferFrame)))
KEEL_INVOCATION(seL4_TCB, SetPriority, TCBSetPriority,
    (Cap(seL4_TCB, authority), In(seL4_Word, 64, priority)))
KEEL_INVOCATION(seL4_TCB, SetMCPriority, TCBSetMCPriority,
    (Cap(seL4_TCB, authority), In(seL4_Word, 64, mcp)))
KEEL_INVOCATION(seL4_TCB, SetSchedParams, TCBSetSchedParams,
    (Cap(seL4_TCB, authority), In(seL4_Word, 64, mcp), In(seL4_Word, 64, priority)))
KEEL_INVOCATION(seL4_TCB, SetIPCBuffer, TCBSetIPCBuffer,
    (In(seL4_Word, 64, buffer), Cap(seL4_CPtr, bufferFrame)))
KEEL_INVOCATION(seL4_TCB, SetSpace, TCBSetSpace,
    (In(seL4_Word, 64, fault_ep), Cap(seL4_CNode, cspace_root),
     In(seL4_Word, 64, cspace_root_data), Cap(seL4_CPtr, vspace_root),
     In(seL4_Word, 64, vspace_root_data)))
KEEL_INVOCATION(seL4_TCB, Suspend, TCBSuspend, (NoArgs))
KEEL_INVOCATION(seL4_TCB, Resume, TCBResume, (NoArgs))
KEEL_INVOCATION(seL4_TCB, BindNotification, TCBBindNotification,
    (Cap(seL4_CPtr, notification)))
KEEL_INVOCATION(seL4_TCB, UnbindNotification, TCBUnbindNotification, (NoArgs))
KEEL_INVOCATION(seL4_TCB, SetTLSBase, TCBSetTLSBase,
    (In(seL4_Word, 64, tls_base)))
KEEL_INVOCATION_RESULT(seL4_TCB, SetFlags, TCBSetFlags,
    (In(seL4_Word, 64, clear), In(seL4_Word, 64, set)),
    (Out(seL4_Word, 64, flags)))

/* ---------------------------------------------------------------- CNode */
KEEL_INVOCATION(seL4_CNode, Revoke, CNodeRevoke,
    (In(seL4_Word, 64, index), In(seL4_Uint8, 8, depth)))
KEEL_INVOCATION(seL4_CNode, Delete, CNodeDelete,
    (In(seL4_Word, 64, index), In(seL4_Uint8, 8, depth)))
KEEL_INVOCATION(seL4_CNode, CancelBadgedSends, CNodeCancelBadgedSends,
    (In(seL4_Word, 64, index), In(seL4_Uint8, 8, depth)))
KEEL_INVOCATION(seL4_CNode, Copy, CNodeCopy,
    (In(seL4_Word, 64, dest_index), In(seL4_Uint8, 8, dest_depth), Cap(seL4_CNode, src_root),
     In(seL4_Word, 64, src_index), In(seL4_Uint8, 8, src_depth), Rights(rights)))
KEEL_INVOCATION(seL4_CNode, Mint, CNodeMint,
    (In(seL4_Word, 64, dest_index), In(seL4_Uint8, 8, dest_depth), Cap(seL4_CNode, src_root),
     In(seL4_Word, 64, src_index), In(seL4_Uint8, 8, src_depth), Rights(rights),
     In(seL4_Word, 64, badge)))
KEEL_INVOCATION(seL4_CNode, Move, CNodeMove,
    (In(seL4_Word, 64, dest_index), In(seL4_Uint8, 8, dest_depth), Cap(seL4_CNode, src_root),
     In(seL4_Word, 64, src_index), In(seL4_Uint8, 8, src_depth)))
KEEL_INVOCATION(seL4_CNode, Mutate, CNodeMutate,
    (In(seL4_Word, 64, dest_index), In(seL4_Uint8, 8, dest_depth), Cap(seL4_CNode, src_root),
     In(seL4_Word, 64, src_index), In(seL4_Uint8, 8, src_depth), In(seL4_Word, 64, badge)))
KEEL_INVOCATION(seL4_CNode, Rotate, CNodeRotate,
    (In(seL4_Word, 64, dest_index), In(seL4_Uint8, 8, dest_depth), In(seL4_Word, 64, dest_badge),
     Cap(seL4_CNode, pivot_root), In(seL4_Word, 64, pivot_index), In(seL4_Uint8, 8, pivot_depth),
     In(seL4_Word, 64, pivot_badge), Cap(seL4_CNode, src_root), In(seL4_Word, 64, src_index),
     In(seL4_Uint8, 8, src_depth)))
KEEL_INVOCATION(seL4_CNode, SaveCaller, CNodeSaveCaller,
    (In(seL4_Word, 64, index), In(seL4_Uint8, 8, depth)))

/* ---------------------------------------------------------------- IRQs */
KEEL_INVOCATION(seL4_IRQControl, Get, IRQIssueIRQHandler,
    (In(seL4_Word, 64, irq), Cap(seL4_CNode, root), In(seL4_Word, 64, index),
     In(seL4_Uint8, 8, depth)))
KEEL_INVOCATION(seL4_IRQHandler, Ack, IRQAckIRQ, (NoArgs))
KEEL_INVOCATION(seL4_IRQHandler, SetNotification, IRQSetIRQHandler,
    (Cap(seL4_CPtr, notification)))
KEEL_INVOCATION(seL4_IRQHandler, Clear, IRQClearIRQHandler, (NoArgs))

/* ---------------------------------------------------------------- Domains */
KEEL_INVOCATION(seL4_DomainSet, Set, DomainSetSet,
    (In(seL4_Uint8, 8, domain), Cap(seL4_TCB, thread)))

/* ---------------------------------------------------------------- x86_64 paging */
KEEL_INVOCATION(seL4_X86_PDPT, Map, X86PDPTMap,
    (Cap(seL4_X64_PML4, pml4), In(seL4_Word, 64, vaddr), In(seL4_X86_VMAttributes, 64, attr)))
KEEL_INVOCATION(seL4_X86_PDPT, Unmap, X86PDPTUnmap, (NoArgs))
KEEL_INVOCATION(seL4_X86_PageDirectory, Map, X86PageDirectoryMap,
    (Cap(seL4_CPtr, vspace), In(seL4_Word, 64, vaddr), In(seL4_X86_VMAttributes, 64, attr)))
KEEL_INVOCATION(seL4_X86_PageDirectory, Unmap, X86PageDirectoryUnmap, (NoArgs))
KEEL_INVOCATION(seL4_X86_PageTable, Map, X86PageTableMap,
    (Cap(seL4_CPtr, vspace), In(seL4_Word, 64, vaddr), In(seL4_X86_VMAttributes, 64, attr)))
KEEL_INVOCATION(seL4_X86_PageTable, Unmap, X86PageTableUnmap, (NoArgs))
KEEL_INVOCATION(seL4_X86_Page, Map, X86PageMap,
    (Cap(seL4_CPtr, vspace), In(seL4_Word, 64, vaddr), Rights(rights),
     In(seL4_X86_VMAttributes, 64, attr)))
KEEL_INVOCATION(seL4_X86_Page, Unmap, X86PageUnmap, (NoArgs))
KEEL_INVOCATION_RESULT(seL4_X86_Page, GetAddress, X86PageGetAddress,
    (NoArgs),
    (Out(seL4_Word, 64, paddr)))

/* ---------------------------------------------------------------- x86 ASIDs */
KEEL_INVOCATION(seL4_X86_ASIDControl, MakePool, X86ASIDControlMakePool,
    (Cap(seL4_Untyped, untyped), Cap(seL4_CNode, root), In(seL4_Word, 64, index),
     In(seL4_Uint8, 8, depth)))
KEEL_INVOCATION(seL4_X86_ASIDPool, Assign, X86ASIDPoolAssign,
    (Cap(seL4_CPtr, vspace)))

/* ---------------------------------------------------------------- x86 I/O ports */
KEEL_INVOCATION(seL4_X86_IOPortControl, Issue, X86IOPortControlIssue,
    (In(seL4_Word, 64, first_port), In(seL4_Word, 64, last_port), Cap(seL4_CNode, root),
     In(seL4_Word, 64, index), In(seL4_Uint8, 8, depth)))
KEEL_INVOCATION_RESULT(seL4_X86_IOPort, In8, X86IOPortIn8,
    (In(seL4_Uint16, 16, port)),
    (Out(seL4_Uint8, 8, result)))
KEEL_INVOCATION_RESULT(seL4_X86_IOPort, In16, X86IOPortIn16,
    (In(seL4_Uint16, 16, port)),
    (Out(seL4_Uint16, 16, result)))
KEEL_INVOCATION_RESULT(seL4_X86_IOPort, In32, X86IOPortIn32,
    (In(seL4_Uint16, 16, port)),
    (Out(seL4_Uint32, 32, result)))
KEEL_INVOCATION(seL4_X86_IOPort, Out8, X86IOPortOut8,
    (In(seL4_Word, 64, port), In(seL4_Word, 64, data)))
KEEL_INVOCATION(seL4_X86_IOPort, Out16, X86IOPortOut16,
    (In(seL4_Word, 64, port), In(seL4_Word, 64, data)))
KEEL_INVOCATION(seL4_X86_IOPort, Out32, X86IOPortOut32,
    (In(seL4_Word, 64, port), In(seL4_Word, 64, data)))

/* ---------------------------------------------------------------- x86 IRQs */
KEEL_INVOCATION(seL4_IRQControl, GetIOAPIC, X86IRQIssueIRQHandlerIOAPIC,
    (Cap(seL4_CNode, root), In(seL4_Word, 64, index), In(seL4_Uint8, 8, depth),
     In(seL4_Word, 64, ioapic), In(seL4_Word, 64, pin), In(seL4_Word, 64, level),
     In(seL4_Word, 64, polarity), In(seL4_Word, 64, vector)))
KEEL_INVOCATION(seL4_IRQControl, GetMSI, X86IRQIssueIRQHandlerMSI,
    (Cap(seL4_CNode, root), In(seL4_Word, 64, index), In(seL4_Uint8, 8, depth),
     In(seL4_Word, 64, pci_bus), In(seL4_Word, 64, pci_dev), In(seL4_Word, 64, pci_func),
     In(seL4_Word, 64, handle), In(seL4_Word, 64, vector)))
