/* The isolation suite's runner and helpers (see harness.h). */
#include "harness.h"

#define CASE_UT_BITS 22
#define SCRATCH      0x30000000ul   /* one page table's worth, remapped per case */
#define MAX_CHILDREN 4

extern char __executable_start[], __sel4runtime_tdata_start[];
extern __thread seL4_IPCBuffer *__sel4_ipc_buffer;

char fail_msg[256];
volatile seL4_Word res[16];

static seL4_BootInfo *bi;
static seL4_CPtr case_ut;
static seL4_Word first_case_slot, next_slot;
static seL4_Word scratch_next;
static int n_children;
static uint64_t stacks[MAX_CHILDREN][1024] __attribute__((aligned(16)));
static unsigned char tls[MAX_CHILDREN][4096] __attribute__((aligned(64)));

seL4_CPtr slot(void) { return next_slot++; }

seL4_CPtr object(seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr s = slot();
    return seL4_Untyped_Retype(case_ut, type, size_bits, ROOT_CNODE, 0, 0, s, 1) ? 0 : s;
}

seL4_Word child_guard(void) { return seL4_CNode_CapData_new(0, 64 - CHILD_BITS).words[0]; }

seL4_Error give(seL4_CPtr cnode, seL4_Word index, seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge)
{
    if (badge)
        return seL4_CNode_Mint(cnode, index, CHILD_BITS, ROOT_CNODE, src, DEPTH, rights, badge);
    return seL4_CNode_Copy(cnode, index, CHILD_BITS, ROOT_CNODE, src, DEPTH, rights);
}

seL4_CPtr child_cnode(seL4_CPtr fault_ep)
{
    seL4_CPtr cn = object(seL4_CapTableObject, CHILD_BITS), park_ep = object(seL4_EndpointObject, 0);
    if (!cn || !park_ep || give(cn, CHILD_PARK, park_ep, seL4_AllRights, 0))
        return 0;
    if (fault_ep && give(cn, CHILD_FAULT, fault_ep, seL4_AllRights, 0))
        return 0;
    return cn;
}

seL4_Word scratch_page(seL4_CPtr *frame)
{
    seL4_CPtr f = object(seL4_X86_4K, 0);
    seL4_Word v = scratch_next;
    if (!f || seL4_X86_Page_Map(f, ROOT_VSPACE, v, seL4_ReadWrite, seL4_X86_Default_VMAttributes))
        return 0;
    scratch_next += 0x1000;
    if (frame)
        *frame = f;
    return v;
}

seL4_CPtr child_vspace(void)
{
    return child_vspace_in(seL4_CapInitThreadASIDPool);
}

seL4_CPtr child_vspace_in(seL4_CPtr pool)
{
    seL4_CPtr pml4 = object(seL4_X64_PML4Object, 0), pdpt = object(seL4_X86_PDPTObject, 0);
    seL4_CPtr pd = object(seL4_X86_PageDirectoryObject, 0), pt = object(seL4_X86_PageTableObject, 0);
    seL4_CPtr pt2 = object(seL4_X86_PageTableObject, 0);
    seL4_X86_VMAttributes a = seL4_X86_Default_VMAttributes;
    if (!pml4 || !pdpt || !pd || !pt || !pt2 || seL4_X86_ASIDPool_Assign(pool, pml4) ||
        seL4_X86_PDPT_Map(pdpt, pml4, 0, a) || seL4_X86_PageDirectory_Map(pd, pml4, 0, a) ||
        seL4_X86_PageTable_Map(pt, pml4, (seL4_Word)__executable_start, a) ||
        seL4_X86_PageTable_Map(pt2, pml4, SCRATCH, a))
        return 0;
    seL4_Word i = 0;
    for (seL4_Word v = (seL4_Word)__executable_start; v < (seL4_Word)__sel4runtime_tdata_start; v += 0x1000, i++) {
        seL4_CPtr c = slot();
        if (seL4_CNode_Copy(ROOT_CNODE, c, DEPTH, ROOT_CNODE, bi->userImageFrames.start + i, DEPTH, seL4_CanRead) ||
            seL4_X86_Page_Map(c, pml4, v, seL4_CanRead, a))
            return 0;
    }
    return pml4;
}

static int child_tcb(child_t *c, seL4_CPtr cnode, seL4_CPtr vspace, seL4_Word ipc_vaddr, seL4_CPtr ipc_frame,
                     seL4_Word mcp)
{
    c->tcb = object(seL4_TCBObject, 0);
    if (!c->tcb || n_children == MAX_CHILDREN)
        return -1;
    if (seL4_TCB_Configure(c->tcb, CHILD_FAULT, cnode, child_guard(), vspace, 0, ipc_vaddr, ipc_frame) ||
        seL4_TCB_SetSchedParams(c->tcb, ROOT_TCB, mcp, CHILD_PRIO))
        return -1;
    return 0;
}

int child_new(child_t *c, seL4_CPtr cnode, seL4_Word mcp)
{
    seL4_CPtr frame;
    seL4_Word ipc = scratch_page(&frame);
    if (!ipc || child_tcb(c, cnode, ROOT_VSPACE, ipc, frame, mcp))
        return -1;
    c->stack_top = (seL4_Word)&stacks[n_children][1024];
    c->tls = sel4runtime_write_tls_image(tls[n_children]);
    sel4runtime_set_tls_variable(c->tls, __sel4_ipc_buffer, (seL4_IPCBuffer *)ipc);
    n_children++;
    return 0;
}

int child_new_in(child_t *c, seL4_CPtr cnode, seL4_CPtr vspace)
{
    seL4_CPtr frame, copy = slot();
    seL4_Word stack = scratch_page(&frame);
    if (!stack || seL4_CNode_Copy(ROOT_CNODE, copy, DEPTH, ROOT_CNODE, frame, DEPTH, seL4_AllRights) ||
        seL4_X86_Page_Map(copy, vspace, stack, seL4_ReadWrite, seL4_X86_Default_VMAttributes) ||
        child_tcb(c, cnode, vspace, 0, 0, 0))
        return -1;
    c->stack_top = stack + 0x1000;
    c->tls = 0;
    n_children++;
    return 0;
}

seL4_Error child_start(child_t *c, void (*fn)(seL4_Word), seL4_Word arg)
{
    seL4_UserContext regs = { 0 };
    regs.rip = (seL4_Word)fn;
    regs.rsp = c->stack_top - 8;
    regs.rdi = arg;
    regs.fs_base = c->tls;
    return seL4_TCB_WriteRegisters(c->tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
}

void run_lower(void)
{
    seL4_TCB_SetPriority(ROOT_TCB, ROOT_TCB, 1);
    seL4_TCB_SetPriority(ROOT_TCB, ROOT_TCB, seL4_MaxPrio);
}

seL4_MessageInfo_t take_fault(seL4_CPtr ep, seL4_Word mrs[4])
{
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    for (int i = 0; i < 4; i++)
        mrs[i] = seL4_GetMR(i);
    return info;
}

void park(void)
{
    for (;;)
        seL4_Recv(CHILD_PARK, NULL);
}

/* ---------------------------------------------------------------- the runner */

static void run_case(const test_t *t)
{
    fail_msg[0] = '\0';
    memset((void *)res, 0, sizeof(res));
    n_children = 0;
    scratch_next = SCRATCH;
    next_slot = first_case_slot;
    t->fn();
    /* everything the case made goes with its untyped; copies of other caps with its slots */
    seL4_CNode_Revoke(ROOT_CNODE, case_ut, DEPTH);
    for (seL4_Word s = first_case_slot; s < next_slot; s++)
        seL4_CNode_Delete(ROOT_CNODE, s, DEPTH);
}

int main(void)
{
    bi = sel4runtime_bootinfo();
    seL4_CPtr big = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++)
        if (!bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits > CASE_UT_BITS) {
            big = bi->untyped.start + i;
            break;
        }
    next_slot = bi->empty.start;
    case_ut = slot();
    seL4_CPtr pt = slot();
    if (!big || seL4_Untyped_Retype(big, seL4_UntypedObject, CASE_UT_BITS, ROOT_CNODE, 0, 0, case_ut, 1) ||
        seL4_Untyped_Retype(big, seL4_X86_PageTableObject, 0, ROOT_CNODE, 0, 0, pt, 1) ||
        seL4_X86_PageTable_Map(pt, ROOT_VSPACE, SCRATCH, seL4_X86_Default_VMAttributes)) {
        printf("FAIL: isolation/setup: no untyped memory or scratch page table\n0 passed, 1 failed\n");
        return 1;
    }
    first_case_slot = next_slot;

    int passed = 0, failed = 0;
    for (const test_t *t = isolation_tests; t->name; t++) {
        run_case(t);
        if (fail_msg[0]) {
            printf("FAIL: isolation/%s: %s\n", t->name, fail_msg);
            failed++;
        } else {
            printf("PASS: isolation/%s\n", t->name);
            passed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
