/* Interfaces of the generic kernel, shared by kernel/kernel, kernel/object,
 * kernel/api and the architecture's objects (kernel/arch/x86_64/object).
 * Names follow seL4's so that its documents can be read alongside. */
#pragma once
#include "types.h"
#include "context.h"
#include "cap.h"
#include "object.h"
#include "arch.h"
#include "printf.h"
#include "sel4_abi.h"
#include "scheduler.h"

/* ---------------------------------------------------------------- errors */
typedef enum exception {
    EXCEPTION_NONE = 0,
    EXCEPTION_FAULT,          /* current_fault holds a fault for the thread */
    EXCEPTION_LOOKUP_FAULT,   /* current_lookup_fault holds a lookup failure */
    EXCEPTION_SYSCALL_ERROR,  /* current_syscall_error holds the error */
    EXCEPTION_PREEMPTED,
} exception_t;

typedef struct syscall_error {
    word_t type;                  /* seL4_Error */
    word_t invalid_argument_number;
    word_t invalid_cap_number;
    word_t range_min, range_max;
    word_t memory_left;
    bool failed_lookup_was_source;
} syscall_error_t;

extern syscall_error_t current_syscall_error;
extern lookup_fault_t current_lookup_fault;
extern fault_t current_fault;

/* Shorthands for decode functions: set the error and return it. */
#define SYSCALL_ERROR(err) \
    ({ current_syscall_error.type = (err); EXCEPTION_SYSCALL_ERROR; })
#define SYSCALL_INVALID_ARGUMENT(n) \
    ({ current_syscall_error.type = seL4_InvalidArgument; \
       current_syscall_error.invalid_argument_number = (n); EXCEPTION_SYSCALL_ERROR; })
#define SYSCALL_INVALID_CAP(n) \
    ({ current_syscall_error.type = seL4_InvalidCapability; \
       current_syscall_error.invalid_cap_number = (n); EXCEPTION_SYSCALL_ERROR; })
#define SYSCALL_RANGE_ERROR(lo, hi) \
    ({ current_syscall_error.type = seL4_RangeError; current_syscall_error.range_min = (lo); \
       current_syscall_error.range_max = (hi); EXCEPTION_SYSCALL_ERROR; })
/* After a lookup returned EXCEPTION_LOOKUP_FAULT: report seL4_FailedLookup. */
#define SYSCALL_FAILED_LOOKUP(was_source) \
    ({ current_syscall_error.type = seL4_FailedLookup; \
       current_syscall_error.failed_lookup_was_source = (was_source); EXCEPTION_SYSCALL_ERROR; })

/* userError: seL4's debug diagnostic for a rejected invocation. */
void user_error_print(const char *func, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#define userError(...) user_error_print(__func__, __LINE__, __VA_ARGS__)

/* ---------------------------------------------------------------- invocation context */
/* The extra caps of the message being decoded, looked up before decoding. */
typedef struct extra_caps { cte_t *slots[seL4_MsgMaxExtraCaps]; } extra_caps_t;
extern extra_caps_t current_extra_caps;

/* Kernel pointer to thread's IPC buffer, or NULL if it has none that is
 * usable (no buffer frame cap, device frame, or, for a receiver, read-only). */
word_t *lookupIPCBuffer(bool is_receiver, tcb_t *thread);
/* Message register i of an invocation: registers for i < 4, else buffer (0 if none). */
word_t getSyscallArg(word_t i, word_t *ipc_buffer);
static inline word_t getRegister(tcb_t *t, int reg) { return t->ctx.r[reg]; }
static inline void setRegister(tcb_t *t, int reg, word_t v) { t->ctx.r[reg] = v; }
/* Set message register i of thread (register or buffer); returns i+1 or i if dropped. */
word_t setMR(tcb_t *t, word_t *buffer, word_t i, word_t v);
void setMRs_syscall_error(tcb_t *t, word_t *buffer, word_t *length_out);
/* Reply to the current invocation with label 0 and `length` MRs already set. */
void replyFromKernel_success_empty(tcb_t *t);
void replyFromKernel_success(tcb_t *t, word_t length);

/* ---------------------------------------------------------------- cspace */
typedef struct lookup_slot_ret { exception_t status; cte_t *slot; } lookup_slot_ret_t;
typedef struct lookup_cap_ret { exception_t status; cap_t cap; } lookup_cap_ret_t;
typedef struct lookup_cap_slot_ret { exception_t status; cap_t cap; cte_t *slot; } lookup_cap_slot_ret_t;
typedef struct resolve_ret { exception_t status; cte_t *slot; word_t bits_remaining; } resolve_ret_t;

resolve_ret_t resolveAddressBits(cap_t node, cptr_t cptr, word_t n_bits);
lookup_cap_ret_t lookupCap(tcb_t *t, cptr_t cptr);               /* depth 64 in t's CSpace */
lookup_slot_ret_t lookupSlot(tcb_t *t, cptr_t cptr);
lookup_cap_slot_ret_t lookupCapAndSlot(tcb_t *t, cptr_t cptr);
/* Lookups for CNode-style operations (root, index, depth), with seL4's checks;
 * failures set current_syscall_error (FailedLookup / RangeError). */
lookup_slot_ret_t lookupSlotForCNodeOp(bool is_source, cap_t root, cptr_t index, word_t depth);
lookup_slot_ret_t lookupTargetSlot(cap_t root, cptr_t index, word_t depth);
lookup_slot_ret_t lookupSourceSlot(cap_t root, cptr_t index, word_t depth);
lookup_slot_ret_t lookupPivotSlot(cap_t root, cptr_t index, word_t depth);

static inline cte_t *cnode_slots(cap_t cnode) { return (cte_t *)ptr_from_paddr(cap_cnode_paddr_5(cnode) << 5); }

/* The common CSpace shape, resolved inline: the root CNode cap translates
 * all 64 bits of the CPtr in one level (guard bits + radix == 64). Returns
 * the slot, or NULL when the shape differs or the guard does not match:
 * then resolveAddressBits() decides (and sets the lookup fault). */
static inline cte_t *lookup_slot_one_level(cap_t root, cptr_t cptr)
{
    word_t radix = cap_cnode_radix(root), guard = cap_cnode_guard(root);
    if (unlikely(cap_get_type(root) != cap_cnode || radix + cap_cnode_guard_size(root) != WORD_BITS))
        return NULL;
    /* radix is at most 63, so the guard is at least one bit and the shift defined */
    if (unlikely(cptr >> radix != guard))
        return NULL;
    /* the guard matched, so the index is cptr without its guard bits */
    return cnode_slots(root) + (cptr ^ (guard << radix));
}

/* ---------------------------------------------------------------- capability derivation tree */
exception_t ensureNoChildren(cte_t *slot);
exception_t ensureEmptySlot(cte_t *slot);
bool isFinalCapability(cte_t *slot);
bool hasChildren(cte_t *slot);
void cteInsert(cap_t new_cap, cte_t *src, cte_t *dest);     /* dest becomes a child of src (or sibling, per seL4) */
void cteMove(cap_t new_cap, cte_t *src, cte_t *dest);
void cteSwap(cap_t cap1, cte_t *slot1, cap_t cap2, cte_t *slot2);
exception_t cteDelete(cte_t *slot, bool exposed);
exception_t cteRevoke(cte_t *slot);
void cteDeleteOne(cte_t *slot);      /* for caps that are never final-with-children (reply, ...) */
void insertNewCap(cte_t *parent, cte_t *slot, cap_t cap);    /* a fresh object's cap as child of an untyped */
void setUntypedCapAsFull(cap_t src, cap_t new_cap, cte_t *src_slot);

typedef struct derive_cap_ret { exception_t status; cap_t cap; } derive_cap_ret_t;
derive_cap_ret_t deriveCap(cte_t *slot, cap_t cap);
cap_t maskCapRights(word_t cap_rights_word, cap_t cap);
cap_t updateCapData(bool preserve, word_t data, cap_t cap);
bool sameRegionAs(cap_t a, cap_t b);
bool sameObjectAs(cap_t a, cap_t b);
bool isCapRevocable(cap_t derived, cap_t src);

/* Finalising: release what a cap's object holds when its last cap goes. */
typedef struct finalise_ret { cap_t remainder; cap_t cleanup_info; } finalise_ret_t;
finalise_ret_t finaliseCap(cap_t cap, bool final, bool exposed);

/* ---------------------------------------------------------------- objects */
word_t getObjectSize(word_t type, word_t user_size_bits);
cap_t createObject(word_t type, void *region, word_t user_size_bits, bool device);
void *cap_object_ptr(cap_t cap);      /* kernel pointer of the object a cap names, NULL if none */
word_t cap_object_size_bits(cap_t cap);

/* Arch hooks for the paging objects and other x86 caps (kernel/arch/x86_64/object). */
bool arch_is_frame_type(word_t type);
word_t arch_object_size(word_t type, word_t user_size_bits);  /* for arch types */
cap_t arch_create_object(word_t type, void *region, word_t user_size_bits, bool device);
finalise_ret_t arch_finalise_cap(cap_t cap, bool final);
derive_cap_ret_t arch_derive_cap(cte_t *slot, cap_t cap);
cap_t arch_mask_cap_rights(word_t cap_rights_word, cap_t cap);
cap_t arch_update_cap_data(bool preserve, word_t data, cap_t cap);
bool arch_same_region_as(cap_t a, cap_t b);
bool arch_same_object_as(cap_t a, cap_t b);
void *arch_cap_object_ptr(cap_t cap);
word_t arch_cap_object_size_bits(cap_t cap);
exception_t arch_decode_invocation(word_t label, word_t length, cptr_t cptr, cte_t *slot,
                                   cap_t cap, bool call, word_t *buffer);
/* VSpace of a thread: checks the thread's VTable cap is a mapped PML4 and
 * loads CR3 (or the kernel's PML4 if not). */
void setVMRoot(tcb_t *t);
bool isValidVTableRoot(cap_t cap);
/* Read a user word through the thread's page tables; false if unmapped. */
bool vspace_read_word(tcb_t *t, vptr_t addr, word_t *value);
/* Root task VSpace, built by boot_kernel (see kernel/kernel/boot.c). */

/* ---------------------------------------------------------------- threads and scheduling */
extern tcb_t *ksCurThread;
extern tcb_t *ksIdleThread;
extern tcb_t *ksSchedulerAction;   /* NULL: resume current; SCHED_CHOOSE_NEW; or a thread to switch to */
#define SCHEDULER_ACTION_RESUME_CURRENT ((tcb_t *)0)
#define SCHEDULER_ACTION_CHOOSE_NEW     ((tcb_t *)1)

static inline thread_state_t thread_state(const tcb_t *t) { return (thread_state_t)t->state; }
bool isBlocked(const tcb_t *t);
void rescheduleRequired(void);
void fastpath_call(cptr_t cptr, word_t msginfo);          /* returns only to fall back */
void fastpath_reply_recv(cptr_t cptr, word_t msginfo);
void fastpath_signal(cptr_t cptr, word_t msginfo);        /* kernel/fastpath/signal.c */
void fastpath_wait(cptr_t cptr, bool is_blocking);
void fastpath_yield(void);                                /* kernel/fastpath/yield.c */
void yieldCurrent(void);
void possibleSwitchTo(tcb_t *t);
static inline bool isRunnable(const tcb_t *t)
{
    return t->state == ThreadState_Running || t->state == ThreadState_Restart;
}
/* The current thread stopped being runnable: the scheduler must choose. */
static inline void scheduleTCB(tcb_t *t)
{
    if (t == ksCurThread && ksSchedulerAction == SCHEDULER_ACTION_RESUME_CURRENT && !isRunnable(t))
        rescheduleRequired();
}
static inline void setThreadState(tcb_t *t, thread_state_t s)
{
    t->state = s;
    scheduleTCB(t);
}
void schedule(void);
void activateThread(void);
void suspend(tcb_t *t);
void restart(tcb_t *t);
void setupReplyMaster(tcb_t *t);
word_t sanitiseRegister(int reg, word_t v);
exception_t lookupExtraCaps(tcb_t *t, word_t *buffer, word_t info);
void tcbDebugAppend(tcb_t *t);
void tcbDebugRemove(tcb_t *t);
extern tcb_t *ksDebugTCBs;
void setPriority(tcb_t *t, word_t prio);
void timerTick(void);
void doIPCTransfer(tcb_t *sender, endpoint_t *ep, word_t badge, bool grant, tcb_t *receiver);
void doReplyTransfer(tcb_t *sender, tcb_t *receiver, cte_t *caller_slot, bool grant);
void setupCallerCap(tcb_t *sender, tcb_t *receiver, bool can_grant);
void deleteCallerCap(tcb_t *receiver);
vptr_t getRestartPC(tcb_t *t);
void setNextPC(tcb_t *t, vptr_t v);

/* ---------------------------------------------------------------- IPC objects */
void sendIPC(bool blocking, bool do_call, word_t badge, bool can_grant, bool can_grant_reply,
             tcb_t *thread, endpoint_t *ep);
void receiveIPC(tcb_t *thread, cap_t cap, bool is_blocking);
void cancelIPC(tcb_t *t);
void cancelAllIPC(endpoint_t *ep);
void cancelBadgedSends(endpoint_t *ep, word_t badge);
void replyFromKernel_error(tcb_t *t);
void sendSignal(notification_t *n, word_t badge);
void receiveSignal(tcb_t *t, cap_t cap, bool is_blocking);
void cancelSignal(tcb_t *t, notification_t *n);
void cancelAllSignals(notification_t *n);
void bindNotification(tcb_t *t, notification_t *n);
void unbindNotification(tcb_t *t);
void unbindMaybeNotification(notification_t *n);

/* ---------------------------------------------------------------- faults */
void handleFault(tcb_t *t);          /* current_fault for thread t */
exception_t handleVMFault(tcb_t *t, word_t addr, word_t fsr);
void print_fault(const fault_t *f);

/* ---------------------------------------------------------------- interrupts */
void handleInterrupt(word_t irq);
void deletingIRQHandler(word_t irq);
void deletedIRQHandler(word_t irq);
bool irq_is_issued(word_t irq);
void irq_set_issued(word_t irq, bool issued);
exception_t invokeIRQControl_issue(word_t irq, cte_t *handler_slot, cte_t *control_slot);
bool kernel_can_still_wake_threads(void);   /* any IRQ bound to a notification */

/* ---------------------------------------------------------------- run end */
NORETURN void kernel_end_run(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
