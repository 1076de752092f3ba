/* Objects, threads and the second address space for the benchmarks. */
#include <stdio.h>
#include <stdlib.h>
#include <sel4/sel4.h>
#include <sel4runtime.h>
#include "bench.h"

seL4_BootInfo *bi;

static seL4_CPtr next_slot, slot_end;
static seL4_CPtr uts[64];
static int n_uts, cur_ut;

void check(seL4_Error e, const char *what)
{
    if (e != seL4_NoError) {
        printf("bench: %s failed: error %d\n", what, (int)e);
        exit(1);
    }
}

seL4_CPtr alloc_slot(void)
{
    if (next_slot >= slot_end) {
        printf("bench: out of CNode slots\n");
        exit(1);
    }
    return next_slot++;
}

/* Untypeds from the largest down; an object goes into the first that has
 * room (a failed retype costs only a console line). */
seL4_CPtr alloc_obj(seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = alloc_slot();
    while (cur_ut < n_uts) {
        seL4_Error e = seL4_Untyped_Retype(uts[cur_ut], type, size_bits, seL4_CapInitThreadCNode, 0, 0,
                                           slot, 1);
        if (e == seL4_NoError)
            return slot;
        if (e != seL4_NotEnoughMemory)
            check(e, "Untyped_Retype");
        cur_ut++;
    }
    printf("bench: out of untyped memory\n");
    exit(1);
}

void setup_init(void)
{
    bi = sel4runtime_bootinfo();
    next_slot = bi->empty.start;
    slot_end = bi->empty.end;

    /* RAM untypeds of at least 1 MiB, largest first. */
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start && n_uts < 64; i++) {
        seL4_UntypedDesc *d = &bi->untypedList[i];
        if (!d->isDevice && d->sizeBits >= 20)
            uts[n_uts++] = bi->untyped.start + i;
    }
    for (int i = 1; i < n_uts; i++) {
        for (int j = i; j > 0; j--) {
            seL4_Uint8 a = bi->untypedList[uts[j - 1] - bi->untyped.start].sizeBits;
            seL4_Uint8 b = bi->untypedList[uts[j] - bi->untyped.start].sizeBits;
            if (a >= b)
                break;
            seL4_CPtr t = uts[j];
            uts[j] = uts[j - 1];
            uts[j - 1] = t;
        }
    }

    /* Sample storage: one 2 MiB page, in the root VSpace only. */
    seL4_CPtr big = alloc_obj(seL4_X86_LargePageObject, 0);
    check(seL4_X86_Page_Map(big, seL4_CapInitThreadVSpace, SAMPLES_VADDR, seL4_AllRights,
                            seL4_X86_Default_VMAttributes), "map sample page");
    /* Page tables for the helper threads' IPC buffers and for map_page. */
    check(seL4_X86_PageTable_Map(alloc_obj(seL4_X86_PageTableObject, 0), seL4_CapInitThreadVSpace,
                                 IPCBUF_VADDR, seL4_X86_Default_VMAttributes), "map IPC-buffer PT");
    check(seL4_X86_PageTable_Map(alloc_obj(seL4_X86_PageTableObject, 0), seL4_CapInitThreadVSpace,
                                 MAPBENCH_VADDR, seL4_X86_Default_VMAttributes), "map map_page PT");
}

/* ---------------------------------------------------------------- threads */

#define STACK_WORDS 2048
#define TLS_BYTES 4096
static uint64_t stacks[MAX_THREADS][STACK_WORDS] __attribute__((aligned(16)));
static unsigned char tls_areas[MAX_THREADS][TLS_BYTES] __attribute__((aligned(64)));
static int n_threads;

seL4_CPtr spawn(seL4_CPtr vspace, thread_fn fn, seL4_Word a0, seL4_Word a1, seL4_CPtr fault_ep)
{
    if (n_threads == MAX_THREADS || sel4runtime_get_tls_size() > TLS_BYTES) {
        printf("bench: too many threads or TLS too large\n");
        exit(1);
    }
    int idx = n_threads++;
    seL4_CPtr tcb = alloc_obj(seL4_TCBObject, 0);
    seL4_CPtr frame = alloc_obj(seL4_X86_4K, 0);
    seL4_Word ipcbuf = IPCBUF_VADDR + (seL4_Word)idx * 4096;

    check(seL4_X86_Page_Map(frame, vspace, ipcbuf, seL4_AllRights, seL4_X86_Default_VMAttributes),
          "map IPC buffer");
    check(seL4_TCB_Configure(tcb, fault_ep, seL4_CapInitThreadCNode, 0, vspace, 0, ipcbuf, frame),
          "TCB_Configure");
    check(seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, PRIO), "TCB_SetPriority");

    seL4_Word tp = sel4runtime_write_tls_image(tls_areas[idx]);
    sel4runtime_set_tls_variable(tp, __sel4_ipc_buffer, (seL4_IPCBuffer *)ipcbuf);

    seL4_UserContext regs = { 0 };
    regs.rip = (seL4_Word)fn;
    regs.rsp = (seL4_Word)&stacks[idx][STACK_WORDS] - 8;   /* as after a call */
    regs.rdi = a0;
    regs.rsi = a1;
    regs.fs_base = tp;
    check(seL4_TCB_WriteRegisters(tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs),
          "TCB_WriteRegisters");
    return tcb;
}

/* ---------------------------------------------------------------- second VSpace */

extern char __executable_start[];

seL4_CPtr make_image_vspace(void)
{
    seL4_X86_VMAttributes attr = seL4_X86_Default_VMAttributes;
    seL4_CPtr pml4 = alloc_obj(seL4_X64_PML4Object, 0);
    check(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4), "ASIDPool_Assign");
    check(seL4_X86_PDPT_Map(alloc_obj(seL4_X86_PDPTObject, 0), pml4, 0, attr), "PDPT_Map");
    check(seL4_X86_PageDirectory_Map(alloc_obj(seL4_X86_PageDirectoryObject, 0), pml4, 0, attr),
          "PageDirectory_Map");
    check(seL4_X86_PageTable_Map(alloc_obj(seL4_X86_PageTableObject, 0), pml4, IPCBUF_VADDR, attr),
          "PageTable_Map (IPC buffers)");

    /* The root task's image frames, copied caps, at the same addresses: the
     * same code, and the same data pages (so globals are shared memory). */
    seL4_Word base = (seL4_Word)__executable_start;
    seL4_Word n = bi->userImageFrames.end - bi->userImageFrames.start;
    seL4_Word last_pt = ~0ul;
    for (seL4_Word i = 0; i < n; i++) {
        seL4_Word va = base + i * 4096;
        if ((va >> 21) != last_pt) {
            last_pt = va >> 21;
            check(seL4_X86_PageTable_Map(alloc_obj(seL4_X86_PageTableObject, 0), pml4, va, attr),
                  "PageTable_Map (image)");
        }
        seL4_CPtr copy = alloc_slot();
        check(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits, seL4_CapInitThreadCNode,
                              bi->userImageFrames.start + i, seL4_WordBits, seL4_AllRights),
              "CNode_Copy (image frame)");
        check(seL4_X86_Page_Map(copy, pml4, va, seL4_AllRights, attr), "Page_Map (image frame)");
    }
    return pml4;
}
