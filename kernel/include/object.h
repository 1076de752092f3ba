/* Kernel objects that live in memory retyped from untyped by user space. */
#pragma once
#include "types.h"
#include "context.h"
#include "cap.h"

/* seL4 object sizes (bits) for x86_64. */
#define TCB_BITS           11
#define ENDPOINT_BITS       4
#define NOTIFICATION_BITS   5
#define SLOT_BITS           5
#define PAGE_BITS          12
#define LARGE_PAGE_BITS    21
#define HUGE_PAGE_BITS     30
#define PT_BITS            12   /* PT, PD, PDPT, PML4 are all one page */
#define ASID_POOL_BITS     12
#define MIN_UNTYPED_BITS    4
#define MAX_UNTYPED_BITS   47
#define IPC_BUFFER_BITS    10

/* A TCB object is 2 KiB: its five cap slots first, then the FPU save area,
 * then the tcb_t at TCB_OFFSET (where seL4 puts it too, which is why TCB
 * pointers in fault reports end in ...400/...c00). */
#define TCB_OFFSET     0x400
#define TCB_FPU_OFFSET 0x200   /* 512 bytes, FXSAVE format */
enum tcb_cnode_index {
    TCB_CTABLE = 0,     /* CSpace root */
    TCB_VTABLE = 1,     /* VSpace root */
    TCB_REPLY = 2,      /* master reply cap */
    TCB_CALLER = 3,     /* reply cap of the thread that called us */
    TCB_BUFFER = 4,     /* IPC buffer frame */
    TCB_CNODE_ENTRIES = 5,
};

typedef enum thread_state {
    ThreadState_Inactive = 0,
    ThreadState_Running,
    ThreadState_Restart,
    ThreadState_BlockedOnReceive,
    ThreadState_BlockedOnSend,
    ThreadState_BlockedOnReply,
    ThreadState_BlockedOnNotification,
    ThreadState_IdleThreadState,
} thread_state_t;

/* seL4_Fault types (non-MCS numbering, as in the fault IPC label). */
enum fault_type {
    fault_null = 0, fault_cap = 1, fault_unknown_syscall = 2,
    fault_user_exception = 3, fault_vm = 5,
};

/* seL4_LookupFailure types. */
enum lookup_fault_type {
    lookup_invalid_root = 0, lookup_missing_cap = 1,
    lookup_depth_mismatch = 2, lookup_guard_mismatch = 3,
};

typedef struct lookup_fault {
    word_t type;
    word_t bits_left;        /* missing_cap, depth_mismatch, guard_mismatch */
    word_t bits_found;       /* depth_mismatch, guard_mismatch */
    word_t guard_found;      /* guard_mismatch */
} lookup_fault_t;

typedef struct fault {
    word_t type;             /* enum fault_type */
    word_t w[3];             /* cap: addr, in_receive_phase; vm: addr, fsr, instruction;
                                unknown syscall: number; user exception: vector, code */
} fault_t;

typedef struct notification notification_t;

#define TCB_NAME_LENGTH 64

typedef struct tcb {
    user_context_t ctx;            /* must be first: the entry code saves here */
    word_t fpu_used;               /* has used the FPU: its state is live or in the FPU area (arch) */
    word_t fpu_eager;              /* its FPU state is loaded on every switch to it (arch) */
    cap_t fp_root;                 /* the fast path's last lookup: CSpace root cap (fp_no_root: none), */
    cptr_t fp_cptr;                /*   CPtr */
    cte_t *fp_slot;                /*   and the slot they name */
    cap_t vroot_cap;               /* VTable cap last found to name a live VSpace (arch cache; fp_no_root: none) */
    paddr_t vroot;                 /*   ...and the PML4 it named */

    word_t state;                  /* thread_state_t */
    word_t blocking_object;        /* endpoint or notification pptr */
    word_t blocking_badge;         /* badge of the cap used to send */
    bool blocking_can_grant;       /* send/receive: the cap had Grant */
    bool blocking_can_grant_reply; /* send: the cap had GrantReply */
    bool blocking_is_call;
    bool reply_can_grant;          /* BlockedOnReply: unused, kept for symmetry */

    fault_t fault;                 /* pending fault while its IPC is in flight */
    lookup_fault_t lookup_fault;   /* the lookup failure of the current fault/error */

    word_t priority;
    word_t mcp;
    word_t domain;
    word_t time_slice;
    word_t fault_handler;          /* CPtr, looked up at fault time */
    vptr_t ipc_buffer;             /* user address of the IPC buffer, 0 if none */

    struct tcb *sched_next, *sched_prev;   /* ready queue */
    struct tcb *ep_next, *ep_prev;         /* endpoint / notification queue */
    bool in_ready_queue;
    notification_t *bound_notification;

    struct tcb *debug_next, *debug_prev;   /* list of all TCBs, for DebugDumpScheduler */
    char name[TCB_NAME_LENGTH];
} tcb_t;

compile_assert(tcb_fits, TCB_OFFSET + sizeof(tcb_t) <= BIT(TCB_BITS));

/* Words no cap has (type 31 is the IO port control cap, which has no
 * fields): an empty fast-path lookup cache. */
static const cap_t fp_no_root UNUSED = {{~0ul, ~0ul}};

static inline cte_t *tcb_cte(tcb_t *t, enum tcb_cnode_index i)
{ return (cte_t *)((word_t)t - TCB_OFFSET) + i; }
static inline void *tcb_fpu_area(tcb_t *t)
{ return (void *)((word_t)t - TCB_OFFSET + TCB_FPU_OFFSET); }
static inline tcb_t *tcb_from_cte(cte_t *c)   /* c is one of the TCB's own slots */
{ return (tcb_t *)(ROUND_DOWN((word_t)c, TCB_BITS) + TCB_OFFSET); }

/* Endpoint (16 bytes): a queue of threads all sending or all receiving.
 * tcb_t pointers are 1 KiB aligned, so the queue state fits in the low
 * bits of the tail pointer. */
enum { EPState_Idle = 0, EPState_Send = 1, EPState_Recv = 2 };
typedef struct endpoint {
    word_t head;           /* tcb_t * */
    word_t tail_state;     /* tcb_t * | state */
} endpoint_t;
compile_assert(ep_size, sizeof(endpoint_t) == BIT(ENDPOINT_BITS));

/* Notification (32 bytes): a word of OR-ed badges and a queue of waiters. */
enum { NtfnState_Idle = 0, NtfnState_Waiting = 1, NtfnState_Active = 2 };
struct notification {
    word_t head;           /* tcb_t * */
    word_t tail_state;     /* tcb_t * | state */
    word_t msg;            /* active: OR of the signalled badges */
    tcb_t *bound_tcb;
};
compile_assert(ntfn_size, sizeof(notification_t) == BIT(NOTIFICATION_BITS));

#define QUEUE_STATE_MASK 3ul
static inline tcb_t *queue_head(const word_t *q) { return (tcb_t *)q[0]; }
static inline tcb_t *queue_tail(const word_t *q) { return (tcb_t *)(q[1] & ~QUEUE_STATE_MASK); }
static inline word_t queue_state(const word_t *q) { return q[1] & QUEUE_STATE_MASK; }
static inline void queue_set(word_t *q, tcb_t *head, tcb_t *tail, word_t state)
{ q[0] = (word_t)head; q[1] = (word_t)tail | state; }

/* Endpoint and notification queues link their threads the same way, and
 * an empty queue is Idle in both. */
compile_assert(idle_states_agree, EPState_Idle == 0 && NtfnState_Idle == 0);

/* Put t at the tail of queue q, which is then in the given state. */
static inline void queue_append(word_t *q, tcb_t *t, word_t state)
{
    tcb_t *tail = queue_tail(q);
    t->ep_prev = tail;
    t->ep_next = NULL;
    if (tail)
        tail->ep_next = t;
    queue_set(q, tail ? queue_head(q) : t, t, state);
}

/* Take t out of queue q; the queue keeps its state unless it is left empty. */
static inline void queue_remove(word_t *q, tcb_t *t)
{
    tcb_t *head = queue_head(q), *tail = queue_tail(q);
    if (t->ep_prev)
        t->ep_prev->ep_next = t->ep_next;
    else
        head = t->ep_next;
    if (t->ep_next)
        t->ep_next->ep_prev = t->ep_prev;
    else
        tail = t->ep_prev;
    t->ep_next = t->ep_prev = NULL;
    queue_set(q, head, tail, head ? queue_state(q) : 0);
}
