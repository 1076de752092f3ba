/* Faults: sent as an IPC to the thread's fault endpoint, or, when there is
 * no usable one, reported on the console (seL4's "double fault" report)
 * and the thread stops. */
#include "kernel.h"

#define USER_STACK_TRACE_LENGTH 16

exception_t handleVMFault(tcb_t *t, word_t addr, word_t fsr)
{
    (void)t;
    current_fault.type = fault_vm;
    current_fault.w[0] = addr;
    current_fault.w[1] = fsr;
    current_fault.w[2] = (fsr >> 4) & 1;   /* instruction fetch (needs NX, which is off as in seL4) */
    return EXCEPTION_FAULT;
}

void print_fault(const fault_t *f)
{
    switch (f->type) {
    case fault_null:
        kprintf("null fault");
        break;
    case fault_cap:
        kprintf("cap fault in %s phase at address %p", f->w[1] ? "receive" : "send", (void *)f->w[0]);
        break;
    case fault_vm:
        kprintf("vm fault on %s at address %p with status %p", f->w[2] ? "code" : "data",
                (void *)f->w[0], (void *)f->w[1]);
        break;
    case fault_unknown_syscall:
        kprintf("unknown syscall %p", (void *)f->w[0]);
        break;
    case fault_user_exception:
        kprintf("user exception %p code %p", (void *)f->w[0], (void *)f->w[1]);
        break;
    default:
        kprintf("unknown fault");
        break;
    }
}

static void userStackTrace(tcb_t *t)
{
    if (!isValidVTableRoot(tcb_cte(t, TCB_VTABLE)->cap)) {
        kprintf("Invalid vspace\n");
        return;
    }
    word_t sp = getRegister(t, REG_RSP);
    if (!IS_ALIGNED(sp, WORD_SIZE_BITS)) {
        kprintf("RSP not aligned\n");
        return;
    }
    for (int i = 0; i < USER_STACK_TRACE_LENGTH; i++) {
        word_t addr = sp + i * sizeof(word_t), value;
        if (vspace_read_word(t, addr, &value))
            kprintf("0x%lx: 0x%lx\n", addr, value);
        else
            kprintf("0x%lx: INVALID\n", addr);
    }
}

static void handleDoubleFault(tcb_t *t, const fault_t *original)
{
    kprintf("Caught ");
    print_fault(&current_fault);
    kprintf("\nwhile trying to handle:\n");
    print_fault(original);
    kprintf("\nin thread %p \"%s\" ", (void *)t, t->name);
    kprintf("at address %p\n", (void *)getRestartPC(t));
    kprintf("With stack:\n");
    userStackTrace(t);
    setThreadState(t, ThreadState_Inactive);
}

/* The fault endpoint is a CPtr in the thread's own CSpace, resolved now;
 * it must be an endpoint cap that can send and grant (or grant reply). */
static exception_t sendFaultIPC(tcb_t *t)
{
    lookup_fault_t original_lookup = current_lookup_fault;
    cptr_t handler = t->fault_handler;
    lookup_cap_ret_t l = lookupCap(t, handler);

    if (l.status == EXCEPTION_NONE && cap_get_type(l.cap) == cap_endpoint && cap_ep_can_send(l.cap) &&
        (cap_ep_can_grant(l.cap) || cap_ep_can_grant_reply(l.cap))) {
        t->fault = current_fault;
        if (current_fault.type == fault_cap)
            t->lookup_fault = original_lookup;
        sendIPC(true, true, cap_ep_badge(l.cap), cap_ep_can_grant(l.cap), true, t, cap_object_ptr(l.cap));
        return EXCEPTION_NONE;
    }
    current_fault.type = fault_cap;
    current_fault.w[0] = handler;
    current_fault.w[1] = 0;
    if (l.status == EXCEPTION_NONE) {
        current_lookup_fault.type = lookup_missing_cap;
        current_lookup_fault.bits_left = 0;
    }
    return EXCEPTION_FAULT;
}

void handleFault(tcb_t *t)
{
    fault_t original = current_fault;
    if (sendFaultIPC(t) != EXCEPTION_NONE)
        handleDoubleFault(t, &original);
}
