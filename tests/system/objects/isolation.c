/* Isolation: a thread in another VSpace sees its own memory, not the root
 * task's; a thread with its own CSpace reaches only the caps in it, and
 * loses those revoked from its parent. */
#include "test.h"

#define CODE_VA 0x1000000ul

/* loop: mov (%rbx), %r10; syscall; jmp loop
 * With rdi = endpoint, rsi = message info (length 1), rdx = seL4_SysSend,
 * the thread sends the word at rbx to the endpoint, again and again. */
static const unsigned char reader_code[] = { 0x4c, 0x8b, 0x13, 0x0f, 0x05, 0xeb, 0xf9 };

typedef struct other_space {
    seL4_CPtr pml4;
    seL4_Word v;                 /* mapped in both spaces, to different frames */
    volatile seL4_Word *mine;    /* the root task's page at v */
    volatile seL4_Word *theirs;  /* the other space's page at v, seen by the root */
    seL4_Word root_only;         /* mapped only in the root task */
} other_space_t;

static int make_other_space(other_space_t *o)
{
    seL4_CPtr x, y, code;
    o->mine = new_page(&x);
    o->theirs = new_page(&y);
    unsigned char *c = new_page(&code);
    o->root_only = (seL4_Word)new_page(NULL);
    if (!o->mine || !o->theirs || !c || !o->root_only)
        return -1;
    o->v = (seL4_Word)o->mine;
    memcpy(c, reader_code, sizeof(reader_code));
    o->mine[0] = 0xaaaa;
    o->theirs[0] = 0xbbbb;

    seL4_CPtr pml4 = new_object(seL4_X64_PML4Object, 0);
    seL4_CPtr pdpt = new_object(seL4_X86_PDPTObject, 0);
    seL4_CPtr pd = new_object(seL4_X86_PageDirectoryObject, 0);
    seL4_CPtr pt1 = new_object(seL4_X86_PageTableObject, 0);
    seL4_CPtr pt2 = new_object(seL4_X86_PageTableObject, 0);
    seL4_CPtr code2 = copy_cap(code, seL4_CanRead);
    seL4_CPtr y2 = copy_cap(y, seL4_AllRights);
    if (!pml4 || !pdpt || !pd || !pt1 || !pt2 || !code2 || !y2)
        return -1;
    seL4_Error e;
    if ((e = seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4)) ||
        (e = seL4_X86_PDPT_Map(pdpt, pml4, 0, 0)) ||
        (e = seL4_X86_PageDirectory_Map(pd, pml4, 0, 0)) ||
        (e = seL4_X86_PageTable_Map(pt1, pml4, CODE_VA, 0)) ||
        (e = seL4_X86_PageTable_Map(pt2, pml4, o->v, 0)) ||
        (e = seL4_X86_Page_Map(code2, pml4, CODE_VA, seL4_CanRead, 0)) ||
        (e = seL4_X86_Page_Map(y2, pml4, o->v, seL4_AllRights, 0))) {
        test_fail(0, "setup: building the second VSpace failed: %s", err_name(e));
        return -1;
    }
    o->pml4 = pml4;
    return 0;
}

/* A register-only thread in the other space that sends the word at addr. */
static seL4_CPtr start_reader(other_space_t *o, seL4_CPtr ep, seL4_CPtr fep, seL4_Word addr)
{
    seL4_CPtr tcb = new_object(seL4_TCBObject, 0);
    if (!tcb)
        return 0;
    seL4_Error e;
    seL4_UserContext r;
    memset(&r, 0, sizeof(r));
    r.rip = CODE_VA;
    r.rflags = 0x202;
    r.rbx = addr;
    r.rdi = ep;
    r.rsi = seL4_MessageInfo_new(0, 0, 0, 1).words[0];
    r.rdx = (seL4_Word)seL4_SysSend;
    if ((e = seL4_TCB_Configure(tcb, fep, ROOT_CNODE, 0, o->pml4, 0, 0, 0)) ||
        (e = seL4_TCB_SetPriority(tcb, ROOT_TCB, 10)) ||
        (e = seL4_TCB_WriteRegisters(tcb, 1, 0, 20, &r))) {
        test_fail(0, "setup: starting the reader failed: %s", err_name(e));
        return 0;
    }
    return tcb;
}

static void isolation_two_vspaces(void)
{
    other_space_t o;
    CHECK(make_other_space(&o) == 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    CHECK(start_reader(&o, ep, fep, o.v));
    run_lower();
    seL4_MessageInfo_t info = seL4_NBRecv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 1);
    CHECK_MR(0, 0xbbbb);                 /* its own page */
    CHECK_EQ(*(volatile seL4_Word *)o.v, 0xaaaa);   /* ours is untouched */
    /* what we write to its frame (through our own mapping) it sees */
    o.theirs[0] = 0xcccc;
    run_lower();
    info = seL4_NBRecv(ep, NULL);
    CHECK_MR(0, 0xcccc);
    o.mine[0] = 0xdddd;
    run_lower();
    info = seL4_NBRecv(ep, NULL);
    CHECK_MR(0, 0xcccc);
}

static void isolation_root_memory_invisible(void)
{
    other_space_t o;
    CHECK(make_other_space(&o) == 0);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    CHECK(start_reader(&o, ep, fep, o.root_only));
    run_lower();
    seL4_MessageInfo_t info = seL4_NBRecv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
    info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    CHECK_MR(seL4_VMFault_IP, CODE_VA);
    CHECK_MR(seL4_VMFault_Addr, o.root_only);
    CHECK_MR(seL4_VMFault_FSR, 0x4);
    /* nor the root task's code */
    CHECK(start_reader(&o, ep, fep, 0x400000));
    run_lower();
    info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    CHECK_MR(seL4_VMFault_Addr, 0x400000);
}

static void isolation_code_read_only(void)
{
    /* the other space's code page is mapped read-only: writing it faults */
    other_space_t o;
    CHECK(make_other_space(&o) == 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr tcb = NEW(seL4_TCBObject, 0);
    /* mov %r10, (%rbx); jmp . -- writing its own code page */
    static const unsigned char writer[] = { 0x4c, 0x89, 0x13, 0xeb, 0xfe };
    seL4_CPtr code;
    unsigned char *c = NEW_PAGE(&code);
    memcpy(c, writer, sizeof(writer));
    seL4_CPtr code2 = COPY(code, seL4_CanRead);
    CHECK_OK(seL4_X86_Page_Map(code2, o.pml4, CODE_VA + 0x1000, seL4_CanRead, 0));
    seL4_UserContext r;
    memset(&r, 0, sizeof(r));
    r.rip = CODE_VA + 0x1000;
    r.rflags = 0x202;
    r.rbx = CODE_VA + 0x1000;
    CHECK_OK(seL4_TCB_Configure(tcb, fep, ROOT_CNODE, 0, o.pml4, 0, 0, 0));
    CHECK_OK(seL4_TCB_SetPriority(tcb, ROOT_TCB, 10));
    CHECK_OK(seL4_TCB_WriteRegisters(tcb, 1, 0, 20, &r));
    run_lower();
    seL4_MessageInfo_t info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    CHECK_MR(seL4_VMFault_Addr, CODE_VA + 0x1000);
    CHECK_MR(seL4_VMFault_FSR, 0x7);
    CHECK_EQ(c[0], 0x4c);
}

static void isolation_vspace_without_asid_faults(void)
{
    /* when its VSpace's pool is deleted, a thread runs on the kernel's
     * page tables only: its next instruction fetch faults */
    seL4_CPtr put = NEW(seL4_UntypedObject, seL4_ASIDPoolBits);
    seL4_CPtr pool = slot_alloc();
    CHECK_OK(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, put, ROOT_CNODE, pool, DEPTH));
    other_space_t o;
    CHECK(make_other_space(&o) == 0);
    /* move the VSpace into the new pool: a fresh PML4 with the same tables */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr pml4 = NEW(seL4_X64_PML4Object, 0);
    CHECK_OK(seL4_X86_ASIDPool_Assign(pool, pml4));
    seL4_CPtr pdpt = NEW(seL4_X86_PDPTObject, 0), pd = NEW(seL4_X86_PageDirectoryObject, 0);
    seL4_CPtr pt = NEW(seL4_X86_PageTableObject, 0);
    seL4_CPtr code;
    unsigned char *c = NEW_PAGE(&code);
    memcpy(c, reader_code, sizeof(reader_code));
    CHECK_OK(seL4_X86_PDPT_Map(pdpt, pml4, 0, 0));
    CHECK_OK(seL4_X86_PageDirectory_Map(pd, pml4, 0, 0));
    CHECK_OK(seL4_X86_PageTable_Map(pt, pml4, CODE_VA, 0));
    CHECK_OK(seL4_X86_Page_Map(COPY(code, seL4_CanRead), pml4, CODE_VA, seL4_CanRead, 0));
    o.pml4 = pml4;
    /* it reads from its code page, which it can see */
    CHECK(start_reader(&o, ep, fep, CODE_VA));
    run_lower();
    seL4_MessageInfo_t info = seL4_NBRecv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 1);
    CHECK_MR(0, *(seL4_Word *)c);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, pool, DEPTH));
    run_lower();
    info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    CHECK_MR(seL4_VMFault_IP, CODE_VA + 5);       /* the jmp after the syscall */
    CHECK_MR(seL4_VMFault_Addr, CODE_VA + 5);
}

/* ---------------------------------------------------------------- own CSpace */

enum { C_SELF = 1, C_FAULT = 2, C_EP = 3, C_NTFN = 4 };

/* A thread in the root VSpace whose CSpace is a 16-slot CNode (guard 60):
 * slot 1 its own TCB, 2 its fault endpoint. */
static int own_cspace_thread(thread_t *t, seL4_CPtr *cnode, seL4_CPtr fep)
{
    seL4_CPtr cn = new_object(seL4_CapTableObject, 4);
    if (!cn || thread_create(t, 10, 0))
        return -1;
    seL4_Error e;
    if ((e = seL4_CNode_Copy(cn, C_SELF, 4, ROOT_CNODE, t->tcb, DEPTH, seL4_AllRights)) ||
        (e = seL4_CNode_Copy(cn, C_FAULT, 4, ROOT_CNODE, fep, DEPTH, seL4_AllRights)) ||
        (e = seL4_TCB_SetSpace(t->tcb, C_FAULT, cn, seL4_CNode_CapData_new(0, 60).words[0], ROOT_VSPACE, 0))) {
        test_fail(0, "setup: own CSpace: %s", err_name(e));
        return -1;
    }
    *cnode = cn;
    return 0;
}

static seL4_Error start_in_own_cspace(thread_t *t, thread_fn_t fn, seL4_Word a, seL4_Word b)
{
    seL4_UserContext r;
    thread_regs(t, &r, fn, a, b);
    r.rcx = C_SELF;                 /* the trampoline suspends itself through this */
    return seL4_TCB_WriteRegisters(t->tcb, 1, 0, 20, &r);
}

static void send_to(seL4_Word ep, seL4_Word w)
{
    seL4_SetMR(0, w);
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 1));
}

static void isolation_own_cspace(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    seL4_CPtr cn;
    CHECK(own_cspace_thread(&t, &cn, fep) == 0);
    CHECK_OK(seL4_CNode_Mint(cn, C_EP, 4, ROOT_CNODE, ep, DEPTH, seL4_AllRights, 0x44));
    CHECK_OK(start_in_own_cspace(&t, send_to, C_EP, 0x1234));
    run_lower();
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0x44);
    CHECK_MR(0, 0x1234);
    /* it finished and suspended itself through its own slot 1: no fault */
    seL4_MessageInfo_t info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
}

static void isolation_root_caps_unreachable(void)
{
    /* the root CNode's slot numbers mean nothing in the thread's CSpace */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    seL4_CPtr cn;
    CHECK(own_cspace_thread(&t, &cn, fep) == 0);
    CHECK_OK(start_in_own_cspace(&t, send_to, ep, 1));
    run_lower();
    seL4_MessageInfo_t info = seL4_NBRecv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
    info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_CapFault);
    CHECK_MR(seL4_CapFault_Addr, ep);
    CHECK_MR(seL4_CapFault_InRecvPhase, 0);
    CHECK_MR(seL4_CapFault_LookupFailureType, seL4_GuardMismatch);
    CHECK_MR(seL4_CapFault_BitsLeft, 64);
    CHECK_MR(seL4_CapFault_GuardMismatch_GuardFound, 0);
    CHECK_MR(seL4_CapFault_GuardMismatch_BitsFound, 60);
}

static void call_wait_call(seL4_Word ep, seL4_Word ntfn)
{
    seL4_MessageInfo_t r = seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 0));
    g[0] = seL4_MessageInfo_get_label(r) + 1;
    seL4_Wait(ntfn, NULL);
    r = seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 0));
    g[1] = seL4_MessageInfo_get_label(r) + 1;
}

static void isolation_revoke_cuts_access(void)
{
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr n = NEW(seL4_NotificationObject, 0);
    thread_t t;
    seL4_CPtr cn;
    CHECK(own_cspace_thread(&t, &cn, fep) == 0);
    CHECK_OK(seL4_CNode_Mint(cn, C_EP, 4, ROOT_CNODE, ep, DEPTH, seL4_AllRights, 5));
    CHECK_OK(seL4_CNode_Copy(cn, C_NTFN, 4, ROOT_CNODE, n, DEPTH, seL4_AllRights));
    CHECK_OK(start_in_own_cspace(&t, call_wait_call, C_EP, C_NTFN));
    run_lower();
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 5);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    run_lower();
    CHECK_EQ(g[0], 1);
    /* take the thread's cap away through the derivation tree */
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ep, DEPTH));
    seL4_Signal(n);
    run_lower();
    CHECK_EQ(g[1], seL4_InvalidCapability + 1);   /* its slot is empty now */
    seL4_MessageInfo_t info = seL4_NBRecv(ep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_length(info), 0);
}

static void isolation_setspace_switches_cspace(void)
{
    /* SetSpace on a blocked thread: after its restart it uses the new CSpace */
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_CPtr fep = NEW(seL4_EndpointObject, 0);
    thread_t t;
    seL4_CPtr cn;
    CHECK(own_cspace_thread(&t, &cn, fep) == 0);
    seL4_CPtr cn2 = NEW(seL4_CapTableObject, 4);
    CHECK_OK(seL4_CNode_Copy(cn2, C_SELF, 4, ROOT_CNODE, t.tcb, DEPTH, seL4_AllRights));
    CHECK_OK(seL4_CNode_Copy(cn2, C_FAULT, 4, ROOT_CNODE, fep, DEPTH, seL4_AllRights));
    CHECK_OK(seL4_CNode_Mint(cn2, C_EP, 4, ROOT_CNODE, ep, DEPTH, seL4_AllRights, 0x22));
    /* slot 3 of the first CSpace is empty: the send faults */
    CHECK_OK(start_in_own_cspace(&t, send_to, C_EP, 7));
    run_lower();
    seL4_MessageInfo_t info = seL4_NBRecv(fep, NULL);
    CHECK_EQ(seL4_MessageInfo_get_label(info), 0);   /* an error, not a fault: the slot exists */
    CHECK_OK(seL4_TCB_SetSpace(t.tcb, C_FAULT, cn2, seL4_CNode_CapData_new(0, 60).words[0], ROOT_VSPACE, 0));
    CHECK_OK(start_in_own_cspace(&t, send_to, C_EP, 8));
    run_lower();
    seL4_Word badge = 0;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0x22);
    CHECK_MR(0, 8);
}

const test_case_t isolation_tests[] = {
    TEST(isolation, two_vspaces),
    TEST(isolation, root_memory_invisible),
    TEST(isolation, code_read_only),
    TEST(isolation, vspace_without_asid_faults),
    TEST(isolation, own_cspace),
    TEST(isolation, root_caps_unreachable),
    TEST(isolation, revoke_cuts_access),
    TEST(isolation, setspace_switches_cspace),
    TESTS_END,
};
