/*
 * The object-model and IPC system test suite: a root task that runs a
 * table of test cases, each in a fresh 4 MiB untyped that is revoked
 * afterwards, and prints one line per case:
 *     PASS: <area>/<name>
 *     FAIL: <area>/<name>: <detail>
 * then "N passed, N failed"; main returns the number of failures.
 *
 * Writing a case: `static void name(void)`; create objects with NEW(),
 * slots with slot_alloc(), threads with thread_new()/thread_start();
 * check with the CHECK* macros (a failed check records the detail and
 * returns from the case). Everything a case makes is deleted by the
 * runner afterwards: the case's slot range is emptied and its untyped
 * revoked. See docs/testing.md.
 */
#pragma once

#include <stdio.h>
#include <string.h>
#include <sel4/sel4.h>
#include <sel4runtime.h>

typedef struct test_case {
    const char *area;
    const char *name;
    void (*fn)(void);
} test_case_t;

#define TEST(area, name) { #area, #name, area##_##name }
#define TESTS_END { NULL, NULL, NULL }

/* ---------------------------------------------------------------- checks */

void test_fail(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *err_name(seL4_Word e);

#define FAIL(...) do { test_fail(__LINE__, __VA_ARGS__); return; } while (0)
#define CHECK(c) do { if (!(c)) FAIL("check failed: %s", #c); } while (0)
#define CHECK_MSG(c, ...) do { if (!(c)) FAIL(__VA_ARGS__); } while (0)
#define CHECK_EQ(a, b) do {                                                           \
        seL4_Word a_ = (seL4_Word)(a), b_ = (seL4_Word)(b);                           \
        if (a_ != b_) FAIL("%s = %#lx, expected %#lx", #a, a_, b_);                   \
    } while (0)
#define CHECK_ERR(call, err) do {                                                     \
        seL4_Word e_ = (seL4_Word)(call);                                             \
        if (e_ != (seL4_Word)(err))                                                   \
            FAIL("%s returned %s, expected %s", #call, err_name(e_), err_name(err));  \
    } while (0)
#define CHECK_OK(call) CHECK_ERR(call, seL4_NoError)
/* Message register i of the last reply (error details). */
#define CHECK_MR(i, v) do {                                                           \
        seL4_Word m_ = seL4_GetMR(i), v_ = (seL4_Word)(v);                            \
        if (m_ != v_) FAIL("MR%d = %#lx, expected %#lx (%s)", (int)(i), m_, v_, #v);  \
    } while (0)

/* ---------------------------------------------------------------- resources */

#define ROOT_CNODE  seL4_CapInitThreadCNode
#define ROOT_VSPACE seL4_CapInitThreadVSpace
#define ROOT_TCB    seL4_CapInitThreadTCB
#define DEPTH       seL4_WordBits
#define CASE_UT_BITS 22

extern seL4_BootInfo *bi;

/* A free slot of the root CNode (emptied after the case). */
seL4_CPtr slot_alloc(void);
/* n consecutive free slots; returns the first. */
seL4_CPtr slots_alloc(seL4_Word n);
/* The case's untyped (2^CASE_UT_BITS bytes of RAM, revoked after the case). */
seL4_CPtr case_ut(void);
/* Retype one object from the case's untyped into a new slot; 0 on failure
 * (the failure is recorded). */
seL4_CPtr new_object(seL4_Word type, seL4_Word size_bits);
#define NEW(type, bits) ({ seL4_CPtr c_ = new_object((type), (bits)); if (!c_) return; c_; })
/* Map a 4 KiB frame cap read-write at the next free page of the scratch
 * region (which has a page table); returns the address, 0 on failure. */
seL4_Word map_scratch(seL4_CPtr frame);
/* A new zeroed page, mapped in the root VSpace; *frame gets its cap. */
void *new_page(seL4_CPtr *frame);
#define NEW_PAGE(fp) ({ void *p_ = new_page(fp); if (!p_) return; p_; })
/* Copy (Copy with all rights) / mint a cap into a new slot; 0 on failure. */
seL4_CPtr copy_cap(seL4_CPtr src, seL4_CapRights_t rights);
seL4_CPtr mint_cap(seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge);
#define COPY(src, rights) ({ seL4_CPtr c_ = copy_cap((src), (rights)); if (!c_) return; c_; })
#define MINT(src, rights, badge) ({ seL4_CPtr c_ = mint_cap((src), (rights), (badge)); if (!c_) return; c_; })

/* seL4_DebugCapIdentify cap type tags (x86_64). */
enum {
    CT_NULL = 0, CT_FRAME = 1, CT_UNTYPED = 2, CT_PT = 3, CT_EP = 4, CT_PD = 5, CT_NTFN = 6,
    CT_PDPT = 7, CT_REPLY = 8, CT_PML4 = 9, CT_CNODE = 10, CT_ASID_CONTROL = 11, CT_TCB = 12,
    CT_ASID_POOL = 13, CT_IRQ_CONTROL = 14, CT_IRQ_HANDLER = 16, CT_IO_PORT = 19,
    CT_DOMAIN = 20, CT_IO_PORT_CONTROL = 31,
};
#define cap_type(c) ((seL4_Word)seL4_DebugCapIdentify(c))

/* A message with arbitrary label, length and extra caps (MRs from mrs[]);
 * returns the reply info, with MR0..3 of the reply in the IPC buffer. */
seL4_MessageInfo_t raw_call(seL4_CPtr dest, seL4_Word label, seL4_Word length,
                            seL4_Word ncaps, const seL4_CPtr *caps, const seL4_Word *mrs);

/* ---------------------------------------------------------------- threads */

/* A thread in the root task's CSpace and VSpace with its own stack, IPC
 * buffer and TLS (so it may use every libsel4 function, but not printf). */
typedef struct thread {
    seL4_CPtr tcb;
    seL4_CPtr ipc_frame;
    seL4_Word ipc_vaddr;
    seL4_Word tls_base;
    seL4_Word stack_top;
    int idx;
} thread_t;

typedef void (*thread_fn_t)(seL4_Word a, seL4_Word b);

/* TCB configured (CSpace, VSpace, IPC buffer, fault endpoint CPtr,
 * priority) but not started; 0 on success. */
int thread_create(thread_t *t, seL4_Word prio, seL4_CPtr fault_ep);
/* Start at fn(a, b) with WriteRegisters + resume. When fn returns the thread
 * suspends itself. */
seL4_Error thread_start(thread_t *t, thread_fn_t fn, seL4_Word a, seL4_Word b);
/* The registers thread_start would use (to start with changes). */
void thread_regs(thread_t *t, seL4_UserContext *regs, thread_fn_t fn, seL4_Word a, seL4_Word b);
#define THREAD(t, prio, fault_ep) do { if (thread_create((t), (prio), (fault_ep))) return; } while (0)
#define START(t, fn, a, b) CHECK_OK(thread_start((t), (thread_fn_t)(fn), (seL4_Word)(a), (seL4_Word)(b)))

/* Let every thread of priority >= 2 run until all of them block: the root
 * task drops to priority 1 and comes back to 255. */
void run_lower(void);
void set_root_prio(seL4_Word prio);

/* Scratch words shared with child threads, zeroed before each case. */
extern volatile seL4_Word g[64];
/* A log for ordering tests: log_put(x) appends (child threads too). */
extern volatile seL4_Word g_log[64];
extern volatile seL4_Word g_log_n;
void log_put(seL4_Word v);

static inline seL4_Word rdtsc(void)
{
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((seL4_Word)hi << 32) | lo;
}

/* Helpers for child threads (no TLS needed beyond the IPC buffer). */
void spin_forever(void) __attribute__((noreturn));

/* ---------------------------------------------------------------- areas */

extern const test_case_t cspace_tests[], cnode_tests[], untyped_tests[], tcb_tests[],
       ipc_tests[], notification_tests[], fault_tests[], vspace_tests[], ioirq_tests[],
       sched_tests[], isolation_tests[], syscall_tests[];
