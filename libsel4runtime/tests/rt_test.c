/*
 * A root task that checks the runtime's contract from the inside; run.sh
 * runs it under sel4emu (the host standing in for the kernel's debug
 * syscalls), and boots as it is on keel under QEMU. It prints
 * "PASS: ..." / "FAIL: ..." lines (so it can serve as a system-test suite), and before every
 * line whose exact text matters an "expect: <line>" line that run.sh
 * compares with the next line.
 *
 * rt_test_mode (set by the tracer) picks how the program ends:
 *   0  return 3 from main (atexit handler, then destructor, then exit 3)
 *   1  ZF_LOGF_IF fires (fatal log line, then abort)
 *   2  assert fails
 *   3  exit(5) from a nested call
 */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sel4/sel4.h>
#include <sel4runtime.h>
#include <sel4runtime/gen_config.h>
#include <utils/util.h>
#include <utils/zf_log_if.h>

/* What a kernel would provide: a boot info page and an IPC buffer. */
static seL4_IPCBuffer test_ipc_buffer;
seL4_BootInfo test_bootinfo = { .ipcBuffer = &test_ipc_buffer };
volatile int rt_test_mode;

static int failures;

#define CHECK(cond, what) \
    do { \
        if (cond) { \
            printf("PASS: %s\n", what); \
        } else { \
            printf("FAIL: %s (%s:%d)\n", what, __FILE__, __LINE__); \
            failures++; \
        } \
    } while (0)

/* ---------------------------------------------------------- constructors */

static char ctor_order[8];
static int ctor_count;

static void record(char c)
{
    if (ctor_count < (int)sizeof(ctor_order) - 1) {
        ctor_order[ctor_count++] = c;
    }
}

CONSTRUCTOR(65535) static void ctor_late(void)
{
    record('c');
}

__attribute__((constructor)) static void ctor_plain(void)
{
    record('d');
}

CONSTRUCTOR(101) static void ctor_first(void)
{
    record('a');
}

CONSTRUCTOR(200) static void ctor_second(void)
{
    record('b');
}

__attribute__((destructor)) static void dtor(void)
{
    printf("destructor ran\n");
}

static void at_exit_handler(void)
{
    printf("atexit handler ran\n");
}

/* ---------------------------------------------------------- TLS */

__thread int tdata_var = 42;
__thread uint64_t tdata_big[3] = { 1, 2, 3 };
__thread int tbss_var;
__thread char tbss_aligned[64] __attribute__((aligned(64)));
int not_tls;

static void check_tls(void)
{
    uintptr_t tp;
    __asm__ volatile("movq %%fs:0, %0" : "=r"(tp));
    CHECK(tp != 0 && tp == sel4runtime_get_tls_base(), "%fs:0 holds the thread pointer");
    CHECK(tp % 64 == 0, "thread pointer aligned to the TLS image's alignment");
    CHECK(tdata_var == 42 && tdata_big[2] == 3, ".tdata copied into the initial thread's TLS");
    CHECK(tbss_var == 0 && tbss_aligned[63] == 0, ".tbss zeroed");
    CHECK(((uintptr_t)tbss_aligned & 63) == 0, "over-aligned TLS variable is aligned");
    CHECK((uintptr_t)&tdata_var < tp && (uintptr_t)&tbss_var < tp, "TLS block below the thread pointer");
    CHECK(sel4runtime_initial_tls_enabled(), "initial TLS enabled");
    tdata_var = 43;
    tbss_var = 9;

    /* a second thread's TLS */
    static unsigned char region[CONFIG_SEL4RUNTIME_STATIC_TLS];
    CHECK(sel4runtime_get_tls_size() <= sizeof(region), "TLS fits CONFIG_SEL4RUNTIME_STATIC_TLS");
    memset(region, 0xee, sizeof(region));
    uintptr_t tp2 = sel4runtime_write_tls_image(region + 1);  /* deliberately misaligned */
    CHECK(tp2 != 0 && tp2 % 64 == 0, "write_tls_image returns an aligned thread pointer");
    CHECK(tp2 > (uintptr_t)region && tp2 + 8 <= (uintptr_t)region + 1 + sel4runtime_get_tls_size(),
          "thread pointer inside the memory given");
    CHECK(*(uintptr_t *)tp2 == tp2, "new TLS has its self pointer");
    int *other = (int *)(tp2 - (tp - (uintptr_t)&tdata_var));
    int *other_bss = (int *)(tp2 - (tp - (uintptr_t)&tbss_var));
    CHECK(*other == 42, "new TLS has a fresh .tdata copy (not this thread's values)");
    CHECK(*other_bss == 0, "new TLS has zeroed .tbss");
    CHECK(sel4runtime_set_tls_variable(tp2, tdata_var, 7) == 0 && *other == 7 && tdata_var == 43,
          "set_tls_variable writes the other thread's copy only");
    seL4_Word ipc = 0x7000000;
    CHECK(sel4runtime_set_tls_variable(tp2, __sel4_ipc_buffer, ipc) == 0 &&
              *(seL4_Word *)(tp2 - (tp - (uintptr_t)&__sel4_ipc_buffer)) == 0x7000000,
          "set_tls_variable stores a word into __sel4_ipc_buffer (the tutorial's use)");
    CHECK(sel4runtime_set_tls_variable(tp2, not_tls, 1) == -1, "set_tls_variable rejects a non-TLS variable");
}

/* ---------------------------------------------------------- a second thread (real kernel only) */

static uint64_t second_stack[512] __attribute__((aligned(16)));
static unsigned char second_tls[CONFIG_SEL4RUNTIME_STATIC_TLS];
static uintptr_t second_tp;
static volatile int second_done;

static __attribute__((noreturn)) void second_thread(void)
{
    uintptr_t tp;
    __asm__ volatile("movq %%fs:0, %0" : "=r"(tp));
    CHECK(tp == second_tp, "second thread: %fs:0 is its own thread pointer");
    CHECK(tdata_var == 42 && tbss_var == 0, "second thread: its own fresh .tdata/.tbss");
    CHECK(__sel4_ipc_buffer == (seL4_IPCBuffer *)0x7000000,
          "second thread: __sel4_ipc_buffer as set with sel4runtime_set_tls_variable");
    errno = 5;
    char buf[64];
    snprintf(buf, sizeof(buf), "%.3f|%5s|%#x", 2.0 / 3.0, "x", 255);
    CHECK(strcmp(buf, "0.667|    x|0xff") == 0, "second thread: printf (SSE) on an ABI-aligned stack");
    second_done = 1;
    for (;;) {
        seL4_Yield();
    }
}

/* Start a thread the way the IPC tutorial does (TLS image, set_tls_variable, SetTLSBase). */
static void check_second_thread(seL4_BootInfo *bi)
{
    seL4_CPtr slot = bi->empty.start;
    seL4_CPtr untyped = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        if (!bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= seL4_TCBBits) {
            untyped = bi->untyped.start + i;
            break;
        }
    }
    CHECK(untyped != 0, "kernel: a RAM untyped for a TCB");
    seL4_Error err = seL4_Untyped_Retype(untyped, seL4_TCBObject, 0, seL4_CapInitThreadCNode, 0, 0, slot, 1);
    err = err ? err : seL4_TCB_Configure(slot, seL4_CapNull, seL4_CapInitThreadCNode, 0,
                                         seL4_CapInitThreadVSpace, 0, 0, seL4_CapNull);
    seL4_UserContext regs = { 0 };
    regs.rip = (seL4_Word)second_thread;
    regs.rsp = (seL4_Word)(second_stack + 512) - 8;    /* as if called: (rsp + 8) % 16 == 0 */
    err = err ? err : seL4_TCB_WriteRegisters(slot, 0, 0, 2, &regs);
    second_tp = sel4runtime_write_tls_image(second_tls);
    seL4_Word ipc_vaddr = 0x7000000;
    CHECK(sel4runtime_set_tls_variable(second_tp, __sel4_ipc_buffer, ipc_vaddr) == 0,
          "set __sel4_ipc_buffer in the second thread's TLS");
    err = err ? err : seL4_TCB_SetTLSBase(slot, second_tp);
    err = err ? err : seL4_TCB_SetPriority(slot, seL4_CapInitThreadTCB, 255);
    err = err ? err : seL4_TCB_Resume(slot);
    CHECK(err == 0, "kernel: retype, configure, write registers, set TLS base, resume");
    for (int i = 0; err == 0 && !second_done && i < 1000; i++) {
        seL4_Yield();
    }
    CHECK(second_done, "second thread ran");
    CHECK(errno != 5 && tdata_var == 43, "main's errno and TLS untouched by the second thread");
}

/* ---------------------------------------------------------- the rest */

static __attribute__((noinline)) int check_stack_alignment(void)
{
    /* the ABI promises 16-byte alignment; an aligned local tells */
    char local[16] __attribute__((aligned(16)));
    __asm__ volatile("" : : "r"(local) : "memory");
    return ((uintptr_t)local & 15) == 0;
}

static __attribute__((noinline)) void nested_exit(int code)
{
    printf("calling exit(%d)\n", code);
    exit(code);
}

int main(int argc, char **argv, char **envp)
{
    printf("expect: rt_test: hello from main\n");
    printf("rt_test: hello from main\n");

    CHECK(check_stack_alignment(), "stack 16-byte aligned in called functions");
    CHECK(argc == 1 && strcmp(argv[0], "rootserver") == 0 && argv[1] == NULL, "argv = {\"rootserver\"}");
    CHECK(strcmp(envp[0], "seL4=1") == 0 && envp[1] == NULL, "envp = {\"seL4=1\"}");
    CHECK(getenv("seL4") != NULL && strcmp(getenv("seL4"), "1") == 0, "getenv(\"seL4\")");
    /* under sel4emu the boot info is test_bootinfo; on the kernel, the real one */
    seL4_BootInfo *bi = sel4runtime_bootinfo();
    CHECK(bi != NULL && sel4runtime_get_bootinfo() == bi, "boot info pointer from RDI");
    CHECK(bi != NULL && __sel4_ipc_buffer == bi->ipcBuffer && seL4_GetIPCBuffer() == bi->ipcBuffer,
          "__sel4_ipc_buffer = bootinfo->ipcBuffer");
    CHECK(seL4_GetBootInfo() == bi, "seL4_InitBootInfo called");
    CHECK(strcmp(ctor_order, "abcd") == 0, "constructors ran in priority order");
    CHECK(strcmp(sel4runtime_process_name(), "rootserver") == 0, "process name");
    check_tls();
    if (bi != NULL && bi != &test_bootinfo) {
        check_second_thread(bi);
    }

    /* libc through the real output path */
    char *p = malloc(1000);
    CHECK(p != NULL && ((uintptr_t)p & 15) == 0, "malloc");
    snprintf(p, 1000, "%s %d %#lx %p %5.2f", "fmt", -5, 0x61ul, (void *)NULL, 3.14159);
    CHECK(strcmp(p, "fmt -5 0x61 (nil)  3.14") == 0, "snprintf (with SSE floating point)");
    free(p);
    printf("expect: main: got a reply: 0xffffffffffff9e9e\n");
    printf("main: got a reply: %#" PRIxPTR "\n", (uintptr_t)~0x6161ul);
    printf("expect: float 2.50 and 1.000000e+10\n");
    printf("float %.2f and %e\n", 2.5, 1e10);
    puts("expect: puts line");
    puts("puts line");
    fprintf(stderr, "expect: stderr line 7\n");
    fprintf(stderr, "stderr line %d\n", 7);

    /* zf_log: "<prefix> <function>@<file>:<line> <message>" */
    zf_log_set_tag_prefix("rt_test:");
    printf("expect: rt_test: main@rt_test.c:%d plain error 1\n", __LINE__ + 1);
    ZF_LOGE("plain error %d", 1);
    printf("expect: rt_test: main@rt_test.c:%d [Cond failed: 1 + 1 == 2]\n", __LINE__ + 2);
    printf("expect: \tcondition message\n");
    ZF_LOGE_IF(1 + 1 == 2, "condition message");
    ZF_LOGW("not compiled in at the default level %d", 4);
    ZF_LOGI("not compiled in either");
    zf_log_set_tag_prefix(NULL);
    printf("expect: main@rt_test.c:%d no prefix\n", __LINE__ + 1);
    ZF_LOGE("no prefix");

    CHECK(failures == 0, "all checks passed");
    printf("failures: %d\n", failures);

    switch (rt_test_mode) {
    case 1:
        zf_log_set_tag_prefix("rt_test:");
        printf("expect: rt_test: main@rt_test.c:%d [Cond failed: rt_test_mode == 1]\n", __LINE__ + 2);
        printf("expect: \tfatal %s\n", "message");
        ZF_LOGF_IF(rt_test_mode == 1, "fatal %s", "message");
        printf("not reached\n");
        break;
    case 2:
        printf("expect: Assertion failed: rt_test_mode != 2 (%s: main: %d)\n", __FILE__, __LINE__ + 1);
        assert(rt_test_mode != 2);
        printf("not reached\n");
        break;
    case 3:
        atexit(at_exit_handler);
        nested_exit(5);
        break;
    default:
        break;
    }
    atexit(at_exit_handler);
    return failures == 0 ? 3 : 1;
}
