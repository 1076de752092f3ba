/* keel's syscall fuzzer: a root task that builds a population of kernel
 * objects and derived caps, then has a driver thread issue random syscalls
 * and invocations on them while worker threads in other address spaces do
 * random IPC, invocations and faults. See docs/hardening.md.
 *
 * Threads (priorities):
 *   root      255  builds each epoch's population, restarts what got stuck
 *   driver F  100  the random operations; its CSpace is the fuzzed CNode FC
 *                  (slots 0..4095) plus a private CNode the random CPtrs
 *                  never reach; F's own TCB, CSpace, VSpace, stack and IPC
 *                  buffer are in no CNode it can reach
 *   workers  <=50  random IPC, invocations and faults, each in a CSpace of
 *                  its own and in one of three VSpaces that map only the
 *                  workers' code (read-only) and the worker's own pages:
 *                  no root data or code, so random registers cannot hurt
 *                  the root
 *   watchdog   1   runs only when every other thread is blocked: signals
 *                  the root, which restarts the driver
 * A PIT interrupt (100 Hz) also wakes the root, to catch a driver that
 * cannot run. Every epoch_ops operations the root revokes the
 * population's untyped and builds it again. One worker (SACRIFICE) and
 * some endpoints and notifications have their original caps in FC, so the
 * driver can destroy them while threads use them.
 *
 * Reproducible from the seed: the driver's and workers' operation streams
 * depend only on their random number generators, never on results. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sel4/sel4.h>

/* ---------------------------------------------------------------- parameters */

/* Patched in the ELF by tests/fuzz/run.sh (found by the two magic words). */
typedef struct fuzz_params {
    uint64_t magic[2];
    uint64_t seed;        /* first seed */
    uint64_t n_seeds;     /* seeds seed, seed + 1, ... */
    uint64_t ops;         /* driver operations per seed */
    uint64_t epoch_ops;   /* operations per population */
    uint64_t verbose;     /* 1: print every operation */
} fuzz_params_t;
#define FUZZ_MAGIC0 0x7a7a75664c45454bul   /* "KEELfuzz" */
#define FUZZ_MAGIC1 0x736d61726170aa55ul
extern volatile fuzz_params_t fuzz_params;

/* ---------------------------------------------------------------- random numbers */

static inline uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ul;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ul;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebul;
    return x ^ (x >> 31);
}

static inline uint64_t rng_next(uint64_t *s)   /* xorshift64* */
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dul;
}

static inline uint64_t rng_below(uint64_t *s, uint64_t n) { return n ? rng_next(s) % n : 0; }
static inline int rng_chance(uint64_t *s, unsigned percent) { return rng_below(s, 100) < percent; }

/* ---------------------------------------------------------------- layout */

#define FC_BITS        12                 /* the fuzzed CNode */
#define FC_SLOTS       (1u << FC_BITS)
#define FC_POP_END     96                 /* population slots are below this */
#define P_BITS         4                  /* the driver's private CNode */
#define P_CPTR(i)      ((1ul << 63) | (i))
enum { P_DONE = 0, P_PARK = 1, P_FAULT = 2 };
#define WC_BITS        8                  /* a worker's CNode */
/* WC_SERVER: an endpoint the worker serves (ReplyRecv with short
 * messages), one the driver calls: the IPC fast path's case. */
enum { WC_FAULT_EP = 1, WC_FIRST_IPC = 2, WC_LAST_IPC = 9, WC_SELF = 10, WC_FRAME = 11, WC_SERVER = 12,
       WC_FIRST_FREE = 16 };

#define N_WORKERS      5
#define N_VSPACES      3                  /* worker w < 4 runs in VSpace w % 2 */
/* The last worker is the driver's to destroy: the originals of its TCB,
 * CNode, VSpace and page tables are in FC, the root keeps no cap to them. */
#define SACRIFICE      (N_WORKERS - 1)
static inline int vspace_of(int w) { return w == SACRIFICE ? 2 : w % 2; }
#define WORKER_PRIO_MAX 50
#define DRIVER_PRIO    100

/* Pages the root maps at the same address in its VSpace and in the
 * workers' (one page table covers the region). */
#define REGION         0x10000000ul
#define DRIVER_IPC     REGION
#define WORKER_BASE(w) (REGION + 0x10000ul + (w) * 0x4000ul)
#define WORKER_WCB(w)   WORKER_BASE(w)              /* control block */
#define WORKER_STACK(w) (WORKER_BASE(w) + 0x1000ul) /* one page of stack */
#define WORKER_IPC(w)   (WORKER_BASE(w) + 0x2000ul)

/* ---------------------------------------------------------------- workers */

enum worker_op {
    W_SEND, W_NBSEND, W_CALL, W_RECV, W_NBRECV, W_REPLY, W_REPLYRECV, W_YIELD,
    W_INVOKE, W_FAULT, W_RECVPATH, W_SERVE, W_NOPS
};

/* A worker's control block, shared with the root (the root only reads it
 * through its own mapping, and treats it as untrusted data). */
typedef struct wcb {
    uint64_t rng;
    uint64_t ops;                 /* progress */
    uint64_t by_op[W_NOPS];
    uint64_t errors;              /* invocations answered with an error */
    uint64_t text_start, text_end;
} wcb_t;

void worker_main(wcb_t *w) __attribute__((noreturn));
/* The workers' code: the only code mapped in their VSpaces (worker.c). */
extern char __start_fuzz_worker_text[], __stop_fuzz_worker_text[];
#define WORKER_TEXT_START ((seL4_Word)__start_fuzz_worker_text)
#define WORKER_TEXT_END   (((seL4_Word)__stop_fuzz_worker_text + 0xfff) & ~0xffful)

/* ---------------------------------------------------------------- the driver */

enum driver_op {
    /* CNode */
    D_COPY, D_MINT, D_MOVE, D_MUTATE, D_ROTATE, D_DELETE, D_REVOKE, D_SAVECALLER, D_CANCELBADGED,
    /* Untyped */
    D_RETYPE,
    /* TCB */
    D_READREGS, D_WRITEREGS, D_COPYREGS, D_SUSPEND, D_RESUME, D_CONFIGURE, D_SETPRIO, D_SETMCP,
    D_SETSCHED, D_SETIPCBUF, D_SETSPACE, D_BIND, D_UNBIND, D_SETTLS,
    /* VSpace */
    D_PAGEMAP, D_PAGEUNMAP, D_GETADDR, D_TABLEMAP, D_TABLEUNMAP, D_ASIDASSIGN, D_MAKEPOOL,
    /* IRQ, IO ports, domains */
    D_IRQACK, D_IRQSET, D_IRQCLEAR, D_PORTIN, D_PORTOUT, D_DOMAIN,
    /* IPC */
    D_SEND, D_NBSEND, D_CALL, D_RECV, D_NBRECV, D_REPLY, D_REPLYRECV, D_YIELD,
    /* anything */
    D_INVOKE, D_BADSYSCALL, D_DEBUG,
    D_NOPS
};
#define N_ERR 12   /* seL4_Error 0..10, and "other" */

typedef struct driver {
    uint64_t rng;
    uint64_t op, end;             /* operations done this seed; where this epoch ends */
    volatile uint64_t done;       /* the epoch's operations are all issued */
    volatile uint64_t cur;        /* kind of the operation in flight */
    uint64_t by_op[D_NOPS];
    uint64_t err[D_NOPS][N_ERR];
    uint64_t stuck[D_NOPS];       /* blocked or faulted, restarted by the root */
} driver_t;

extern driver_t drv;
void driver_main(void) __attribute__((noreturn));
const char *driver_op_name(int op);

/* What the driver knows of each FC slot: a guess at its cap type (the
 * DebugCapIdentify tag), and for a CNode the depth that names one of its
 * slots and its number of slots. Kept up to date by the driver's own
 * successful operations only. */
typedef struct hint {
    uint8_t type;
    uint8_t depth;
    uint8_t radix;
    uint8_t fc;                   /* a CNode cap to FC itself */
} hint_t;
extern hint_t fc_hint[FC_SLOTS];
void driver_reset_hints(void);
void driver_note(seL4_Word slot, uint8_t type, uint8_t depth, uint8_t radix, uint8_t fc);
extern seL4_Word fc_g52;          /* an FC cap with guard 52: depth 64 names slot i by i */

/* Cap type tags (seL4_DebugCapIdentify, x86_64). */
enum {
    CT_NULL = 0, CT_FRAME = 1, CT_UNTYPED = 2, CT_PT = 3, CT_EP = 4, CT_PD = 5, CT_NTFN = 6,
    CT_PDPT = 7, CT_REPLY = 8, CT_PML4 = 9, CT_CNODE = 10, CT_ASID_CONTROL = 11, CT_TCB = 12,
    CT_ASID_POOL = 13, CT_IRQ_CONTROL = 14, CT_IRQ_HANDLER = 16, CT_IO_PORT = 19, CT_DOMAIN = 20,
};

/* Raw syscall with full control of the message: MR0..3 in registers, the
 * rest and the extra caps in `ipc`. Returns the reply's (or received)
 * MessageInfo word; *badge gets RDI. */
static inline seL4_Word raw_syscall(seL4_Word sys, seL4_Word cptr, seL4_Word info, const seL4_Word *mrs,
                                    seL4_Word *badge)
{
    seL4_Word m0 = mrs[0], m1 = mrs[1], m2 = mrs[2], m3 = mrs[3];
    keel_x64_syscall(sys, &cptr, &info, &m0, &m1, &m2, &m3);
    if (badge)
        *badge = cptr;
    return info;
}
