/* The debug syscalls (DebugPutChar, DebugCapIdentify, DebugNameThread,
 * DebugDumpScheduler, DebugSnapshot) and SetTLSBase. The IPC syscalls
 * (Send, NBSend, Call, Recv, NBRecv, Reply, ReplyRecv, Yield) are covered
 * by the ipc, notification and sched areas. */
#include "test.h"

static void syscall_debug_put_char(void)
{
    const char *s = "debug_put_char: visible on the console\n";
    while (*s)
        seL4_DebugPutChar(*s++);
}

static void syscall_cap_identify_objects(void)
{
    CHECK_EQ(cap_type(NEW(seL4_EndpointObject, 0)), CT_EP);
    CHECK_EQ(cap_type(NEW(seL4_NotificationObject, 0)), CT_NTFN);
    CHECK_EQ(cap_type(NEW(seL4_TCBObject, 0)), CT_TCB);
    CHECK_EQ(cap_type(NEW(seL4_CapTableObject, 1)), CT_CNODE);
    CHECK_EQ(cap_type(NEW(seL4_UntypedObject, 4)), CT_UNTYPED);
    CHECK_EQ(cap_type(NEW(seL4_X86_4K, 0)), CT_FRAME);
    CHECK_EQ(cap_type(NEW(seL4_X86_PageTableObject, 0)), CT_PT);
    CHECK_EQ(cap_type(NEW(seL4_X86_PageDirectoryObject, 0)), CT_PD);
    CHECK_EQ(cap_type(NEW(seL4_X86_PDPTObject, 0)), CT_PDPT);
    CHECK_EQ(cap_type(NEW(seL4_X64_PML4Object, 0)), CT_PML4);
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, ep, DEPTH));
    CHECK_EQ(cap_type(ep), CT_NULL);
}

static void syscall_name_thread(void)
{
    thread_t t;
    THREAD(&t, 10, 0);
    seL4_DebugNameThread(t.tcb, "a-rather-long-thread-name-that-is-longer-than-the-kernel-keeps-0123456789");
    seL4_DebugNameThread(t.tcb, "named-by-syscalls-test");
    seL4_CPtr ep = NEW(seL4_EndpointObject, 0);
    seL4_DebugNameThread(ep, "not-a-thread");      /* ignored (userError) */
    seL4_DebugNameThread(slot_alloc(), "empty");
}

static void syscall_dump_scheduler(void)
{
    seL4_DebugDumpScheduler();
}

static void syscall_snapshot(void)
{
    seL4_DebugSnapshot();
}

static char tls2[4096] __attribute__((aligned(64)));

static void set_tls_and_read(seL4_Word tp, seL4_Word unused)
{
    (void)unused;
    seL4_SetTLSBase(tp);
    seL4_Word v;
    __asm__ volatile("movq %%fs:0, %0" : "=r"(v));
    g[0] = v;
    g[1] = (seL4_Word)seL4_GetIPCBuffer();   /* through the new TLS block */
}

static void syscall_set_tls_base(void)
{
    thread_t t;
    THREAD(&t, 10, 0);
    seL4_Word tp = sel4runtime_write_tls_image(tls2);
    CHECK(tp);
    sel4runtime_set_tls_variable(tp, __sel4_ipc_buffer, (seL4_IPCBuffer *)(t.ipc_vaddr + 0));
    CHECK(tp != t.tls_base);
    START(&t, set_tls_and_read, tp, 0);
    run_lower();
    CHECK_EQ(g[0], tp);
    CHECK_EQ(g[1], t.ipc_vaddr);
    seL4_UserContext r;
    CHECK_OK(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 20, &r));
    CHECK_EQ(r.fs_base, tp);
}

static void syscall_yield(void)
{
    for (int i = 0; i < 10; i++)
        seL4_Yield();
}

const test_case_t syscall_tests[] = {
    TEST(syscall, debug_put_char),
    TEST(syscall, cap_identify_objects),
    TEST(syscall, name_thread),
    TEST(syscall, dump_scheduler),
    TEST(syscall, snapshot),
    TEST(syscall, set_tls_base),
    TEST(syscall, yield),
    TESTS_END,
};
