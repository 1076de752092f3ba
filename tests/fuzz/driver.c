/* The fuzzer's driver thread: random syscalls and invocations on the caps
 * of the fuzzed CNode FC, with random and boundary arguments.
 *
 * The driver can be stopped at any moment (blocked in an IPC, faulted) and
 * restarted at driver_main by the root: its whole state is in `drv`, and
 * the operation counter and random number generator are saved before each
 * syscall, so a restart goes on with the next operation. */
#include <stdio.h>
#include <string.h>
#include "fuzz.h"

driver_t drv;
hint_t fc_hint[FC_SLOTS];
seL4_Word fc_g52;

static const char *const op_names[D_NOPS] = {
    "Copy", "Mint", "Move", "Mutate", "Rotate", "Delete", "Revoke", "SaveCaller", "CancelBadged",
    "Retype",
    "ReadRegs", "WriteRegs", "CopyRegs", "Suspend", "Resume", "Configure", "SetPrio", "SetMCP",
    "SetSched", "SetIPCBuf", "SetSpace", "Bind", "Unbind", "SetTLS",
    "PageMap", "PageUnmap", "GetAddr", "TableMap", "TableUnmap", "ASIDAssign", "MakePool",
    "IRQAck", "IRQSet", "IRQClear", "PortIn", "PortOut", "Domain",
    "Send", "NBSend", "Call", "Recv", "NBRecv", "Reply", "ReplyRecv", "Yield",
    "Invoke", "BadSyscall", "Debug",
};

const char *driver_op_name(int op) { return op >= 0 && op < D_NOPS ? op_names[op] : "?"; }

/* Relative weights of the operations. */
static const uint8_t weight[D_NOPS] = {
    [D_COPY] = 8, [D_MINT] = 8, [D_MOVE] = 4, [D_MUTATE] = 3, [D_ROTATE] = 2, [D_DELETE] = 6,
    [D_REVOKE] = 3, [D_SAVECALLER] = 2, [D_CANCELBADGED] = 2,
    [D_RETYPE] = 10,
    [D_READREGS] = 2, [D_WRITEREGS] = 3, [D_COPYREGS] = 1, [D_SUSPEND] = 2, [D_RESUME] = 3,
    [D_CONFIGURE] = 2, [D_SETPRIO] = 2, [D_SETMCP] = 1, [D_SETSCHED] = 1, [D_SETIPCBUF] = 1,
    [D_SETSPACE] = 1, [D_BIND] = 2, [D_UNBIND] = 1, [D_SETTLS] = 1,
    [D_PAGEMAP] = 6, [D_PAGEUNMAP] = 3, [D_GETADDR] = 1, [D_TABLEMAP] = 5, [D_TABLEUNMAP] = 2,
    [D_ASIDASSIGN] = 2, [D_MAKEPOOL] = 1,
    [D_IRQACK] = 1, [D_IRQSET] = 1, [D_IRQCLEAR] = 1, [D_PORTIN] = 1, [D_PORTOUT] = 1, [D_DOMAIN] = 1,
    [D_SEND] = 3, [D_NBSEND] = 5, [D_CALL] = 8, [D_RECV] = 2, [D_NBRECV] = 5, [D_REPLY] = 2,
    [D_REPLYRECV] = 2, [D_YIELD] = 1,
    [D_INVOKE] = 8, [D_BADSYSCALL] = 1, [D_DEBUG] = 1,
};

static const seL4_Word boundary[] = {
    0, 1, 2, 3, 4, 7, 8, 11, 12, 13, 15, 16, 31, 32, 47, 48, 51, 52, 53, 63, 64, 65, 127, 128, 255, 256, 257,
    4095, 4096, 4097, 0x7fffffff, 0x80000000ul, 0xfffffffful, 0x1000, 0xfff, 0x1001, 0x200000, 0x1fffff,
    0x40000000, 1ul << 47, (1ul << 47) - 1, seL4_UserTop, seL4_UserTop - 0x1000, seL4_UserTop + 0x1000,
    0x7fffffffffffffffl, 0x8000000000000000ul, ~0ul, ~0ul - 1, ~0ul << 12,
};

static uint64_t *R;   /* &drv.rng while an operation is generated */

static seL4_Word word(void)
{
    uint64_t x = rng_below(R, 100);
    if (x < 50)
        return boundary[rng_below(R, sizeof(boundary) / sizeof(boundary[0]))];
    if (x < 75)
        return rng_below(R, 256);
    return rng_next(R);
}

/* A CPtr that cannot reach the driver's private CNode (bit 63 selects it). */
static seL4_Word safe_cptr(seL4_Word c) { return c >> 63 ? c & ~(1ul << 63) : c; }

/* ---------------------------------------------------------------- choosing caps */

/* FC slots that held something when last seen (may be stale; duplicates allowed). */
static uint16_t live[FC_SLOTS];
static unsigned n_live;

static void note(seL4_Word slot, uint8_t type, uint8_t depth, uint8_t radix, uint8_t fc)
{
    if (slot >= FC_SLOTS)
        return;
    fc_hint[slot] = (hint_t){ type, depth, radix, fc };
    if (type == CT_NULL)
        return;
    if (n_live == FC_SLOTS) {   /* compact: keep the slots still believed full */
        unsigned n = 0;
        for (unsigned i = 0; i < n_live; i++)
            if (fc_hint[live[i]].type != CT_NULL)
                live[n++] = live[i];
        n_live = n;
        if (n_live == FC_SLOTS)
            n_live = 0;
    }
    live[n_live++] = (uint16_t)slot;
}

void driver_reset_hints(void)
{
    memset(fc_hint, 0, sizeof(fc_hint));
    n_live = 0;
}

void driver_note(seL4_Word slot, uint8_t type, uint8_t depth, uint8_t radix, uint8_t fc)
{
    note(slot, type, depth, radix, fc);
}

static seL4_Word any_cptr(void)
{
    uint64_t x = rng_below(R, 100);
    if (x < 60 && n_live)
        return live[rng_below(R, n_live)];
    if (x < 90)
        return rng_below(R, FC_SLOTS);
    return safe_cptr(word());
}

/* A slot believed to hold a cap of `type`, now and then anything. */
static seL4_Word pick(uint8_t type)
{
    if (rng_chance(R, 90) && n_live)
        for (int tries = 0; tries < 24; tries++) {
            seL4_Word s = live[rng_below(R, n_live)];
            if (fc_hint[s].type == type)
                return s;
        }
    return any_cptr();
}

static seL4_Word free_slot(void)
{
    if (rng_chance(R, 85))
        return FC_POP_END + rng_below(R, FC_SLOTS - FC_POP_END);
    return rng_chance(R, 50) ? rng_below(R, FC_SLOTS) : word();
}

/* A CNode cap and a slot in it: (root, index, depth). *in_fc is the FC
 * slot the triple names, or FC_SLOTS if it names none (as far as we know). */
static void cnode_slot(seL4_Word *root, seL4_Word *index, seL4_Word *depth, seL4_Word *in_fc, int want_free)
{
    seL4_Word c = pick(CT_CNODE);
    hint_t h = c < FC_SLOTS ? fc_hint[c] : (hint_t){ 0, 0, 0, 0 };
    *root = c;
    *in_fc = FC_SLOTS;
    if (h.type != CT_CNODE || rng_chance(R, 10)) {
        *index = word();
        *depth = word();
        return;
    }
    if (h.fc)
        *index = want_free ? free_slot() : (rng_chance(R, 70) && n_live ? live[rng_below(R, n_live)] : free_slot());
    else if (rng_chance(R, 60))   /* a worker CNode: its filled slots and where workers look */
        *index = 1 + rng_below(R, 2 * WC_FIRST_FREE);
    else
        *index = rng_below(R, 1ul << h.radix);
    *depth = rng_chance(R, 85) ? h.depth : word();
    if (h.fc && *depth == h.depth && *index < FC_SLOTS)
        *in_fc = *index;
    if (rng_chance(R, 5))
        *index = word();
}

/* ---------------------------------------------------------------- issuing */

static seL4_Word mr[seL4_MsgMaxLength];
static seL4_Word caps[seL4_MsgMaxExtraCaps];

/* Call `cptr` with label and nmr words from mr[], ncaps caps from caps[];
 * now and then cut the message short. Returns the reply's label. */
static seL4_Word invoke(seL4_Word cptr, seL4_Word label, seL4_Word nmr, seL4_Word ncaps)
{
    seL4_IPCBuffer *ipc = seL4_GetIPCBuffer();
    if (rng_chance(R, 4) && nmr)
        nmr = rng_below(R, nmr);
    if (rng_chance(R, 3) && ncaps)
        ncaps = rng_below(R, ncaps);
    for (seL4_Word i = 0; i < ncaps; i++)
        ipc->caps_or_badges[i] = caps[i];
    for (seL4_Word i = 4; i < nmr; i++)
        ipc->msg[i] = mr[i];
    seL4_Word info = seL4_MessageInfo_new(label, 0, ncaps, nmr).words[0];
    info = raw_syscall(seL4_SysCall, cptr, info, mr, NULL);
    return seL4_MessageInfo_get_label((seL4_MessageInfo_t){ { info } });
}

static seL4_Word rights(void) { return rng_chance(R, 80) ? rng_below(R, 16) : word(); }

static seL4_Word vaddr(void)
{
    switch (rng_below(R, 6)) {
    case 0: return REGION + rng_below(R, 512) * 0x1000;             /* the workers' region */
    case 1: return 0x400000 + rng_below(R, 512) * 0x1000;           /* over the image */
    case 2: return 0x20000000 + rng_below(R, 1024) * 0x200000;      /* elsewhere, large-page aligned */
    case 3: return rng_below(R, 1ul << 47) & ~0xffful;
    case 4: return rng_below(R, 1ul << 47);                         /* unaligned */
    default: return word();
    }
}

static int worker_k(void) { return (int)rng_below(R, N_WORKERS); }

/* ---------------------------------------------------------------- one operation */

static void do_op(int op)
{
    seL4_Word err = 0, root, index, depth, dest_fc, src_fc, c, k;
    seL4_Word root2, index2, depth2;
    bool called = true;

    memset(mr, 0, 4 * sizeof(seL4_Word));
    switch (op) {
    case D_COPY:
    case D_MINT:
    case D_MOVE:
    case D_MUTATE: {
        static const seL4_Word labels[] = { CNodeCopy, CNodeMint, CNodeMove, CNodeMutate };
        cnode_slot(&root, &index, &depth, &dest_fc, 1);
        cnode_slot(&root2, &index2, &depth2, &src_fc, 0);
        mr[0] = index, mr[1] = depth, mr[2] = index2, mr[3] = depth2;
        mr[4] = op == D_MUTATE ? (rng_chance(R, 50) ? 0 : word()) : rights();
        mr[5] = rng_chance(R, 30) ? 0 : rng_chance(R, 50) ? 1 + rng_below(R, 4) : word();   /* badge or guard */
        caps[0] = root2;
        err = invoke(root, labels[op - D_COPY], op == D_MINT ? 6 : op == D_MOVE ? 4 : 5, 1);
        if (!err && dest_fc < FC_SLOTS && src_fc < FC_SLOTS) {
            hint_t h = fc_hint[src_fc];
            if (op == D_MINT && h.type == CT_CNODE)   /* the guard changed: depth unknown */
                h.depth = 0, h.fc = 0;
            if (op == D_MOVE || op == D_MUTATE) {
                note(src_fc, CT_NULL, 0, 0, 0);
                if (op == D_MUTATE && h.type == CT_CNODE)
                    h.depth = 0, h.fc = 0;
            }
            note(dest_fc, h.type, h.depth, h.radix, h.fc);
        }
        break;
    }
    case D_ROTATE: {
        seL4_Word root3, index3, depth3, piv_fc;
        cnode_slot(&root, &index, &depth, &dest_fc, 1);
        cnode_slot(&root2, &index2, &depth2, &piv_fc, 0);
        cnode_slot(&root3, &index3, &depth3, &src_fc, 0);
        mr[0] = index, mr[1] = depth, mr[2] = 0, mr[3] = index2, mr[4] = depth2, mr[5] = 0;
        mr[6] = index3, mr[7] = depth3;
        caps[0] = root2, caps[1] = root3;
        err = invoke(root, CNodeRotate, 8, 2);
        if (!err)
            for (int i = 0; i < 3; i++) {
                seL4_Word s = i == 0 ? dest_fc : i == 1 ? piv_fc : src_fc;
                if (s < FC_SLOTS)
                    note(s, CT_NULL, 0, 0, 0);   /* unknown now */
            }
        break;
    }
    case D_DELETE:
    case D_REVOKE:
    case D_SAVECALLER:
    case D_CANCELBADGED: {
        static const seL4_Word labels[] = { CNodeDelete, CNodeRevoke, CNodeSaveCaller, CNodeCancelBadgedSends };
        static const uint8_t targets[] = { CT_EP, CT_EP, CT_NTFN, CT_TCB, CT_CNODE, CT_UNTYPED, CT_FRAME, CT_PT,
                                           CT_PML4, CT_REPLY, CT_IRQ_HANDLER, CT_ASID_POOL };
        cnode_slot(&root, &index, &depth, &dest_fc, op == D_SAVECALLER);
        if (op != D_SAVECALLER && rng_chance(R, 50)) {   /* aim at a cap of an interesting type */
            root = fc_g52;
            depth = 64;
            index = dest_fc = pick(op == D_CANCELBADGED ? CT_EP : targets[rng_below(R, sizeof(targets))]);
        }
        mr[0] = index, mr[1] = depth;
        err = invoke(root, labels[op - D_DELETE], 2, 0);
        if (!err && dest_fc < FC_SLOTS) {
            if (op == D_DELETE)
                note(dest_fc, CT_NULL, 0, 0, 0);
            else if (op == D_SAVECALLER)
                note(dest_fc, CT_REPLY, 0, 0, 0);
        }
        break;
    }
    case D_RETYPE: {
        static const uint8_t ct_of[] = { CT_UNTYPED, CT_TCB, CT_EP, CT_NTFN, CT_CNODE, CT_PDPT, CT_PML4,
                                         CT_FRAME, CT_FRAME, CT_FRAME, CT_PT, CT_PD };
        seL4_Word type = rng_chance(R, 90) ? rng_below(R, seL4_ObjectTypeCount) : word();
        seL4_Word bits = type == seL4_UntypedObject ? 4 + rng_below(R, 14)
                       : type == seL4_CapTableObject ? 1 + rng_below(R, 9) : 0;
        if (rng_chance(R, 10))
            bits = word();
        seL4_Word n = rng_chance(R, 60) ? 1 : rng_chance(R, 80) ? 2 + rng_below(R, 3) : word();
        seL4_Word node = 0;
        c = pick(CT_UNTYPED);
        caps[0] = rng_chance(R, 85) ? fc_g52 : pick(CT_CNODE);
        depth = rng_chance(R, 80) ? 0 : rng_chance(R, 70) ? 64 : word();
        if (depth)
            node = pick(CT_CNODE);
        index = free_slot();
        mr[0] = type, mr[1] = bits, mr[2] = node, mr[3] = depth, mr[4] = index, mr[5] = n;
        err = invoke(c, UntypedRetype, 6, 1);
        if (!err && caps[0] == fc_g52 && depth == 0 && type < seL4_ObjectTypeCount)
            for (seL4_Word i = 0; i < n && index + i < FC_SLOTS; i++)
                note(index + i, ct_of[type], type == seL4_CapTableObject ? (uint8_t)bits : 0, (uint8_t)bits, 0);
        break;
    }
    case D_READREGS:
        mr[0] = rng_below(R, 2), mr[1] = rng_chance(R, 80) ? 1 + rng_below(R, 20) : word();
        err = invoke(pick(CT_TCB), TCBReadRegisters, 2, 0);
        break;
    case D_WRITEREGS: {
        seL4_UserContext *u = (seL4_UserContext *)&mr[2];
        k = worker_k();
        mr[0] = rng_chance(R, 70), mr[1] = rng_chance(R, 70) ? 20 : word();
        for (int i = 2; i < 22; i++)
            mr[i] = word();
        uint64_t x = rng_below(R, 100);
        u->rip = x < 60 ? (seL4_Word)worker_main
               : x < 80 ? WORKER_TEXT_START + rng_below(R, WORKER_TEXT_END - WORKER_TEXT_START) : word();
        if (rng_chance(R, 80))
            u->rsp = WORKER_STACK(k) + 0x1000 - 8;
        if (rng_chance(R, 80))
            u->rdi = WORKER_WCB(k);
        err = invoke(pick(CT_TCB), TCBWriteRegisters, 22, 0);
        break;
    }
    case D_COPYREGS:
        mr[0] = rng_below(R, 16);
        caps[0] = pick(CT_TCB);
        err = invoke(pick(CT_TCB), TCBCopyRegisters, 1, 1);
        break;
    case D_SUSPEND:
        err = invoke(pick(CT_TCB), TCBSuspend, 0, 0);
        break;
    case D_RESUME:
        err = invoke(pick(CT_TCB), TCBResume, 0, 0);
        break;
    case D_CONFIGURE:
    case D_SETSPACE:
        k = worker_k();
        mr[0] = rng_chance(R, 80) ? rng_below(R, WC_FIRST_FREE) : word();   /* fault endpoint CPtr */
        mr[1] = rng_chance(R, 60) ? seL4_CNode_CapData_new(0, 64 - WC_BITS).words[0] : word();
        mr[2] = rng_chance(R, 80) ? 0 : word();
        mr[3] = rng_chance(R, 60) ? WORKER_IPC(k) : word();
        caps[0] = pick(CT_CNODE), caps[1] = pick(CT_PML4), caps[2] = pick(CT_FRAME);
        if (op == D_CONFIGURE)
            err = invoke(pick(CT_TCB), TCBConfigure, 4, 3);
        else
            err = invoke(pick(CT_TCB), TCBSetSpace, 3, 2);
        break;
    case D_SETPRIO:
    case D_SETMCP:
        mr[0] = rng_chance(R, 60) ? rng_below(R, WORKER_PRIO_MAX + 2) : word();
        caps[0] = pick(CT_TCB);
        err = invoke(pick(CT_TCB), op == D_SETPRIO ? TCBSetPriority : TCBSetMCPriority, 1, 1);
        break;
    case D_SETSCHED:
        mr[0] = rng_chance(R, 60) ? rng_below(R, WORKER_PRIO_MAX + 2) : word();
        mr[1] = rng_chance(R, 60) ? rng_below(R, WORKER_PRIO_MAX + 2) : word();
        caps[0] = pick(CT_TCB);
        err = invoke(pick(CT_TCB), TCBSetSchedParams, 2, 1);
        break;
    case D_SETIPCBUF:
        mr[0] = rng_chance(R, 50) ? WORKER_IPC(worker_k()) : rng_chance(R, 50) ? vaddr() : word();
        caps[0] = pick(CT_FRAME);
        err = invoke(pick(CT_TCB), TCBSetIPCBuffer, 1, 1);
        break;
    case D_BIND:
        caps[0] = pick(CT_NTFN);
        err = invoke(pick(CT_TCB), TCBBindNotification, 0, 1);
        break;
    case D_UNBIND:
        err = invoke(pick(CT_TCB), TCBUnbindNotification, 0, 0);
        break;
    case D_SETTLS:
        mr[0] = word();
        err = invoke(pick(CT_TCB), TCBSetTLSBase, 1, 0);
        break;
    case D_PAGEMAP:
        mr[0] = vaddr(), mr[1] = rights(), mr[2] = rng_chance(R, 80) ? rng_below(R, 8) : word();
        caps[0] = pick(CT_PML4);
        err = invoke(pick(CT_FRAME), X86PageMap, 3, 1);
        break;
    case D_PAGEUNMAP:
        err = invoke(pick(CT_FRAME), X86PageUnmap, 0, 0);
        break;
    case D_GETADDR:
        err = invoke(pick(CT_FRAME), X86PageGetAddress, 0, 0);
        break;
    case D_TABLEMAP:
    case D_TABLEUNMAP: {
        static const uint8_t t[] = { CT_PT, CT_PD, CT_PDPT };
        static const seL4_Word map[] = { X86PageTableMap, X86PageDirectoryMap, X86PDPTMap };
        static const seL4_Word unmap[] = { X86PageTableUnmap, X86PageDirectoryUnmap, X86PDPTUnmap };
        int l = (int)rng_below(R, 3);
        mr[0] = vaddr(), mr[1] = rng_chance(R, 80) ? rng_below(R, 8) : word();
        caps[0] = pick(CT_PML4);
        if (op == D_TABLEMAP)
            err = invoke(pick(t[l]), map[l], 2, 1);
        else
            err = invoke(pick(t[l]), unmap[l], 0, 0);
        break;
    }
    case D_ASIDASSIGN:
        caps[0] = pick(CT_PML4);
        err = invoke(pick(CT_ASID_POOL), X86ASIDPoolAssign, 0, 1);
        break;
    case D_MAKEPOOL:
        index = free_slot();
        mr[0] = index, mr[1] = rng_chance(R, 85) ? 64 : word();
        caps[0] = pick(CT_UNTYPED), caps[1] = rng_chance(R, 85) ? fc_g52 : pick(CT_CNODE);
        err = invoke(pick(CT_ASID_CONTROL), X86ASIDControlMakePool, 2, 2);
        if (!err && caps[1] == fc_g52 && mr[1] == 64)
            note(index, CT_ASID_POOL, 0, 0, 0);
        break;
    case D_IRQACK:
        err = invoke(pick(CT_IRQ_HANDLER), IRQAckIRQ, 0, 0);
        break;
    case D_IRQSET:
        caps[0] = pick(CT_NTFN);
        err = invoke(pick(CT_IRQ_HANDLER), IRQSetIRQHandler, 0, 1);
        break;
    case D_IRQCLEAR:
        err = invoke(pick(CT_IRQ_HANDLER), IRQClearIRQHandler, 0, 0);
        break;
    case D_PORTIN:
    case D_PORTOUT: {
        static const seL4_Word in[] = { X86IOPortIn8, X86IOPortIn16, X86IOPortIn32 };
        static const seL4_Word out[] = { X86IOPortOut8, X86IOPortOut16, X86IOPortOut32 };
        int s = (int)rng_below(R, 3);
        mr[0] = rng_chance(R, 70) ? 0x7e + rng_below(R, 4) : word();
        mr[1] = word();
        err = invoke(pick(CT_IO_PORT), op == D_PORTIN ? in[s] : out[s], op == D_PORTIN ? 1 : 2, 0);
        break;
    }
    case D_DOMAIN:
        mr[0] = rng_chance(R, 70) ? 0 : word();
        caps[0] = pick(CT_TCB);
        err = invoke(pick(CT_DOMAIN), DomainSetSet, 1, 1);
        break;
    case D_SEND:
    case D_NBSEND:
    case D_CALL:
    case D_REPLY:
    case D_REPLYRECV:
    case D_INVOKE: {
        static const seL4_Word sys[] = { seL4_SysSend, seL4_SysNBSend, seL4_SysCall, 0, 0, seL4_SysReply,
                                         seL4_SysReplyRecv };
        seL4_IPCBuffer *ipc = seL4_GetIPCBuffer();
        seL4_Word label = op == D_INVOKE || rng_chance(R, 30) ? rng_below(R, 56) : word();
        bool plain = op == D_CALL && rng_chance(R, 50);   /* the fast path's case: short, no caps */
        seL4_Word len = plain || rng_chance(R, 80) ? rng_below(R, plain ? 5 : 9)
                      : rng_chance(R, 50) ? 119 + rng_below(R, 3) : word() & 0x7f;
        seL4_Word ncaps = plain || rng_chance(R, 60) ? 0 : rng_below(R, 4);
        c = op == D_INVOKE ? any_cptr() : pick(rng_chance(R, 70) ? CT_EP : CT_NTFN);
        for (int i = 0; i < 4; i++)
            mr[i] = word();
        for (seL4_Word i = 4; i < len && i < seL4_MsgMaxLength; i++)
            ipc->msg[i] = word();
        for (seL4_Word i = 0; i < ncaps; i++)
            ipc->caps_or_badges[i] = any_cptr();
        if (rng_chance(R, 50)) {   /* where a cap sent back to us goes */
            ipc->receiveCNode = fc_g52;
            ipc->receiveIndex = free_slot();
            ipc->receiveDepth = rng_chance(R, 90) ? 64 : word();
        }
        seL4_Word info = seL4_MessageInfo_new(label, 0, ncaps, len).words[0];
        if (!plain && rng_chance(R, 5))
            info = word();
        if (op == D_INVOKE)
            info = raw_syscall(rng_chance(R, 80) ? seL4_SysCall : seL4_SysNBSend, c, info, mr, NULL);
        else
            info = raw_syscall(sys[op - D_SEND], c, info, mr, NULL);
        called = op == D_CALL || op == D_INVOKE;
        err = seL4_MessageInfo_get_label((seL4_MessageInfo_t){ { info } });
        break;
    }
    case D_RECV:
    case D_NBRECV: {
        seL4_IPCBuffer *ipc = seL4_GetIPCBuffer();
        c = pick(rng_chance(R, 70) ? CT_EP : CT_NTFN);
        ipc->receiveCNode = fc_g52;
        ipc->receiveIndex = free_slot();
        ipc->receiveDepth = rng_chance(R, 90) ? 64 : word();
        raw_syscall(op == D_RECV ? seL4_SysRecv : seL4_SysNBRecv, c, 0, mr, NULL);
        called = false;
        break;
    }
    case D_YIELD:
        seL4_Yield();
        called = false;
        break;
    case D_BADSYSCALL: {
        /* never the syscalls that end the run or move our own TLS base */
        seL4_Word sys;
        do
            sys = rng_chance(R, 50) ? (seL4_Word)-(long)(15 + rng_below(R, 30)) : word();
        while (sys == (seL4_Word)seL4_SysSetTLSBase || sys == (seL4_Word)keel_SysDebugExit ||
               sys == (seL4_Word)seL4_SysDebugHalt || sys == (seL4_Word)seL4_SysDebugDumpScheduler ||
               (sys >= (seL4_Word)-14 && sys != 0));
        for (int i = 0; i < 4; i++)
            mr[i] = word();
        raw_syscall(sys, any_cptr(), word(), mr, NULL);   /* faults: the root restarts us */
        called = false;
        break;
    }
    default: /* D_DEBUG */
        if (rng_chance(R, 50)) {
            seL4_DebugCapIdentify(any_cptr());
        } else {
            char name[24] = "fuzzed-thread-";
            name[14] = (char)('a' + rng_below(R, 26));
            seL4_DebugNameThread(pick(CT_TCB), name);
        }
        called = false;
        break;
    }
    if (called)
        drv.err[op][err < N_ERR - 1 ? err : N_ERR - 1]++;
}

static int choose_op(void)
{
    static unsigned total;
    if (!total)
        for (int i = 0; i < D_NOPS; i++)
            total += weight[i];
    unsigned x = (unsigned)rng_below(R, total);
    for (int i = 0; i < D_NOPS; i++) {
        if (x < weight[i])
            return i;
        x -= weight[i];
    }
    return D_YIELD;
}

/* The driver thread; the root starts (and restarts) it here. Every random
 * draw updates drv.rng at once and all draws of an operation come before
 * its syscall, so a restart goes on with the next operation. */
void driver_main(void)
{
    R = &drv.rng;
    while (drv.op < drv.end) {
        int op = choose_op();
        drv.op++;
        drv.cur = (uint64_t)op;
        drv.by_op[op]++;
        if (fuzz_params.verbose) {
            char line[64];
            snprintf(line, sizeof(line), "op %lu: %s\n", drv.op, driver_op_name(op));
            seL4_DebugPutString(line);
        }
        do_op(op);
    }
    drv.done = 1;
    seL4_Signal(P_CPTR(P_DONE));
    for (;;)
        seL4_Wait(P_CPTR(P_PARK), NULL);
}
