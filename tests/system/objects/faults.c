/* Faults delivered to a fault endpoint: VM faults (address, FSR), cap
 * faults (send and receive phase, lookup failure details), unknown
 * syscalls and user exceptions (register layouts); the handler's reply
 * restarts the thread or changes its registers; fault endpoint rules. */
#include "test.h"

/* Instructions at known addresses. */
__asm__(
    ".text\n"
    ".global fault_read_at\n"
    "fault_read_at:\n"
    ".global fault_read_insn\n"
    "fault_read_insn:\n"
    "    movq (%rdi), %rax\n"
    "    movq %rax, fault_read_value(%rip)\n"
    "    ret\n"
    ".global fault_write_at\n"
    "fault_write_at:\n"
    ".global fault_write_insn\n"
    "fault_write_insn:\n"
    "    movq %rsi, (%rdi)\n"
    "    ret\n"
    ".global fault_jump_to\n"
    "fault_jump_to:\n"
    "    jmp *%rdi\n"
    /* An unknown syscall with every register set to a known value. The
     * handler's reply sets RAX; the thread stores it and returns. */
    ".global unknown_syscall_fn\n"
    "unknown_syscall_fn:\n"
    "    pushq %rbx\n    pushq %rbp\n    pushq %r12\n    pushq %r13\n    pushq %r14\n    pushq %r15\n"
    "    movq %rsp, unknown_syscall_rsp(%rip)\n"
    "    movq $0xa0, %rax\n    movq $0xb0, %rbx\n    movq $-100, %rdx\n    movq $0x51, %rsi\n"
    "    movq $0xd1, %rdi\n    movq $0xb9, %rbp\n    movq $0x108, %r8\n    movq $0x109, %r9\n"
    "    movq $0x110, %r10\n    movq $0x112, %r12\n    movq $0x113, %r13\n    movq $0x114, %r14\n"
    "    movq $0x115, %r15\n"
    ".global unknown_syscall_insn\n"
    "unknown_syscall_insn:\n"
    "    syscall\n"
    "    movq %rax, unknown_syscall_rax(%rip)\n"
    "    movq %r12, unknown_syscall_r12(%rip)\n"
    "    popq %r15\n    popq %r14\n    popq %r13\n    popq %r12\n    popq %rbp\n    popq %rbx\n"
    "    ret\n"
    ".global ud2_fn\n"
    "ud2_fn:\n"
    ".global ud2_insn\n"
    "ud2_insn:\n"
    "    ud2\n"
    "    movq $1, ud2_done(%rip)\n"
    "    ret\n"
    ".global hlt_fn\n"
    "hlt_fn:\n"
    ".global hlt_insn\n"
    "hlt_insn:\n"
    "    hlt\n"
    "    ret\n"
    ".global div0_fn\n"
    "div0_fn:\n"
    "    xorl %ecx, %ecx\n"
    "    movl $1, %eax\n"
    "    xorl %edx, %edx\n"
    ".global div0_insn\n"
    "div0_insn:\n"
    "    divl %ecx\n"
    "    ret\n");

void fault_read_at(seL4_Word addr, seL4_Word unused);
void fault_write_at(seL4_Word addr, seL4_Word value);
void fault_jump_to(seL4_Word addr, seL4_Word unused);
void unknown_syscall_fn(seL4_Word a, seL4_Word b);
void ud2_fn(seL4_Word a, seL4_Word b);
void hlt_fn(seL4_Word a, seL4_Word b);
void div0_fn(seL4_Word a, seL4_Word b);
extern char fault_read_insn[], fault_write_insn[], unknown_syscall_insn[], ud2_insn[], hlt_insn[],
     div0_insn[];
volatile seL4_Word fault_read_value, unknown_syscall_rax, unknown_syscall_r12, unknown_syscall_rsp, ud2_done;

#define UNMAPPED 0x30000000ul   /* no page table there */

/* Take the fault message waiting on fep (after letting the thread run). */
static seL4_MessageInfo_t take_fault(seL4_CPtr fep, seL4_Word *badge)
{
    run_lower();
    return seL4_NBRecv(fep, badge);
}

#define CHECK_LABEL(info, l) do {                                                     \
        if (seL4_MessageInfo_get_label(info) != (seL4_Word)(l))                       \
            FAIL("fault label %lu, expected %lu (length %lu)",                        \
                 (seL4_Word)seL4_MessageInfo_get_label(info), (seL4_Word)(l),         \
                 (seL4_Word)seL4_MessageInfo_get_length(info));                       \
    } while (0)

/* ---------------------------------------------------------------- VM faults */

static void fault_vm_read(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, fault_read_at, UNMAPPED + 0x18, 0);
    seL4_Word badge = 1;
    seL4_MessageInfo_t info = take_fault(fep, &badge);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_VMFault_Length);
    CHECK_EQ(badge, 0);
    CHECK_MR(seL4_VMFault_IP, (seL4_Word)fault_read_insn);
    CHECK_MR(seL4_VMFault_Addr, UNMAPPED + 0x18);
    CHECK_MR(seL4_VMFault_PrefetchFault, 0);
    CHECK_MR(seL4_VMFault_FSR, 0x4);        /* user, read, not present */
}

static void fault_vm_write(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, fault_write_at, UNMAPPED + 0x1000, 5);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    CHECK_MR(seL4_VMFault_IP, (seL4_Word)fault_write_insn);
    CHECK_MR(seL4_VMFault_Addr, UNMAPPED + 0x1000);
    CHECK_MR(seL4_VMFault_FSR, 0x6);        /* user, write, not present */
}

static void fault_vm_write_read_only(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr f = NEW(seL4_X86_4K, 0);
    seL4_CPtr ro = COPY(f, seL4_CanRead);
    seL4_Word va = map_scratch(ro);
    CHECK(va);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, fault_write_at, va + 8, 5);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    CHECK_MR(seL4_VMFault_Addr, va + 8);
    CHECK_MR(seL4_VMFault_FSR, 0x7);        /* user, write, protection */
}

static void fault_vm_exec(void)
{
    /* without NX the CPU reports an instruction fetch like a read */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, fault_jump_to, UNMAPPED + 0x40, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    CHECK_MR(seL4_VMFault_IP, UNMAPPED + 0x40);
    CHECK_MR(seL4_VMFault_Addr, UNMAPPED + 0x40);
    CHECK_MR(seL4_VMFault_PrefetchFault, 0);
    CHECK_MR(seL4_VMFault_FSR, 0x4);
}

static void fault_vm_kernel_address(void)
{
    /* a user read of the kernel window: present but supervisor-only */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, fault_read_at, 0xffffff8000100000ul, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    CHECK_MR(seL4_VMFault_Addr, 0xffffff8000100000ul);
    CHECK_MR(seL4_VMFault_FSR, 0x5);        /* user, read, protection */
}

static void fault_vm_reply_restarts(void)
{
    /* the handler maps the page and replies: the read is retried */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr f;
    seL4_Word *page = NEW_PAGE(&f);
    page[3] = 0x7777;
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, fault_read_at, UNMAPPED + 0x18, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    seL4_CPtr f2 = COPY(f, seL4_AllRights);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, UNMAPPED, seL4_X86_Default_VMAttributes));
    CHECK_OK(seL4_X86_Page_Map(f2, ROOT_VSPACE, UNMAPPED, seL4_AllRights, seL4_X86_Default_VMAttributes));
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    run_lower();
    CHECK_EQ(fault_read_value, 0x7777);
}

static void fault_vm_no_reply_stays_blocked(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    fault_read_value = 0;
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    run_lower();
    /* the thread waits for the reply: no second fault */
    info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), 0);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
}

static void fault_vm_reply_refaults(void)
{
    /* replying without fixing anything: the thread faults again */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    CHECK_MR(seL4_VMFault_Addr, UNMAPPED);
}

static void fault_vm_badge(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr fb = MINT(fep, seL4_AllRights, 0x99);
    thread_t t;
    THREAD(&t, 10, fb);
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = take_fault(fep, &badge);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    CHECK_EQ(badge, 0x99);
}

static void fault_read_registers_at_fault(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, fault_read_at, UNMAPPED + 0x20, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    seL4_UserContext r;
    CHECK_OK(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 20, &r));
    CHECK_EQ(r.rip, (seL4_Word)fault_read_insn);
    CHECK_EQ(r.rdi, UNMAPPED + 0x20);
}

static void fault_handler_changes_registers(void)
{
    /* the handler points the faulting thread's rdi at a valid address
     * with WriteRegisters, then replies */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_Word *page = NEW_PAGE(NULL);
    page[0] = 0x4242;
    thread_t t;
    THREAD(&t, 10, fep);
    fault_read_value = 0;
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    seL4_UserContext r;
    CHECK_OK(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 20, &r));
    r.rdi = (seL4_Word)page;
    CHECK_OK(seL4_TCB_WriteRegisters(t.tcb, 0, 0, 20, &r));
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    run_lower();
    CHECK_EQ(fault_read_value, 0x4242);
}

/* ---------------------------------------------------------------- cap faults */

static void call_cptr(seL4_Word cptr, seL4_Word unused)
{
    (void)unused;
    seL4_Call(cptr, seL4_MessageInfo_new(0, 0, 0, 0));
    g[20]++;
}

static void recv_cptr(seL4_Word cptr, seL4_Word unused)
{
    (void)unused;
    seL4_Recv(cptr, NULL);
    g[21]++;
}

static void nbsend_cptr(seL4_Word cptr, seL4_Word unused)
{
    (void)unused;
    seL4_NBSend(cptr, seL4_MessageInfo_new(0, 0, 0, 0));
    g[22] = 1;
}

static void nbrecv_cptr(seL4_Word cptr, seL4_Word unused)
{
    (void)unused;
    seL4_NBRecv(cptr, NULL);
    g[23] = 1;
}

static void fault_cap_nbsend_no_fault(void)
{
    /* a non-blocking send to a CPtr that does not resolve is dropped
     * silently; a blocking one faults */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, nbsend_cptr, 1ul << 62, 0);
    run_lower();
    CHECK_EQ(g[22], 1);
    seL4_MessageInfo_t info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
}

static void fault_cap_nbrecv_faults(void)
{
    /* a receive always faults on a CPtr that does not resolve */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, nbrecv_cptr, 1ul << 62, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, 1ul << 62);
    CHECK_MR(seL4_CapFault_InRecvPhase, 1);
    CHECK_MR(seL4_CapFault_LookupFailureType, seL4_GuardMismatch);
    CHECK_EQ(g[23], 0);
}

static void fault_cap_send_guard_mismatch(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    seL4_Word bad = (1ul << 62) | 5;
    START(&t, call_cptr, bad, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 7);
    CHECK_MR(seL4_CapFault_Addr, bad);
    CHECK_MR(seL4_CapFault_InRecvPhase, 0);
    CHECK_MR(seL4_CapFault_LookupFailureType, seL4_GuardMismatch);
    CHECK_MR(seL4_CapFault_BitsLeft, 64);
    CHECK_MR(seL4_CapFault_GuardMismatch_GuardFound, 0);
    CHECK_MR(seL4_CapFault_GuardMismatch_BitsFound, 48);
    CHECK(seL4_GetMR(seL4_CapFault_IP) >= 0x400000 && seL4_GetMR(seL4_CapFault_IP) < 0x10000000);
}

static void fault_cap_recv_null(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr empty = slot_alloc();
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, recv_cptr, empty, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 5);
    CHECK_MR(seL4_CapFault_Addr, empty);
    CHECK_MR(seL4_CapFault_InRecvPhase, 1);
    CHECK_MR(seL4_CapFault_LookupFailureType, seL4_MissingCapability);
    CHECK_MR(seL4_CapFault_BitsLeft, 0);
}

static void fault_cap_recv_guard_mismatch(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    seL4_Word bad = 1ul << 50;
    START(&t, recv_cptr, bad, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, bad);
    CHECK_MR(seL4_CapFault_InRecvPhase, 1);
    CHECK_MR(seL4_CapFault_LookupFailureType, seL4_GuardMismatch);
    CHECK_MR(seL4_CapFault_BitsLeft, 64);
    CHECK_MR(seL4_CapFault_GuardMismatch_BitsFound, 48);
}

static void fault_cap_recv_needs_read(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr wo = COPY(ep, seL4_CanWrite);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, recv_cptr, wo, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, wo);
    CHECK_MR(seL4_CapFault_InRecvPhase, 1);
    CHECK_MR(seL4_CapFault_LookupFailureType, seL4_MissingCapability);
    CHECK_MR(seL4_CapFault_BitsLeft, 0);
}

static void fault_cap_wait_needs_read(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr wo = COPY(n, seL4_CanWrite);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, recv_cptr, wo, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, wo);
    CHECK_MR(seL4_CapFault_InRecvPhase, 1);
}

static void fault_cap_recv_on_tcb(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr other = NEW(seL4_TCBObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, recv_cptr, other, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, other);
    CHECK_MR(seL4_CapFault_InRecvPhase, 1);
    CHECK_MR(seL4_CapFault_LookupFailureType, seL4_MissingCapability);
}

static void fault_cap_wait_on_other_bound_ntfn(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr owner = NEW(seL4_TCBObject, 0);
    CHECK_OK(seL4_TCB_BindNotification(owner, n));
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, recv_cptr, n, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, n);
    CHECK_MR(seL4_CapFault_InRecvPhase, 1);
}

static void call_with_extra_cap(seL4_Word dest, seL4_Word extra)
{
    seL4_SetCap(0, extra);
    seL4_Call(dest, seL4_MessageInfo_new(0, 0, 1, 0));
    g[20]++;
}

static void fault_cap_extra_cap_lookup(void)
{
    /* an extra cap that does not resolve makes the invocation fault */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    seL4_Word bad = (1ul << 60) | 3;
    START(&t, call_with_extra_cap, ep, bad);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, bad);
    CHECK_MR(seL4_CapFault_InRecvPhase, 0);
    CHECK_MR(seL4_CapFault_LookupFailureType, seL4_GuardMismatch);
    /* nothing reached the endpoint */
    info = seL4_NBRecv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
}

static void fault_cap_reply_restarts(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, recv_cptr, slot_alloc(), 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    info = take_fault(fep, NULL);           /* the Recv is retried and faults again */
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_EQ(g[21], 0);
}

static void fault_cap_fixed_by_handler(void)
{
    /* the handler puts a notification where the thread looked; the
     * restarted Wait then succeeds */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    seL4_CPtr nb = MINT(n, seL4_AllRights, 1);
    seL4_CPtr s = slot_alloc();
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, recv_cptr, s, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_CapFault);
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, s, DEPTH, ROOT_CNODE, n, DEPTH, seL4_AllRights));
    seL4_Signal(nb);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    run_lower();
    CHECK_EQ(g[21], 1);
}

/* ---------------------------------------------------------------- unknown syscall */

static void fault_unknown_syscall(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    unknown_syscall_rax = 0;
    START(&t, unknown_syscall_fn, 0, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_UnknownSyscall);
    CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UnknownSyscall_Length);
    CHECK_MR(seL4_UnknownSyscall_RAX, 0xa0);
    CHECK_MR(seL4_UnknownSyscall_RBX, 0xb0);
    CHECK_MR(seL4_UnknownSyscall_RCX, (seL4_Word)unknown_syscall_insn + 2);   /* syscall's return address */
    CHECK_MR(seL4_UnknownSyscall_RDX, (seL4_Word)-100);
    CHECK_MR(seL4_UnknownSyscall_RSI, 0x51);
    CHECK_MR(seL4_UnknownSyscall_RDI, 0xd1);
    CHECK_MR(seL4_UnknownSyscall_RBP, 0xb9);
    CHECK_MR(seL4_UnknownSyscall_R8, 0x108);
    CHECK_MR(seL4_UnknownSyscall_R9, 0x109);
    CHECK_MR(seL4_UnknownSyscall_R10, 0x110);
    CHECK_MR(seL4_UnknownSyscall_R12, 0x112);
    CHECK_MR(seL4_UnknownSyscall_R13, 0x113);
    CHECK_MR(seL4_UnknownSyscall_R14, 0x114);
    CHECK_MR(seL4_UnknownSyscall_R15, 0x115);
    CHECK_MR(seL4_UnknownSyscall_FaultIP, (seL4_Word)unknown_syscall_insn);
    CHECK_MR(seL4_UnknownSyscall_SP, unknown_syscall_rsp);
    CHECK((seL4_GetMR(seL4_UnknownSyscall_FLAGS) & 0x202) == 0x202);
    CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_R11), seL4_GetMR(seL4_UnknownSyscall_FLAGS));
    CHECK_MR(seL4_UnknownSyscall_Syscall, (seL4_Word)-100);
}

static void fault_unknown_syscall_reply_sets_registers(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    unknown_syscall_rax = 0;
    START(&t, unknown_syscall_fn, 0, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_UnknownSyscall);
    /* reply with the registers, changing RAX and R12 and skipping the syscall */
    seL4_SetMR(seL4_UnknownSyscall_RAX, 0x5555);
    seL4_SetMR(seL4_UnknownSyscall_R12, 0x6666);
    seL4_SetMR(seL4_UnknownSyscall_FaultIP, (seL4_Word)unknown_syscall_insn + 2);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, seL4_UnknownSyscall_Syscall));
    run_lower();
    CHECK_EQ(unknown_syscall_rax, 0x5555);
    CHECK_EQ(unknown_syscall_r12, 0x6666);
}

static void fault_unknown_syscall_reply_label_stops(void)
{
    /* a reply with a non-zero label leaves the thread inactive */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    unknown_syscall_rax = 0;
    START(&t, unknown_syscall_fn, 0, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_UnknownSyscall);
    seL4_SetMR(seL4_UnknownSyscall_FaultIP, (seL4_Word)unknown_syscall_insn + 2);
    seL4_Reply(seL4_MessageInfo_new(1, 0, 0, seL4_UnknownSyscall_Syscall));
    run_lower();
    CHECK_EQ(unknown_syscall_rax, 0);
    info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
    /* the registers of the reply were still applied: resumed, it carries
     * on after the syscall with the reply's RAX */
    CHECK_OK(seL4_TCB_Resume(t.tcb));
    run_lower();
    CHECK_EQ(unknown_syscall_rax, 0xa0);
    info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
}

static void fault_unknown_syscall_short_reply(void)
{
    /* a reply shorter than the register set changes only the first words */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, unknown_syscall_fn, 0, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_UnknownSyscall);
    seL4_SetMR(0, 0x7777);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));   /* only RAX */
    /* FaultIP unchanged: the syscall runs again and faults again, with the new RAX */
    info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_UnknownSyscall);
    CHECK_MR(seL4_UnknownSyscall_RAX, 0x7777);
    CHECK_MR(seL4_UnknownSyscall_RBX, 0xb0);
}

/* ---------------------------------------------------------------- user exceptions */

static void fault_user_exception_ud2(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    ud2_done = 0;
    START(&t, ud2_fn, 0, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_UserException);
    CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UserException_Length);
    CHECK_MR(seL4_UserException_FaultIP, (seL4_Word)ud2_insn);
    CHECK(seL4_GetMR(seL4_UserException_SP) < t.stack_top && seL4_GetMR(seL4_UserException_SP) > t.stack_top - 4096);
    CHECK((seL4_GetMR(seL4_UserException_FLAGS) & 0x202) == 0x202);
    CHECK_MR(seL4_UserException_Number, 6);     /* #UD */
    CHECK_MR(seL4_UserException_Code, 0);
    /* reply: skip the two-byte ud2 */
    seL4_SetMR(seL4_UserException_FaultIP, (seL4_Word)ud2_insn + 2);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 3));
    run_lower();
    CHECK_EQ(ud2_done, 1);
}

static void fault_user_exception_gp(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, hlt_fn, 0, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_UserException);
    CHECK_MR(seL4_UserException_FaultIP, (seL4_Word)hlt_insn);
    CHECK_MR(seL4_UserException_Number, 13);    /* #GP */
    CHECK_MR(seL4_UserException_Code, 0);
}

static void fault_user_exception_divide(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, div0_fn, 0, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_UserException);
    CHECK_MR(seL4_UserException_FaultIP, (seL4_Word)div0_insn);
    CHECK_MR(seL4_UserException_Number, 0);     /* #DE */
}

static void fault_user_exception_reply_label_stops(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    ud2_done = 0;
    START(&t, ud2_fn, 0, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_UserException);
    seL4_SetMR(seL4_UserException_FaultIP, (seL4_Word)ud2_insn + 2);
    seL4_Reply(seL4_MessageInfo_new(3, 0, 0, 3));
    run_lower();
    CHECK_EQ(ud2_done, 0);
    info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
}

/* ---------------------------------------------------------------- fault endpoint rules */

static void fault_no_handler(void)
{
    /* fault endpoint CPtr names an empty slot: the kernel reports the
     * double fault on the console and the thread stops */
    seL4_CPtr empty = slot_alloc();
    thread_t t;
    THREAD(&t, 10, empty);
    fault_read_value = 0x1;
    START(&t, fault_read_at, UNMAPPED, 0);
    run_lower();
    CHECK_EQ(fault_read_value, 0x1);
    /* it stays stopped: resuming retries the read, which faults again */
    seL4_UserContext r;
    CHECK_OK(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 20, &r));
    CHECK_EQ(r.rip, (seL4_Word)fault_read_insn);
}

static void fault_ep_needs_grant(void)
{
    /* a fault endpoint cap without Grant and GrantReply cannot be used */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr w = MINT(fep, seL4_CanWrite, 1);
    thread_t t;
    THREAD(&t, 10, w);
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
    CHECK_EQ(seL4_MessageInfo_get_label(info), 0);
}

static void fault_ep_needs_write(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr r = MINT(fep, seL4_CapRights_new(1, 1, 1, 0), 1);
    thread_t t;
    THREAD(&t, 10, r);
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
}

static void fault_ep_grant_reply_enough(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr w = MINT(fep, seL4_CapRights_new(1, 0, 0, 1), 2);
    thread_t t;
    THREAD(&t, 10, w);
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = take_fault(fep, &badge);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    CHECK_EQ(badge, 2);
}

static void fault_ep_not_an_endpoint(void)
{
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t t;
    THREAD(&t, 10, n);
    START(&t, fault_read_at, UNMAPPED, 0);
    run_lower();
    seL4_Word badge = 0;
    seL4_Poll(n, &badge);
    CHECK_EQ(badge, 0);
}

static void fault_ep_looked_up_at_fault_time(void)
{
    /* the fault endpoint is a CPtr, resolved when the fault happens */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr s = slot_alloc();
    thread_t t;
    THREAD(&t, 10, s);
    CHECK_OK(seL4_CNode_Mint(ROOT_CNODE, s, DEPTH, ROOT_CNODE, fep, DEPTH, seL4_AllRights, 0x33));
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = take_fault(fep, &badge);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    CHECK_EQ(badge, 0x33);
}

static void fault_reply_via_saved_cap(void)
{
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr f;
    seL4_Word *page = NEW_PAGE(&f);
    page[0] = 0x5151;
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    fault_read_value = 0;
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    seL4_CPtr reply = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, reply, DEPTH));
    CHECK_EQ(cap_type(reply), CT_REPLY);
    CHECK_OK(seL4_X86_PageTable_Map(pt, ROOT_VSPACE, UNMAPPED, 0));
    CHECK_OK(seL4_X86_Page_Map(COPY(f, seL4_AllRights), ROOT_VSPACE, UNMAPPED, seL4_AllRights, 0));
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
    run_lower();
    CHECK_EQ(fault_read_value, 0x5151);
}

static void fault_suspend_faulted_thread(void)
{
    /* suspending a thread waiting for its fault reply drops the reply */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    START(&t, fault_read_at, UNMAPPED, 0);
    seL4_MessageInfo_t info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
    seL4_CPtr reply = slot_alloc();
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, reply, DEPTH));
    CHECK_OK(seL4_TCB_Suspend(t.tcb));
    CHECK_EQ(cap_type(reply), CT_NULL);
    /* resumed, it retries the read and faults again */
    CHECK_OK(seL4_TCB_Resume(t.tcb));
    info = take_fault(fep, NULL);
    CHECK_LABEL(info, seL4_Fault_VMFault);
}

static void fault_queued_fault_sender_on_ep_delete(void)
{
    /* a thread blocked sending its fault is not restarted when the fault
     * endpoint goes away: it becomes inactive */
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    THREAD(&t, 10, fep);
    fault_read_value = 1;
    START(&t, fault_read_at, UNMAPPED, 0);
    run_lower();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, fep, DEPTH));
    run_lower();
    CHECK_EQ(fault_read_value, 1);
    seL4_UserContext r;
    CHECK_OK(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 20, &r));
    CHECK_EQ(r.rip, (seL4_Word)fault_read_insn);
}

const test_case_t fault_tests[] = {
    TEST(fault, vm_read),
    TEST(fault, vm_write),
    TEST(fault, vm_write_read_only),
    TEST(fault, vm_exec),
    TEST(fault, vm_kernel_address),
    TEST(fault, vm_reply_restarts),
    TEST(fault, vm_no_reply_stays_blocked),
    TEST(fault, vm_reply_refaults),
    TEST(fault, vm_badge),
    TEST(fault, read_registers_at_fault),
    TEST(fault, handler_changes_registers),
    TEST(fault, cap_send_guard_mismatch),
    TEST(fault, cap_nbsend_no_fault),
    TEST(fault, cap_nbrecv_faults),
    TEST(fault, cap_recv_null),
    TEST(fault, cap_recv_guard_mismatch),
    TEST(fault, cap_recv_needs_read),
    TEST(fault, cap_wait_needs_read),
    TEST(fault, cap_recv_on_tcb),
    TEST(fault, cap_wait_on_other_bound_ntfn),
    TEST(fault, cap_extra_cap_lookup),
    TEST(fault, cap_reply_restarts),
    TEST(fault, cap_fixed_by_handler),
    TEST(fault, unknown_syscall),
    TEST(fault, unknown_syscall_reply_sets_registers),
    TEST(fault, unknown_syscall_reply_label_stops),
    TEST(fault, unknown_syscall_short_reply),
    TEST(fault, user_exception_ud2),
    TEST(fault, user_exception_gp),
    TEST(fault, user_exception_divide),
    TEST(fault, user_exception_reply_label_stops),
    TEST(fault, no_handler),
    TEST(fault, ep_needs_grant),
    TEST(fault, ep_needs_write),
    TEST(fault, ep_grant_reply_enough),
    TEST(fault, ep_not_an_endpoint),
    TEST(fault, ep_looked_up_at_fault_time),
    TEST(fault, reply_via_saved_cap),
    TEST(fault, suspend_faulted_thread),
    TEST(fault, queued_fault_sender_on_ep_delete),
    TESTS_END,
};
