/*
 * keel tutorial dynamic-2: IPC between two threads.
 *
 * The root task creates a second thread in its own address space and
 * CSpace, gives it an IPC buffer that it maps itself, and the two threads
 * exchange one message through an endpoint: main calls, thread_2 receives,
 * answers and waits for the next message.
 *
 * Each TASK comment below marks a piece of the program for you to write.
 * docs/tutorials/dynamic-2.md explains every task and the output to expect.
 */

/* The kernel configuration (CONFIG_...). */
#include <autoconf.h>

#include <stdio.h>
#include <assert.h>

#include <sel4/sel4.h>
#include <sel4runtime.h>
#include <sel4runtime/gen_config.h>

#include <simple/simple.h>
#include <simple-default/simple-default.h>

#include <vka/object.h>
#include <vka/object_capops.h>

#include <allocman/allocman.h>
#include <allocman/bootstrap.h>
#include <allocman/vka.h>

#include <vspace/vspace.h>

#include <sel4utils/vspace.h>
#include <sel4utils/mapping.h>

#include <utils/arith.h>
#include <utils/zf_log.h>
#include <sel4utils/sel4_zf_logif.h>

#include <sel4platsupport/bootinfo.h>

/* constants */
#define IPCBUF_FRAME_SIZE_BITS 12   /* the IPC buffer gets a 4 KiB frame */
#define IPCBUF_VADDR 0x7000000      /* where it is mapped: any free address will do */

#define EP_BADGE 0x61               /* badge of main's endpoint cap: any nonzero value */
#define MSG_DATA 0x6161             /* the word main sends */

/* what the program knows about its environment */
seL4_BootInfo *info;
simple_t simple;
vka_t vka;
allocman_t *allocman;

/* shared with the second thread */
vka_object_t ep_object;
cspacepath_t ep_cap_path;

/* memory the allocator keeps its own records in */
#define ALLOCATOR_STATIC_POOL_SIZE (BIT(seL4_PageBits) * 10)
UNUSED static char allocator_mem_pool[ALLOCATOR_STATIC_POOL_SIZE];

/* the second thread's stack (4 KiB) */
#define THREAD_2_STACK_SIZE 512
static uint64_t thread_2_stack[THREAD_2_STACK_SIZE] __attribute__((aligned(16)));

/* the second thread's thread-local storage */
static char tls_region[CONFIG_SEL4RUNTIME_STATIC_TLS] = {};

/* from libsel4tutorials: names a thread in the kernel's fault reports (when enabled) */
extern void name_thread(seL4_CPtr tcb, char *name);

/* The second thread starts here. */
void thread_2(void)
{
    seL4_Word sender_badge = 0;
    UNUSED seL4_MessageInfo_t tag;
    seL4_Word msg = 0;

    printf("thread_2: hallo wereld\n");

    /* TASK 11: wait for a message on the endpoint.
     *
     * seL4_Recv blocks until a message arrives on the endpoint (here main's
     * seL4_Call) and returns its seL4_MessageInfo_t; the badge of the cap
     * the sender used is written to *sender:
     *     seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender);
     * Receive on the original endpoint cap, ep_object.cptr: badges belong to
     * the senders' caps. Keep the result in `tag` and the badge in
     * `sender_badge`.
     */
/*@ task 11 solution @*/
    tag = seL4_Recv(ep_object.cptr, &sender_badge);
/*@ end @*/

    /* TASK 12: check that the message is the one expected.
     *
     * Stop with ZF_LOGF_IF(condition, message) when the badge is not
     * EP_BADGE, or when the message does not carry exactly one message
     * register (seL4_MessageInfo_get_length(tag) gives the count).
     */
/*@ task 12 solution @*/
    ZF_LOGF_IF(sender_badge != EP_BADGE,
               "The badge on the message was not the one main's cap was minted with.\n");

    ZF_LOGF_IF(seL4_MessageInfo_get_length(tag) != 1,
               "The message from main was not one message register long.\n"
               "\tHow many registers does main fill with seL4_SetMR?\n");
/*@ end @*/

    /* TASK 13: read the word main sent.
     *
     * seL4_GetMR(i) returns message register i of this thread's IPC buffer:
     *     seL4_Word seL4_GetMR(int i);
     * Put message register 0 in `msg`.
     */
/*@ task 13 solution @*/
    msg = seL4_GetMR(0);
/*@ end @*/
    printf("thread_2: got a message %#" PRIxPTR " from %#" PRIxPTR "\n", msg, sender_badge);

    /* the answer: every bit of the message flipped */
    msg = ~msg;

    /* TASK 14: put the answer in message register 0.
     *
     *     void seL4_SetMR(int i, seL4_Word mr);
     */
/*@ task 14 solution @*/
    seL4_SetMR(0, msg);
/*@ end @*/

    /* TASK 15: answer main, then wait for the next message.
     *
     * seL4_ReplyRecv sends a reply to the thread whose seL4_Call this thread
     * received last (through the one-shot reply capability the kernel made
     * for that call), then receives on the endpoint like seL4_Recv:
     *     seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
     *                                       seL4_Word *sender);
     * `tag` from seL4_Recv already says "one message register", so it can
     * describe the reply too.
     */
/*@ task 15 solution @*/
    seL4_ReplyRecv(ep_object.cptr, tag, &sender_badge);
/*@ end @*/
}

int main(void)
{
    UNUSED int error = 0;

    /* the boot info the kernel handed to this root task */
    info = platsupport_get_bootinfo();
    ZF_LOGF_IF(info == NULL, "There is no boot info.\n");

    /* tag every log line with the tutorial's name, and name this thread */
    zf_log_set_tag_prefix("dynamic-2:");
    name_thread(seL4_CapInitThreadTCB, "dynamic-2");

    /* a simple_t over the boot info */
    simple_default_init_bootinfo(&simple, info);

    /* print what the boot info contains */
    simple_print(&simple);

    /* an allocator over the empty slots and the untyped memory */
    allocman = bootstrap_use_current_simple(&simple, ALLOCATOR_STATIC_POOL_SIZE, allocator_mem_pool);
    ZF_LOGF_IF(allocman == NULL, "Could not create the allocator.\n"
               "\tIs allocator_mem_pool big enough for its records?\n");

    /* the vka interface to it */
    allocman_make_vka(&vka, allocman);

    /* our CSpace root CNode */
    seL4_CPtr cspace_cap;
    cspace_cap = simple_get_cnode(&simple);

    /* our VSpace root (a PML4 on x86_64) */
    seL4_CPtr pd_cap;
    pd_cap = simple_get_pd(&simple);

    /* the second thread's TCB */
    vka_object_t tcb_object = {0};
    error = vka_alloc_tcb(&vka, &tcb_object);
    ZF_LOGF_IFERR(error, "Could not allocate a TCB.\n"
                  "\tDid the allocator get the untyped memory from the boot info?\n");

    /*
     * The second thread's IPC buffer: a frame of its own, mapped here.
     */

    /* TASK 1: allocate a frame for the IPC buffer.
     *
     * vka_alloc_frame retypes untyped memory into a frame of 2^size_bits
     * bytes and fills in *result (its cap is result->cptr); 0 means success:
     *     int vka_alloc_frame(vka_t *vka, uint32_t size_bits, vka_object_t *result);
     * Use IPCBUF_FRAME_SIZE_BITS and ipc_frame_object.
     */
    vka_object_t ipc_frame_object = {0};
/*@ task 1 solution @*/
    error = vka_alloc_frame(&vka, IPCBUF_FRAME_SIZE_BITS, &ipc_frame_object);
    ZF_LOGF_IFERR(error, "Could not allocate a frame for the IPC buffer.\n"
                  "\tThe size argument is a power of two (12 for 4 KiB), not a byte count.\n");
/*@ end @*/

    /*
     * Map the frame at ipc_buffer_vaddr. Mapping a frame needs a page table
     * covering that address; if there is none the map fails, and we make a
     * page table, map it, and map the frame again.
     */
    seL4_Word ipc_buffer_vaddr = IPCBUF_VADDR;

    /* TASK 2: try to map the frame.
     *
     * seL4_ARCH_Page_Map is vspace/arch/page.h's name for seL4_X86_Page_Map:
     *     seL4_Error seL4_X86_Page_Map(seL4_X86_Page frame, seL4_CPtr vspace, seL4_Word vaddr,
     *                                  seL4_CapRights_t rights, seL4_X86_VMAttributes attr);
     * Map ipc_frame_object.cptr into pd_cap at ipc_buffer_vaddr with
     * seL4_AllRights and seL4_ARCH_Default_VMAttributes, keeping the result
     * in `error`. Expect it to fail: nothing has put a page table at this
     * address yet, and the kernel answers seL4_FailedLookup.
     */
/*@ task 2 solution @*/
    error = seL4_ARCH_Page_Map(ipc_frame_object.cptr, pd_cap, ipc_buffer_vaddr,
                               seL4_AllRights, seL4_ARCH_Default_VMAttributes);
/*@ end @*/

    if (error != 0) {
        /* TASK 3: allocate a page table.
         *
         *     int vka_alloc_page_table(vka_t *vka, vka_object_t *result);
         * Declare a vka_object_t pt_object for it, and keep the result in
         * `error`.
         */
/*@ task 3 solution @*/
        vka_object_t pt_object;
        error = vka_alloc_page_table(&vka, &pt_object);
/*@ end @*/
        ZF_LOGF_IFERR(error, "Failed to allocate new page table.\n");

        /* TASK 4: map the page table.
         *
         * seL4_ARCH_PageTable_Map is seL4_X86_PageTable_Map: it puts the
         * page table into the page directory entry that covers vaddr:
         *     seL4_Error seL4_X86_PageTable_Map(seL4_X86_PageTable pt, seL4_CPtr vspace,
         *                                       seL4_Word vaddr, seL4_X86_VMAttributes attr);
         * Use seL4_ARCH_Default_VMAttributes.
         */
/*@ task 4 solution @*/
        error = seL4_ARCH_PageTable_Map(pt_object.cptr, pd_cap, ipc_buffer_vaddr,
                                        seL4_ARCH_Default_VMAttributes);
/*@ end @*/
        ZF_LOGF_IFERR(error, "Could not map the page table.\n"
                      "\tIts first argument is the page table's cap (pt_object.cptr), the second our VSpace.\n");

        /* TASK 5: map the frame again.
         *
         * The same call as in task 2; with the page table in place it
         * succeeds.
         */
/*@ task 5 solution @*/
        error = seL4_ARCH_Page_Map(ipc_frame_object.cptr, pd_cap, ipc_buffer_vaddr,
                                   seL4_AllRights, seL4_ARCH_Default_VMAttributes);
/*@ end @*/
        ZF_LOGF_IFERR(error, "The second attempt to map the IPC buffer frame failed too.\n"
                      "\tWith the page table mapped it should work: compare its arguments with task 2's.\n");
    }

    /* TASK 6: allocate an endpoint.
     *
     *     int vka_alloc_endpoint(vka_t *vka, vka_object_t *result);
     * Put it in the global ep_object (thread_2 uses it too), keeping the
     * result in `error`.
     */
/*@ task 6 solution @*/
    error = vka_alloc_endpoint(&vka, &ep_object);
/*@ end @*/
    ZF_LOGF_IFERR(error, "Could not allocate an endpoint.\n");

    /* TASK 7: make a badged copy of the endpoint cap for main to send with.
     *
     * vka_mint_object allocates a new slot and mints into it a copy of
     * object's cap with the given rights and badge; the new slot's path goes
     * to *result (its cap is result->capPtr):
     *     int vka_mint_object(vka_t *vka, vka_object_t *object, cspacepath_t *result,
     *                         seL4_CapRights_t rights, seL4_Word badge);
     * Mint from ep_object into ep_cap_path with seL4_AllRights and EP_BADGE.
     */
/*@ task 7 solution @*/
    error = vka_mint_object(&vka, &ep_object, &ep_cap_path, seL4_AllRights, EP_BADGE);
/*@ end @*/
    ZF_LOGF_IFERR(error, "Could not mint a badged copy of the endpoint cap.\n"
                  "\tvka_mint_object calls seL4_CNode_Mint: the copy names the same endpoint, with a badge.\n");

    /* The IPC buffer's userData word is free for the program to use: record
     * the buffer's own address there. This writes through our mapping at
     * ipc_buffer_vaddr, so the frame must be mapped by now. */
    seL4_IPCBuffer *ipcbuf = (seL4_IPCBuffer *)ipc_buffer_vaddr;
    ipcbuf->userData = ipc_buffer_vaddr;

    /* configure the new TCB: our CSpace and VSpace, its IPC buffer, no fault endpoint */
    error = seL4_TCB_Configure(tcb_object.cptr, seL4_CapNull,
                               cspace_cap, seL4_NilData, pd_cap, seL4_NilData,
                               ipc_buffer_vaddr, ipc_frame_object.cptr);
    ZF_LOGF_IFERR(error, "Could not configure the new TCB.\n"
                  "\tIt gets our CSpace and VSpace, and the IPC buffer frame of task 1.\n");

    /* give the new thread a name */
    name_thread(tcb_object.cptr, "dynamic-2: thread_2");

    /* the new thread's first registers */
    seL4_UserContext regs = {0};
    size_t regs_size = sizeof(seL4_UserContext) / sizeof(seL4_Word);

    /* it starts at thread_2 */
    sel4utils_set_instruction_pointer(&regs, (seL4_Word)thread_2);

    /* the stack must end on a 16-byte boundary */
    const int stack_alignment_requirement = sizeof(seL4_Word) * 2;
    uintptr_t thread_2_stack_top = (uintptr_t)thread_2_stack + sizeof(thread_2_stack);

    ZF_LOGF_IF(thread_2_stack_top % (stack_alignment_requirement) != 0,
               "The top of thread_2's stack is not aligned to %d bytes.\n",
               stack_alignment_requirement);

    /*
     * The stack grows down from its top. x86_64 functions expect to be
     * entered by a call, which leaves rsp 8 bytes below a 16-byte boundary
     * (the return address is there), so thread_2 starts with rsp one word
     * below the top. That word is 0: if thread_2 returns, it jumps to 0.
     */
    sel4utils_set_stack_pointer(&regs, thread_2_stack_top - sizeof(seL4_Word));

    /* write all of them */
    error = seL4_TCB_WriteRegisters(tcb_object.cptr, 0, 0, regs_size, &regs);
    ZF_LOGF_IFERR(error, "Could not write the new thread's registers.\n"
                  "\tThe count is in words: sizeof(seL4_UserContext) / sizeof(seL4_Word).\n");

    /* thread-local storage for the new thread, with its IPC buffer address in it */
    uintptr_t tls = sel4runtime_write_tls_image(tls_region);
    error = sel4runtime_set_tls_variable(tls, __sel4_ipc_buffer, ipcbuf);
    ZF_LOGF_IF(error, "Could not store the IPC buffer address in the new thread's TLS.\n");
    /* and make it the new thread's TLS */
    error = seL4_TCB_SetTLSBase(tcb_object.cptr, tls);
    ZF_LOGF_IF(error, "Could not set the new thread's TLS base.\n");

    /* let it run: at priority 0 it runs only when main blocks */
    error = seL4_TCB_Resume(tcb_object.cptr);
    ZF_LOGF_IFERR(error, "Could not start the new thread.\n");

    /* we are done, say hello */
    printf("main: hello world\n");

    /*
     * Send a message to the new thread and wait for its reply.
     */
    seL4_Word msg = 0;
    seL4_MessageInfo_t tag = seL4_MessageInfo_new(0, 0, 0, 0);

    /* TASK 8: prepare a one-word message.
     *
     * A message is described by a seL4_MessageInfo_t:
     *     seL4_MessageInfo_t seL4_MessageInfo_new(seL4_Word label, seL4_Word capsUnwrapped,
     *                                             seL4_Word extraCaps, seL4_Word length);
     * where length is the number of message registers sent. Make `tag` say
     * label 0, no caps, length 1, and put MSG_DATA in message register 0:
     *     void seL4_SetMR(int i, seL4_Word mr);
     */
/*@ task 8 solution @*/
    tag = seL4_MessageInfo_new(0, 0, 0, 1);
    seL4_SetMR(0, MSG_DATA);
/*@ end @*/

    /* TASK 9: send it and wait for the reply.
     *
     * seL4_Call sends the message on the endpoint cap `dest` and blocks
     * until the receiver replies; it returns the reply's seL4_MessageInfo_t:
     *     seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo);
     * Call through the badged cap, ep_cap_path.capPtr, and keep the reply's
     * info in `tag`.
     */
/*@ task 9 solution @*/
    tag = seL4_Call(ep_cap_path.capPtr, tag);
/*@ end @*/

    /* TASK 10: read the reply.
     *
     * The reply's words are in this thread's message registers: put message
     * register 0 in `msg` (seL4_GetMR).
     */
/*@ task 10 solution @*/
    msg = seL4_GetMR(0);
/*@ end @*/

    /* check the reply */
    ZF_LOGF_IF(seL4_MessageInfo_get_length(tag) != 1,
               "Response data from thread_2 was not the length expected.\n"
               "\tHow many registers did you set with seL4_SetMR within thread_2?\n");

    ZF_LOGF_IF(msg != ~MSG_DATA,
               "Response data from thread_2's content was not what was expected.\n");

    printf("main: got a reply: %#" PRIxPTR "\n", msg);

    return 0;
}
