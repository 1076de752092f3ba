/* A quick end-to-end check of threads and IPC: a second thread in the same
 * VSpace answers Calls through a badged endpoint. */
#include <stdio.h>
#include <sel4/sel4.h>
#include <sel4runtime.h>

static seL4_BootInfo *bi;
static seL4_CPtr next_free;
static seL4_CPtr ut;

static seL4_CPtr alloc(seL4_Word type, seL4_Word size)
{
    seL4_CPtr slot = next_free++;
    seL4_Error e = seL4_Untyped_Retype(ut, type, size, seL4_CapInitThreadCNode, 0, 0, slot, 1);
    if (e) {
        printf("retype type %lu failed: %d\n", type, e);
        return 0;
    }
    return slot;
}

static seL4_CPtr ep, badged;
static uint64_t stack[512] __attribute__((aligned(16)));

static void server(void)
{
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    for (;;) {
        seL4_Word w = seL4_GetMR(0);
        seL4_SetMR(0, ~w);
        seL4_SetMR(1, badge);
        info = seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, 2), &badge);
        (void)info;
    }
}

int main(void)
{
    bi = sel4runtime_bootinfo();
    next_free = bi->empty.start;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_UntypedDesc *d = &bi->untypedList[i];
        if (!d->isDevice && d->sizeBits >= 22) {
            ut = bi->untyped.start + i;
            break;
        }
    }
    ep = alloc(seL4_EndpointObject, 0);
    badged = next_free++;
    seL4_Error e = seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, 64, seL4_CapInitThreadCNode, ep, 64,
                                   seL4_AllRights, 0x61);
    printf("mint: %d\n", e);
    seL4_CPtr tcb = alloc(seL4_TCBObject, 0);
    seL4_CPtr frame = alloc(seL4_X86_4K, 0);
    seL4_CPtr pt = alloc(seL4_X86_PageTableObject, 0);
    seL4_Word vaddr = 0x7000000;
    e = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_AllRights, seL4_X86_Default_VMAttributes);
    printf("first map: %d (level %lu)\n", e, seL4_MappingFailedLookupLevel());
    e = seL4_X86_PageTable_Map(pt, seL4_CapInitThreadVSpace, vaddr, seL4_X86_Default_VMAttributes);
    printf("pt map: %d\n", e);
    e = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_AllRights, seL4_X86_Default_VMAttributes);
    printf("map: %d\n", e);
    e = seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, vaddr, frame);
    printf("configure: %d\n", e);
    e = seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, 254);
    printf("prio: %d\n", e);
    static char tls[4096] __attribute__((aligned(64)));
    seL4_Word tp = sel4runtime_write_tls_image(tls);
    sel4runtime_set_tls_variable(tp, __sel4_ipc_buffer, (seL4_IPCBuffer *)vaddr);
    seL4_UserContext regs = { 0 };
    regs.rip = (seL4_Word)server;
    regs.rsp = (seL4_Word)&stack[512] - 8;
    regs.fs_base = tp;
    e = seL4_TCB_WriteRegisters(tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
    printf("write regs + resume: %d\n", e);
    for (int i = 0; i < 3; i++) {
        seL4_SetMR(0, 0x6161 + i);
        seL4_MessageInfo_t r = seL4_Call(badged, seL4_MessageInfo_new(0, 0, 0, 1));
        printf("reply len %lu: %#lx badge %#lx\n", seL4_MessageInfo_get_length(r), seL4_GetMR(0), seL4_GetMR(1));
    }
    seL4_DebugDumpScheduler();
    return 0;
}
