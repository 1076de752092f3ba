/* Host checks of libsel4's syscall and invocation stubs: the syscall
 * instruction is replaced by a mock (KEEL_LIBSEL4_MOCK_SYSCALL) that
 * records the registers and IPC buffer the stub hands to the kernel and
 * plays back a reply. Every entry of the invocation table is called once
 * and its MessageInfo compared with seL4's (label, extraCaps, length);
 * the marshalling of representative stubs is checked word by word. */
#define KEEL_LIBSEL4_MOCK_SYSCALL 1
#include <setjmp.h>
#include <string.h>
#include <sel4/sel4.h>
#include "../../libsel4/src/sel4_bootinfo.c"
#include "check.h"

static seL4_IPCBuffer ipcbuf;

/* What the last syscall saw. */
static struct {
    int calls;
    seL4_Word sys, rdi, rsi, mr[4];
    seL4_IPCBuffer buf;      /* IPC buffer contents at the syscall */
} last;

/* What the next syscall returns. */
static struct {
    seL4_Word rdi, rsi, mr[4];
    seL4_Word msg[seL4_MsgMaxLength]; /* written to msg[4..] if reply_long */
    int reply_long;
} reply;

static jmp_buf exit_jmp;

void keel_mock_syscall(seL4_Word sys, seL4_Word *rdi, seL4_Word *rsi, seL4_Word *r10,
                       seL4_Word *r8, seL4_Word *r9, seL4_Word *r15)
{
    last.calls++;
    last.sys = sys;
    last.rdi = *rdi;
    last.rsi = *rsi;
    last.mr[0] = *r10;
    last.mr[1] = *r8;
    last.mr[2] = *r9;
    last.mr[3] = *r15;
    last.buf = ipcbuf;
    if (sys == (seL4_Word)keel_SysDebugExit) {
        longjmp(exit_jmp, 1);
    }
    *rdi = reply.rdi;
    *rsi = reply.rsi;
    *r10 = reply.mr[0];
    *r8 = reply.mr[1];
    *r9 = reply.mr[2];
    *r15 = reply.mr[3];
    if (reply.reply_long) {
        for (int i = 4; i < seL4_MsgMaxLength; i++) {
            ipcbuf.msg[i] = reply.msg[i];
        }
    }
}

static void reset(void)
{
    memset(&last, 0, sizeof(last));
    memset(&reply, 0, sizeof(reply));
    memset(&ipcbuf, 0, sizeof(ipcbuf));
    seL4_SetIPCBuffer(&ipcbuf);
}

static seL4_Word last_label(void) { return seL4_MessageInfo_get_label((seL4_MessageInfo_t){ { last.rsi } }); }
static seL4_Word last_caps(void) { return seL4_MessageInfo_get_extraCaps((seL4_MessageInfo_t){ { last.rsi } }); }
static seL4_Word last_len(void) { return seL4_MessageInfo_get_length((seL4_MessageInfo_t){ { last.rsi } }); }

/* Message word i as sent: MR0..3 from registers, the rest from the buffer. */
static seL4_Word sent_mr(int i)
{
    return i < 4 ? last.mr[i] : last.buf.msg[i];
}

static void check_mrs(const char *stub, int n, const seL4_Word *want)
{
    char name[128];
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "%s MR%d", stub, i);
        CHECK_EQ(name, sent_mr(i), want[i]);
    }
}

static void check_caps(const char *stub, int n, const seL4_Word *want)
{
    char name[128];
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "%s cap %d", stub, i);
        CHECK_EQ(name, last.buf.caps_or_badges[i], want[i]);
    }
}

static void check_tag(const char *stub, seL4_Word label, seL4_Word caps, seL4_Word len)
{
    char name[128];
    snprintf(name, sizeof(name), "%s is a Call", stub);
    CHECK_EQ(name, last.sys, (seL4_Word)seL4_SysCall);
    snprintf(name, sizeof(name), "%s label", stub);
    CHECK_EQ(name, last_label(), label);
    snprintf(name, sizeof(name), "%s extraCaps", stub);
    CHECK_EQ(name, last_caps(), caps);
    snprintf(name, sizeof(name), "%s length", stub);
    CHECK_EQ(name, last_len(), len);
}

/* ------------------------------------------------------------ every table entry */

/* Call each stub with arbitrary arguments: the table drives the calls. */
static seL4_UserContext regs_arg;
#define ARG(p) ARG_ ## p
#define ARG_In(type, bits, name) , (type)1
#define ARG_Rights(name) , seL4_AllRights
#define ARG_Cap(type, name) , (type)42
#define ARG_RegsIn(name) , &regs_arg
#define ARG_RegsOut(name) , &regs_arg
#define ARG_NoArgs
#define KEEL_INVOCATION(iface, method, label, params) \
    static void call_##iface##_##method(void) \
    { (void)iface##_##method((iface)7 KEEL_MAP(ARG, KEEL_UNPAREN params)); }
#define KEEL_INVOCATION_RESULT(iface, method, label, params, outputs) \
    KEEL_INVOCATION(iface, method, label, params)
#include <interfaces/sel4_invocations.h>
#undef KEEL_INVOCATION
#undef KEEL_INVOCATION_RESULT

static const struct stub {
    const char *name;
    void (*call)(void);
} stubs[] = {
#define KEEL_INVOCATION(iface, method, label, params) { #iface "_" #method, call_##iface##_##method },
#define KEEL_INVOCATION_RESULT(iface, method, label, params, outputs) \
    KEEL_INVOCATION(iface, method, label, params)
#include <interfaces/sel4_invocations.h>
#undef KEEL_INVOCATION
#undef KEEL_INVOCATION_RESULT
};

/* seL4's message shape of every non-MCS x86_64 invocation (from seL4's
 * interface XML and stub generator): label, extra caps, message words. */
static const struct expect {
    const char *name;
    seL4_Word label, caps, len;
} expected[] = {
    { "seL4_Untyped_Retype", 1, 1, 6 },
    { "seL4_TCB_ReadRegisters", 2, 0, 2 },
    { "seL4_TCB_WriteRegisters", 3, 0, 22 },
    { "seL4_TCB_CopyRegisters", 4, 1, 1 },
    { "seL4_TCB_Configure", 5, 3, 4 },
    { "seL4_TCB_SetPriority", 6, 1, 1 },
    { "seL4_TCB_SetMCPriority", 7, 1, 1 },
    { "seL4_TCB_SetSchedParams", 8, 1, 2 },
    { "seL4_TCB_SetIPCBuffer", 9, 1, 1 },
    { "seL4_TCB_SetSpace", 10, 2, 3 },
    { "seL4_TCB_Suspend", 11, 0, 0 },
    { "seL4_TCB_Resume", 12, 0, 0 },
    { "seL4_TCB_BindNotification", 13, 1, 0 },
    { "seL4_TCB_UnbindNotification", 14, 0, 0 },
    { "seL4_TCB_SetTLSBase", 15, 0, 1 },
    { "seL4_TCB_SetFlags", 16, 0, 2 },
    { "seL4_CNode_Revoke", 17, 0, 2 },
    { "seL4_CNode_Delete", 18, 0, 2 },
    { "seL4_CNode_CancelBadgedSends", 19, 0, 2 },
    { "seL4_CNode_Copy", 20, 1, 5 },
    { "seL4_CNode_Mint", 21, 1, 6 },
    { "seL4_CNode_Move", 22, 1, 4 },
    { "seL4_CNode_Mutate", 23, 1, 5 },
    { "seL4_CNode_Rotate", 24, 2, 8 },
    { "seL4_CNode_SaveCaller", 25, 0, 2 },
    { "seL4_IRQControl_Get", 26, 1, 3 },
    { "seL4_IRQHandler_Ack", 27, 0, 0 },
    { "seL4_IRQHandler_SetNotification", 28, 1, 0 },
    { "seL4_IRQHandler_Clear", 29, 0, 0 },
    { "seL4_DomainSet_Set", 30, 1, 1 },
    { "seL4_X86_PDPT_Map", 33, 1, 2 },
    { "seL4_X86_PDPT_Unmap", 34, 0, 0 },
    { "seL4_X86_PageDirectory_Map", 35, 1, 2 },
    { "seL4_X86_PageDirectory_Unmap", 36, 0, 0 },
    { "seL4_X86_PageTable_Map", 37, 1, 2 },
    { "seL4_X86_PageTable_Unmap", 38, 0, 0 },
    { "seL4_X86_Page_Map", 39, 1, 3 },
    { "seL4_X86_Page_Unmap", 40, 0, 0 },
    { "seL4_X86_Page_GetAddress", 41, 0, 0 },
    { "seL4_X86_ASIDControl_MakePool", 42, 2, 2 },
    { "seL4_X86_ASIDPool_Assign", 43, 1, 0 },
    { "seL4_X86_IOPortControl_Issue", 44, 1, 4 },
    { "seL4_X86_IOPort_In8", 45, 0, 1 },
    { "seL4_X86_IOPort_In16", 46, 0, 1 },
    { "seL4_X86_IOPort_In32", 47, 0, 1 },
    { "seL4_X86_IOPort_Out8", 48, 0, 2 },
    { "seL4_X86_IOPort_Out16", 49, 0, 2 },
    { "seL4_X86_IOPort_Out32", 50, 0, 2 },
    { "seL4_IRQControl_GetIOAPIC", 51, 1, 7 },
    { "seL4_IRQControl_GetMSI", 52, 1, 7 },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void every_stub(void)
{
    for (unsigned i = 0; i < N(stubs); i++) {
        const struct expect *e = NULL;
        for (unsigned j = 0; j < N(expected); j++) {
            if (strcmp(expected[j].name, stubs[i].name) == 0) {
                e = &expected[j];
            }
        }
        char name[128];
        snprintf(name, sizeof(name), "%s has an expected message shape", stubs[i].name);
        CHECK(name, e != NULL);
        if (!e) {
            continue;
        }
        reset();
        stubs[i].call();
        snprintf(name, sizeof(name), "%s traps once", stubs[i].name);
        CHECK_EQ(name, last.calls, 1);
        snprintf(name, sizeof(name), "%s invokes the service cap", stubs[i].name);
        CHECK_EQ(name, last.rdi, 7);
        check_tag(stubs[i].name, e->label, e->caps, e->len);
    }
    for (unsigned j = 0; j < N(expected); j++) {
        int found = 0;
        for (unsigned i = 0; i < N(stubs); i++) {
            found |= strcmp(expected[j].name, stubs[i].name) == 0;
        }
        char name[128];
        snprintf(name, sizeof(name), "%s is in the invocation table", expected[j].name);
        CHECK(name, found);
    }
}

/* ------------------------------------------------------------ marshalling details */

static void stub_details(void)
{
    seL4_Error err;

    reset();
    err = seL4_Untyped_Retype(100, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0, 450, 1);
    CHECK_EQ("Untyped_Retype returns reply label", err, seL4_NoError);
    CHECK_EQ("Untyped_Retype service", last.rdi, 100);
    check_mrs("Untyped_Retype", 6, (seL4_Word[]){ seL4_EndpointObject, 0, 0, 0, 450, 1 });
    check_caps("Untyped_Retype", 1, (seL4_Word[]){ seL4_CapInitThreadCNode });

    reset();
    seL4_TCB_Configure(7, 0x11, 2, 0x22, 3, 0x33, 0x7000000, 0x99);
    check_mrs("TCB_Configure", 4, (seL4_Word[]){ 0x11, 0x22, 0x33, 0x7000000 });
    check_caps("TCB_Configure", 3, (seL4_Word[]){ 2, 3, 0x99 });

    reset();
    seL4_UserContext ctx;
    seL4_Word *w = (seL4_Word *)&ctx;
    for (int i = 0; i < 20; i++) {
        w[i] = 0x1000 + i;
    }
    seL4_TCB_WriteRegisters(7, 1, 5, 20, &ctx);
    seL4_Word want[22] = { 1 | (5 << 8), 20 };
    for (int i = 0; i < 20; i++) {
        want[2 + i] = 0x1000 + i;
    }
    check_mrs("TCB_WriteRegisters", 22, want);
    CHECK_EQ("TCB_WriteRegisters MR2 is rip", sent_mr(2), ctx.rip);
    CHECK_EQ("TCB_WriteRegisters MR21 is gs_base", sent_mr(21), ctx.gs_base);

    reset();
    seL4_UserContext out;
    memset(&out, 0, sizeof(out));
    for (int i = 0; i < 4; i++) {
        reply.mr[i] = 0x2000 + i;
    }
    for (int i = 4; i < 20; i++) {
        reply.msg[i] = 0x2000 + i;
    }
    reply.reply_long = 1;
    err = seL4_TCB_ReadRegisters(7, 1, 0, 20, &out);
    CHECK_EQ("TCB_ReadRegisters ok", err, 0);
    check_mrs("TCB_ReadRegisters", 2, (seL4_Word[]){ 1, 20 });
    CHECK_EQ("TCB_ReadRegisters rip from MR0", out.rip, 0x2000);
    CHECK_EQ("TCB_ReadRegisters rax from MR3", out.rax, 0x2003);
    CHECK_EQ("TCB_ReadRegisters rbx from msg[4]", out.rbx, 0x2004);
    CHECK_EQ("TCB_ReadRegisters gs_base from msg[19]", out.gs_base, 0x2013);

    reset();
    memset(&out, 0xab, sizeof(out));
    reply.rsi = seL4_MessageInfo_new(seL4_IllegalOperation, 0, 0, 0).words[0];
    err = seL4_TCB_ReadRegisters(7, 0, 0, 20, &out);
    CHECK_EQ("TCB_ReadRegisters error", err, seL4_IllegalOperation);
    CHECK_EQ("TCB_ReadRegisters leaves regs alone on error", out.rip, 0xababababababababull);

    reset();
    seL4_TCB_CopyRegisters(7, 8, 1, 0, 1, 1, 0xab);
    check_mrs("TCB_CopyRegisters", 1, (seL4_Word[]){ 1 | (1 << 2) | (1 << 3) | (0xab << 8) });
    check_caps("TCB_CopyRegisters", 1, (seL4_Word[]){ 8 });

    reset();
    seL4_TCB_SetSchedParams(7, 1, 254, 200);
    check_mrs("TCB_SetSchedParams", 2, (seL4_Word[]){ 254, 200 });
    check_caps("TCB_SetSchedParams", 1, (seL4_Word[]){ 1 });

    reset();
    seL4_TCB_SetSpace(7, 0x5, 2, 0x77, 3, 0);
    check_mrs("TCB_SetSpace", 3, (seL4_Word[]){ 0x5, 0x77, 0 });
    check_caps("TCB_SetSpace", 2, (seL4_Word[]){ 2, 3 });

    reset();
    reply.mr[0] = 3;
    seL4_TCB_SetFlags_t flags = seL4_TCB_SetFlags(7, 1, 2);
    check_mrs("TCB_SetFlags", 2, (seL4_Word[]){ 1, 2 });
    CHECK_EQ("TCB_SetFlags error", flags.error, 0);
    CHECK_EQ("TCB_SetFlags flags from MR0", flags.flags, 3);

    reset();
    seL4_CNode_Mint(2, 0x1234, 64, 2, 5, 64, seL4_AllRights, 0x61);
    check_mrs("CNode_Mint", 6, (seL4_Word[]){ 0x1234, 64, 5, 64, 0xf, 0x61 });
    check_caps("CNode_Mint", 1, (seL4_Word[]){ 2 });

    reset();
    seL4_CNode_Copy(2, 0x20, 64, 3, 6, 32, seL4_CanRead);
    check_mrs("CNode_Copy", 5, (seL4_Word[]){ 0x20, 64, 6, 32, 2 });
    check_caps("CNode_Copy", 1, (seL4_Word[]){ 3 });

    reset();
    seL4_CNode_Mutate(2, 0x20, 64, 2, 6, 64, 0x1c1);
    check_mrs("CNode_Mutate", 5, (seL4_Word[]){ 0x20, 64, 6, 64, 0x1c1 });

    reset();
    seL4_CNode_Rotate(2, 10, 64, 0xd0, 3, 11, 63, 0xe0, 4, 12, 62);
    check_mrs("CNode_Rotate", 8, (seL4_Word[]){ 10, 64, 0xd0, 11, 63, 0xe0, 12, 62 });
    check_caps("CNode_Rotate", 2, (seL4_Word[]){ 3, 4 });

    reset();
    seL4_CNode_Delete(2, 0x55, 64);
    check_mrs("CNode_Delete", 2, (seL4_Word[]){ 0x55, 64 });

    reset();
    seL4_IRQControl_Get(4, 5, 2, 300, 64);
    check_mrs("IRQControl_Get", 3, (seL4_Word[]){ 5, 300, 64 });
    check_caps("IRQControl_Get", 1, (seL4_Word[]){ 2 });

    reset();
    seL4_IRQControl_GetIOAPIC(4, 2, 100, 64, 0, 2, 1, 0, 5);
    check_mrs("IRQControl_GetIOAPIC", 7, (seL4_Word[]){ 100, 64, 0, 2, 1, 0, 5 });
    check_caps("IRQControl_GetIOAPIC", 1, (seL4_Word[]){ 2 });

    reset();
    seL4_IRQControl_GetMSI(4, 2, 101, 64, 1, 2, 3, 4, 6);
    check_mrs("IRQControl_GetMSI", 7, (seL4_Word[]){ 101, 64, 1, 2, 3, 4, 6 });

    reset();
    seL4_DomainSet_Set(11, 0xff, 1);
    check_mrs("DomainSet_Set", 1, (seL4_Word[]){ 0xff });
    check_caps("DomainSet_Set", 1, (seL4_Word[]){ 1 });

    reset();
    seL4_X86_PDPT_Map(20, 3, 0xa000000000, seL4_X86_Default_VMAttributes);
    check_mrs("X86_PDPT_Map", 2, (seL4_Word[]){ 0xa000000000, 0 });
    check_caps("X86_PDPT_Map", 1, (seL4_Word[]){ 3 });

    reset();
    seL4_X86_PageTable_Map(21, 3, 0x7000000, seL4_X86_WriteCombining);
    check_mrs("X86_PageTable_Map", 2, (seL4_Word[]){ 0x7000000, 4 });
    check_caps("X86_PageTable_Map", 1, (seL4_Word[]){ 3 });

    reset();
    err = seL4_X86_Page_Map(22, 3, 0x7000000, seL4_ReadWrite, seL4_X86_WriteThrough);
    CHECK_EQ("X86_Page_Map ok", err, 0);
    check_mrs("X86_Page_Map", 3, (seL4_Word[]){ 0x7000000, 3, 1 });
    check_caps("X86_Page_Map", 1, (seL4_Word[]){ 3 });
    CHECK_EQ("X86_Page_Map service", last.rdi, 22);

    reset();
    seL4_X86_ASIDControl_MakePool(5, 30, 2, 31, 64);
    check_mrs("X86_ASIDControl_MakePool", 2, (seL4_Word[]){ 31, 64 });
    check_caps("X86_ASIDControl_MakePool", 2, (seL4_Word[]){ 30, 2 });

    reset();
    seL4_X86_ASIDPool_Assign(6, 40);
    check_caps("X86_ASIDPool_Assign", 1, (seL4_Word[]){ 40 });

    reset();
    seL4_X86_IOPortControl_Issue(7, 0x40, 0x43, 2, 50, 64);
    check_mrs("X86_IOPortControl_Issue", 4, (seL4_Word[]){ 0x40, 0x43, 50, 64 });
    check_caps("X86_IOPortControl_Issue", 1, (seL4_Word[]){ 2 });

    reset();
    seL4_X86_IOPort_Out16(51, 0x3f8, 0xbeef);
    check_mrs("X86_IOPort_Out16", 2, (seL4_Word[]){ 0x3f8, 0xbeef });

    reset();
    reply.mr[0] = 0x1234;
    seL4_X86_IOPort_In8_t in8 = seL4_X86_IOPort_In8(51, 0x3f8);
    check_mrs("X86_IOPort_In8", 1, (seL4_Word[]){ 0x3f8 });
    CHECK_EQ("X86_IOPort_In8 error", in8.error, 0);
    CHECK_EQ("X86_IOPort_In8 result is MR0 & 0xff", in8.result, 0x34);

    reset();
    reply.mr[0] = 0x12345678;
    seL4_X86_IOPort_In16_t in16 = seL4_X86_IOPort_In16(51, 0x60);
    CHECK_EQ("X86_IOPort_In16 result is MR0 & 0xffff", in16.result, 0x5678);

    reset();
    reply.mr[0] = 0x123456789ull;
    seL4_X86_IOPort_In32_t in32 = seL4_X86_IOPort_In32(51, 0xcfc);
    CHECK_EQ("X86_IOPort_In32 result is MR0 & 0xffffffff", in32.result, 0x23456789);

    reset();
    reply.mr[0] = 0x99;
    reply.rsi = seL4_MessageInfo_new(seL4_IllegalOperation, 0, 0, 0).words[0];
    in8 = seL4_X86_IOPort_In8(51, 0x3f8);
    CHECK_EQ("X86_IOPort_In8 error from reply label", in8.error, seL4_IllegalOperation);
    CHECK_EQ("X86_IOPort_In8 no result on error", in8.result, 0);
    CHECK_EQ("X86_IOPort_In8 error details in IPC buffer", seL4_GetMR(0), 0x99);

    reset();
    reply.mr[0] = 0x1fe08000;
    seL4_X86_Page_GetAddress_t ga = seL4_X86_Page_GetAddress(22);
    CHECK_EQ("X86_Page_GetAddress error", ga.error, 0);
    CHECK_EQ("X86_Page_GetAddress paddr from MR0", ga.paddr, 0x1fe08000);
}

static void error_path(void)
{
    /* A failed map: FailedLookup, MR0 = 0 (not the source), MR1 = missing
     * capability + 1, MR2 = bits left. */
    reset();
    reply.rsi = seL4_MessageInfo_new(seL4_FailedLookup, 0, 0, 3).words[0];
    reply.mr[0] = 0;
    reply.mr[1] = seL4_MissingCapability + 1;
    reply.mr[2] = SEL4_MAPPING_LOOKUP_NO_PT;
    reply.mr[3] = 0;
    seL4_Error err = seL4_X86_Page_Map(22, 3, 0x7000000, seL4_AllRights, seL4_X86_Default_VMAttributes);
    CHECK_EQ("failed Page_Map returns FailedLookup", err, seL4_FailedLookup);
    CHECK_EQ("failed Page_Map: MR0 copied to IPC buffer", seL4_GetMR(0), 0);
    CHECK_EQ("failed Page_Map: MR1 copied to IPC buffer", seL4_GetMR(1), seL4_MissingCapability + 1);
    CHECK_EQ("failed Page_Map: MR2 copied to IPC buffer", seL4_GetMR(2), 21);
    CHECK_EQ("seL4_MappingFailedLookupLevel()", seL4_MappingFailedLookupLevel(), SEL4_MAPPING_LOOKUP_NO_PT);

    /* On success the stubs leave msg[0..3] alone, as seL4's do. */
    reset();
    seL4_SetMR(0, 0xdead);
    reply.mr[0] = 0x1111;
    err = seL4_CNode_Delete(2, 5, 64);
    CHECK_EQ("successful stub returns NoError", err, seL4_NoError);
    CHECK_EQ("successful stub leaves msg[0]", seL4_GetMR(0), 0xdead);

    /* The error is the reply label, whatever else the reply holds. */
    reset();
    reply.rsi = seL4_MessageInfo_new(seL4_NotEnoughMemory, 0, 0, 1).words[0];
    reply.mr[0] = 4096;
    err = seL4_Untyped_Retype(100, seL4_TCBObject, 0, 2, 0, 0, 450, 1);
    CHECK_EQ("Untyped_Retype NotEnoughMemory", err, seL4_NotEnoughMemory);
    CHECK_EQ("Untyped_Retype bytes left in MR0", seL4_GetMR(0), 4096);
}

/* ------------------------------------------------------------ syscalls */

static void syscalls(void)
{
    seL4_Word badge;
    seL4_MessageInfo_t info;

    reset();
    for (int i = 0; i < 4; i++) {
        seL4_SetMR(i, i + 1);
    }
    reply.rsi = seL4_MessageInfo_new(0x99, 0, 0, 4).words[0];
    for (int i = 0; i < 4; i++) {
        reply.mr[i] = 10 + i;
    }
    info = seL4_Call(5, seL4_MessageInfo_new(0, 0, 0, 2));
    CHECK_EQ("Call: syscall number", last.sys, (seL4_Word)-1);
    CHECK_EQ("Call: RDI = dest", last.rdi, 5);
    CHECK_EQ("Call: RSI = msginfo", last.rsi, 2);
    check_mrs("Call: sends msg[0..3]", 4, (seL4_Word[]){ 1, 2, 3, 4 });
    CHECK_EQ("Call: returns reply info", seL4_MessageInfo_get_label(info), 0x99);
    CHECK_EQ("Call: reply MR0 to msg[0]", seL4_GetMR(0), 10);
    CHECK_EQ("Call: reply MR3 to msg[3]", seL4_GetMR(3), 13);

    reset();
    seL4_SetMR(0, 0x6161);
    seL4_Send(5, seL4_MessageInfo_new(0, 0, 0, 1));
    CHECK_EQ("Send: syscall number", last.sys, (seL4_Word)-3);
    CHECK_EQ("Send: RDI = dest", last.rdi, 5);
    CHECK_EQ("Send: RSI = msginfo", last.rsi, 1);
    CHECK_EQ("Send: MR0 from msg[0]", last.mr[0], 0x6161);

    reset();
    seL4_NBSend(5, seL4_MessageInfo_new(0, 0, 0, 0));
    CHECK_EQ("NBSend: syscall number", last.sys, (seL4_Word)-4);

    reset();
    seL4_Word a = 1, b = 2;
    seL4_SendWithMRs(5, seL4_MessageInfo_new(0, 0, 0, 2), &a, &b, NULL, NULL);
    check_mrs("SendWithMRs", 4, (seL4_Word[]){ 1, 2, 0, 0 });
    reset();
    seL4_NBSendWithMRs(5, seL4_MessageInfo_new(0, 0, 0, 1), &a, NULL, NULL, NULL);
    CHECK_EQ("NBSendWithMRs: syscall number", last.sys, (seL4_Word)-4);
    CHECK_EQ("NBSendWithMRs MR0", last.mr[0], 1);

    reset();
    seL4_SetMR(0, 7);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));
    CHECK_EQ("Reply: syscall number", last.sys, (seL4_Word)-6);
    CHECK_EQ("Reply: RSI = msginfo", last.rsi, 1);
    CHECK_EQ("Reply: MR0", last.mr[0], 7);
    reset();
    seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 1), &a, NULL, NULL, NULL);
    CHECK_EQ("ReplyWithMRs: syscall number", last.sys, (seL4_Word)-6);
    CHECK_EQ("ReplyWithMRs MR0", last.mr[0], 1);

    reset();
    reply.rdi = 0x61;
    reply.rsi = 1;
    reply.mr[0] = 0x6161;
    info = seL4_Recv(6, &badge);
    CHECK_EQ("Recv: syscall number", last.sys, (seL4_Word)-5);
    CHECK_EQ("Recv: RDI = src", last.rdi, 6);
    CHECK_EQ("Recv: badge from RDI", badge, 0x61);
    CHECK_EQ("Recv: info from RSI", seL4_MessageInfo_get_length(info), 1);
    CHECK_EQ("Recv: MR0 to msg[0]", seL4_GetMR(0), 0x6161);
    reset();
    info = seL4_Recv(6, NULL);
    CHECK_EQ("Recv with NULL sender", last.calls, 1);

    reset();
    reply.rdi = 0x3;
    reply.mr[1] = 0x22;
    seL4_Word m0 = 9, m1 = 9, m2 = 9, m3 = 9;
    seL4_RecvWithMRs(6, &badge, &m0, &m1, &m2, &m3);
    CHECK_EQ("RecvWithMRs: badge", badge, 3);
    CHECK_EQ("RecvWithMRs: mr0", m0, 0);
    CHECK_EQ("RecvWithMRs: mr1", m1, 0x22);
    CHECK_EQ("RecvWithMRs: IPC buffer untouched", seL4_GetMR(1), 0);

    reset();
    seL4_NBRecv(6, &badge);
    CHECK_EQ("NBRecv: syscall number", last.sys, (seL4_Word)-8);
    reset();
    seL4_Poll(6, &badge);
    CHECK_EQ("Poll: NBRecv", last.sys, (seL4_Word)-8);
    reset();
    reply.rdi = 0x5;
    seL4_Wait(6, &badge);
    CHECK_EQ("Wait: Recv", last.sys, (seL4_Word)-5);
    CHECK_EQ("Wait: badge", badge, 5);
    reset();
    reply.mr[0] = 0x77;
    seL4_WaitWithMRs(6, &badge, &m0, NULL, NULL, NULL);
    CHECK_EQ("WaitWithMRs: Recv", last.sys, (seL4_Word)-5);
    CHECK_EQ("WaitWithMRs: mr0", m0, 0x77);

    reset();
    seL4_Signal(8);
    CHECK_EQ("Signal: Send", last.sys, (seL4_Word)-3);
    CHECK_EQ("Signal: RDI = notification", last.rdi, 8);
    CHECK_EQ("Signal: msginfo as seL4 (length 1)", last.rsi, 1);

    reset();
    for (int i = 0; i < 4; i++) {
        seL4_SetMR(i, 100 + i);
    }
    reply.rdi = 0x61;
    reply.mr[0] = 0xaa;
    seL4_ReplyRecv(6, seL4_MessageInfo_new(0, 0, 0, 1), &badge);
    CHECK_EQ("ReplyRecv: syscall number", last.sys, (seL4_Word)-2);
    CHECK_EQ("ReplyRecv: RDI = src", last.rdi, 6);
    check_mrs("ReplyRecv: sends msg[0..3]", 4, (seL4_Word[]){ 100, 101, 102, 103 });
    CHECK_EQ("ReplyRecv: badge", badge, 0x61);
    CHECK_EQ("ReplyRecv: reply MR0 to msg[0]", seL4_GetMR(0), 0xaa);

    reset();
    m0 = 1; m1 = 2; m2 = 3; m3 = 4;
    reply.mr[0] = 0x10;
    reply.mr[3] = 0x13;
    seL4_CallWithMRs(5, seL4_MessageInfo_new(0, 0, 0, 2), &m0, &m1, &m2, &m3);
    check_mrs("CallWithMRs: only MRs within length", 4, (seL4_Word[]){ 1, 2, 0, 0 });
    CHECK_EQ("CallWithMRs: mr0 out", m0, 0x10);
    CHECK_EQ("CallWithMRs: mr3 out", m3, 0x13);
    CHECK_EQ("CallWithMRs: IPC buffer untouched", seL4_GetMR(0), 0);

    reset();
    m0 = 1; m1 = 2;
    reply.rdi = 0x62;
    reply.mr[1] = 0x21;
    seL4_ReplyRecvWithMRs(6, seL4_MessageInfo_new(0, 0, 0, 1), &badge, &m0, &m1, NULL, NULL);
    check_mrs("ReplyRecvWithMRs", 2, (seL4_Word[]){ 1, 0 });
    CHECK_EQ("ReplyRecvWithMRs: syscall number", last.sys, (seL4_Word)-2);
    CHECK_EQ("ReplyRecvWithMRs: badge", badge, 0x62);
    CHECK_EQ("ReplyRecvWithMRs: mr1 out", m1, 0x21);

    reset();
    seL4_Yield();
    CHECK_EQ("Yield", last.sys, (seL4_Word)-7);

    reset();
    seL4_DebugPutChar('x');
    CHECK_EQ("DebugPutChar: syscall number", last.sys, (seL4_Word)-9);
    CHECK_EQ("DebugPutChar: RDI = char", last.rdi, 'x');
    reset();
    seL4_DebugPutChar((char)0xe9);
    CHECK_EQ("DebugPutChar: byte 0xe9", last.rdi & 0xff, 0xe9);
    reset();
    seL4_DebugPutString("ab");
    CHECK_EQ("DebugPutString: one syscall per char", last.calls, 2);
    reset();
    seL4_DebugDumpScheduler();
    CHECK_EQ("DebugDumpScheduler", last.sys, (seL4_Word)-10);
    reset();
    seL4_DebugHalt();
    CHECK_EQ("DebugHalt", last.sys, (seL4_Word)-11);
    reset();
    reply.rdi = 4;
    seL4_Uint32 type = seL4_DebugCapIdentify(9);
    CHECK_EQ("DebugCapIdentify: syscall number", last.sys, (seL4_Word)-12);
    CHECK_EQ("DebugCapIdentify: RDI = cap", last.rdi, 9);
    CHECK_EQ("DebugCapIdentify: returns RDI", type, 4);
    reset();
    seL4_DebugSnapshot();
    CHECK_EQ("DebugSnapshot", last.sys, (seL4_Word)-13);

    reset();
    seL4_DebugNameThread(1, "rootserver");
    CHECK_EQ("DebugNameThread: syscall number", last.sys, (seL4_Word)-14);
    CHECK_EQ("DebugNameThread: RDI = tcb", last.rdi, 1);
    CHECK("DebugNameThread: name in msg[0..]", strcmp((char *)last.buf.msg, "rootserver") == 0);

    reset();
    static char longname[2000];
    memset(longname, 'n', sizeof(longname) - 1);
    ipcbuf.userData = 0x5555;
    seL4_DebugNameThread(1, longname);
    CHECK_EQ("DebugNameThread: long name truncated to the message",
             strlen((char *)last.buf.msg), seL4_MsgMaxLength * sizeof(seL4_Word) - 1);
    CHECK_EQ("DebugNameThread: userData untouched", ipcbuf.userData, 0x5555);

    reset();
    seL4_SetTLSBase(0x123456);
    CHECK_EQ("SetTLSBase: syscall number", last.sys, (seL4_Word)-30);
    CHECK_EQ("SetTLSBase: RDI = base", last.rdi, 0x123456);

    reset();
    if (setjmp(exit_jmp) == 0) {
        keel_DebugExit(KEEL_EXIT_MAIN_RETURNED, 3);
    }
    CHECK_EQ("keel_DebugExit: syscall number", last.sys, (seL4_Word)-40);
    CHECK_EQ("keel_DebugExit: RDI = reason", last.rdi, 0);
    CHECK_EQ("keel_DebugExit: RSI = status", last.rsi, 3);
}

/* ------------------------------------------------------------ buffer, faults, boot info */

static void buffer_accessors(void)
{
    reset();
    seL4_SetMR(119, 0x77);
    CHECK_EQ("SetMR/GetMR 119", ipcbuf.msg[119], 0x77);
    seL4_SetUserData(0x88);
    CHECK_EQ("SetUserData", ipcbuf.userData, 0x88);
    CHECK_EQ("GetUserData", seL4_GetUserData(), 0x88);
    seL4_SetCap(2, 0x99);
    CHECK_EQ("SetCap", ipcbuf.caps_or_badges[2], 0x99);
    CHECK_EQ("GetCap", seL4_GetCap(2), 0x99);
    CHECK_EQ("GetBadge", seL4_GetBadge(2), 0x99);
    seL4_SetCapReceivePath(2, 0x40, 64);
    CHECK_EQ("SetCapReceivePath cnode", ipcbuf.receiveCNode, 2);
    CHECK_EQ("SetCapReceivePath index", ipcbuf.receiveIndex, 0x40);
    CHECK_EQ("SetCapReceivePath depth", ipcbuf.receiveDepth, 64);
    seL4_CPtr cn = 0, idx = 0;
    seL4_Word depth = 0;
    seL4_GetCapReceivePath(&cn, &idx, &depth);
    CHECK("GetCapReceivePath", cn == 2 && idx == 0x40 && depth == 64);
    seL4_GetCapReceivePath(NULL, NULL, NULL);
    CHECK_EQ("GetIPCBuffer", (seL4_Word)seL4_GetIPCBuffer(), (seL4_Word)&ipcbuf);
}

static void faults(void)
{
    reset();
    for (int i = 0; i < 20; i++) {
        ipcbuf.msg[i] = 0x100 + i;
    }
    seL4_Fault_t f = seL4_getFault(seL4_MessageInfo_new(seL4_Fault_VMFault, 0, 0, 4));
    CHECK_EQ("VMFault tag", seL4_Fault_get_seL4_FaultType(f), seL4_Fault_VMFault);
    CHECK_EQ("VMFault IP", seL4_Fault_VMFault_get_IP(f), 0x100);
    CHECK_EQ("VMFault Addr", seL4_Fault_VMFault_get_Addr(f), 0x101);
    CHECK_EQ("VMFault PrefetchFault", seL4_Fault_VMFault_get_PrefetchFault(f), 0x102);
    CHECK_EQ("VMFault FSR", seL4_Fault_VMFault_get_FSR(f), 0x103);
    CHECK("isVMFault_tag", seL4_isVMFault_tag(seL4_MessageInfo_new(5, 0, 0, 4)));

    f = seL4_getFault(seL4_MessageInfo_new(seL4_Fault_CapFault, 0, 0, 6));
    CHECK_EQ("CapFault tag", seL4_Fault_get_seL4_FaultType(f), seL4_Fault_CapFault);
    CHECK_EQ("CapFault IP", seL4_Fault_CapFault_get_IP(f), 0x100);
    CHECK_EQ("CapFault Addr", seL4_Fault_CapFault_get_Addr(f), 0x101);
    CHECK_EQ("CapFault InRecvPhase", seL4_Fault_CapFault_get_InRecvPhase(f), 0x102);
    CHECK_EQ("CapFault LookupFailureType", seL4_Fault_CapFault_get_LookupFailureType(f), 0x103);
    CHECK_EQ("CapFault MR4 (bits left)", seL4_Fault_CapFault_get_MR4(f), 0x104);
    CHECK_EQ("CapFault MR6", seL4_Fault_CapFault_get_MR6(f), 0x106);

    f = seL4_getFault(seL4_MessageInfo_new(seL4_Fault_UnknownSyscall, 0, 0, 19));
    CHECK_EQ("UnknownSyscall tag", seL4_Fault_get_seL4_FaultType(f), seL4_Fault_UnknownSyscall);
    CHECK_EQ("UnknownSyscall RAX", seL4_Fault_UnknownSyscall_get_RAX(f), 0x100);
    CHECK_EQ("UnknownSyscall R15", seL4_Fault_UnknownSyscall_get_R15(f), 0x100 + 14);
    CHECK_EQ("UnknownSyscall FaultIP", seL4_Fault_UnknownSyscall_get_FaultIP(f), 0x100 + 15);
    CHECK_EQ("UnknownSyscall RSP", seL4_Fault_UnknownSyscall_get_RSP(f), 0x100 + 16);
    CHECK_EQ("UnknownSyscall FLAGS", seL4_Fault_UnknownSyscall_get_FLAGS(f), 0x100 + 17);
    CHECK_EQ("UnknownSyscall Syscall", seL4_Fault_UnknownSyscall_get_Syscall(f), 0x100 + 18);

    f = seL4_getFault(seL4_MessageInfo_new(seL4_Fault_UserException, 0, 0, 5));
    CHECK_EQ("UserException tag", seL4_Fault_get_seL4_FaultType(f), seL4_Fault_UserException);
    CHECK_EQ("UserException FaultIP", seL4_Fault_UserException_get_FaultIP(f), 0x100);
    CHECK_EQ("UserException Stack", seL4_Fault_UserException_get_Stack(f), 0x101);
    CHECK_EQ("UserException FLAGS", seL4_Fault_UserException_get_FLAGS(f), 0x102);
    CHECK_EQ("UserException Number", seL4_Fault_UserException_get_Number(f), 0x103);
    CHECK_EQ("UserException Code", seL4_Fault_UserException_get_Code(f), 0x104);

    f = seL4_getFault(seL4_MessageInfo_new(0, 0, 0, 0));
    CHECK_EQ("NullFault tag", seL4_Fault_get_seL4_FaultType(f), seL4_Fault_NullFault);
    f = seL4_getFault(seL4_MessageInfo_new(9, 0, 0, 0));
    CHECK_EQ("unknown label decodes as NullFault", seL4_Fault_get_seL4_FaultType(f), seL4_Fault_NullFault);

    f = seL4_Fault_VMFault_set_Addr(seL4_Fault_VMFault_new(1, 2, 0, 4), 0x42);
    CHECK_EQ("VMFault set Addr", seL4_Fault_VMFault_ptr_get_Addr(&f), 0x42);
}

static void boot_info(void)
{
    static seL4_BootInfo bi;
    static seL4_IPCBuffer rootbuf;

    seL4_SetIPCBuffer(NULL);
    bi.ipcBuffer = &rootbuf;
    CHECK("GetBootInfo before init is NULL", seL4_GetBootInfo() == NULL);
    seL4_InitBootInfo(&bi);
    CHECK("GetBootInfo after init", seL4_GetBootInfo() == &bi);
    CHECK("InitBootInfo sets an unset IPC buffer", seL4_GetIPCBuffer() == &rootbuf);
    seL4_SetIPCBuffer(&ipcbuf);
    seL4_InitBootInfo(&bi);
    CHECK("InitBootInfo keeps a set IPC buffer", seL4_GetIPCBuffer() == &ipcbuf);
}

int main(void)
{
    boot_info();
    every_stub();
    stub_details();
    error_path();
    syscalls();
    buffer_accessors();
    faults();
    return check_exit();
}
