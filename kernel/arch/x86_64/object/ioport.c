/* I/O ports: X86_IOPortControl_Issue hands out a range [first, last] of
 * ports once (a bitmap of the 65536 ports remembers what is issued, until
 * the last cap to the range is deleted); X86_IOPort_In8/16/32 and
 * Out8/16/32 then use ports inside the cap's range. */
#include "paging.h"

#define N_IO_PORTS BIT(16)
static word_t issued_ports[N_IO_PORTS / WORD_BITS];

static bool port_issued(word_t port) { return issued_ports[port / WORD_BITS] & BIT(port % WORD_BITS); }

static void set_port_range(word_t first, word_t last, bool issued)
{
    for (word_t p = first; p <= last; p++) {
        if (issued) issued_ports[p / WORD_BITS] |= BIT(p % WORD_BITS);
        else        issued_ports[p / WORD_BITS] &= ~BIT(p % WORD_BITS);
    }
}

static bool port_range_free(word_t first, word_t last)
{
    for (word_t p = first; p <= last; p++)
        if (port_issued(p)) return false;
    return true;
}

void freeIOPortRange(word_t first_port, word_t last_port)
{
    set_port_range(first_port, last_port, false);
}

/* ---------------------------------------------------------------- IOPortControl */

static exception_t invokePortControlIssue(word_t first, word_t last, cte_t *dest, cte_t *control)
{
    set_port_range(first, last, true);
    cap_t c = cap_new(cap_io_port);
    c = cap_set_io_first_port(c, first);
    c = cap_set_io_last_port(c, last);
    cteInsert(c, control, dest);
    return EXCEPTION_NONE;
}

static word_t extra_cptr(word_t *buffer, word_t i) { return buffer ? buffer[IPCBUF_CAPS + i] : 0; }

/* MR0 first port, MR1 last port, MR2 index, MR3 depth; extra cap 0: the
 * destination CNode root. */
exception_t decodeX86PortControlInvocation(word_t label, word_t length, cte_t *slot, word_t *buffer)
{
    if (label != X86IOPortControlIssue) {
        userError("IOPortControl: Unknown operation.");
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    if (length < 4 || !current_extra_caps.slots[0]) {
        userError("IOPortControl: Truncated message.");
        return SYSCALL_ERROR(seL4_TruncatedMessage);
    }

    word_t first = getSyscallArg(0, buffer) & 0xffff;
    word_t last = getSyscallArg(1, buffer) & 0xffff;
    word_t index = getSyscallArg(2, buffer);
    word_t depth = getSyscallArg(3, buffer);
    cap_t cnode = current_extra_caps.slots[0]->cap;

    if (last < first) {
        userError("IOPortControl: Last port must be > first port.");
        return SYSCALL_INVALID_ARGUMENT(1);
    }
    if (!port_range_free(first, last)) {
        userError("IOPortControl: Some ports in range already in use.");
        return SYSCALL_ERROR(seL4_RevokeFirst);
    }

    lookup_slot_ret_t dest = lookupTargetSlot(cnode, index, depth);
    if (dest.status != EXCEPTION_NONE) {
        userError("Target slot for new IO Port cap invalid: cap %lu.", extra_cptr(buffer, 0));
        return dest.status;
    }
    exception_t status = ensureEmptySlot(dest.slot);
    if (status != EXCEPTION_NONE) {
        userError("Target slot for new IO Port cap not empty: cap %lu.", extra_cptr(buffer, 0));
        return status;
    }

    setThreadState(ksCurThread, ThreadState_Restart);
    return invokePortControlIssue(first, last, dest.slot, slot);
}

/* ---------------------------------------------------------------- IOPort */

static exception_t ensurePortOperationAllowed(cap_t cap, word_t port, word_t size)
{
    word_t first = cap_io_first_port(cap), last = cap_io_last_port(cap);
    word_t end = port + size - 1;
    if (port < first || end > last) {
        userError("IOPort: Ports %d--%d fall outside permitted range %d--%d.",
                  (int)port, (int)end, (int)first, (int)last);
        return SYSCALL_ERROR(seL4_IllegalOperation);
    }
    return EXCEPTION_NONE;
}

/* Reply MR0 = the value read. */
static exception_t invokePortIn(word_t port, int size, bool call)
{
    word_t value = arch_port_in(port, size);
    if (call) {
        word_t len = setMR(ksCurThread, lookupIPCBuffer(true, ksCurThread), 0, value);
        replyFromKernel_success(ksCurThread, len);
    }
    /* Running, not Restart: no empty reply over ours */
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

static exception_t invokePortOut(word_t port, word_t value, int size)
{
    arch_port_out(port, value, size);
    return EXCEPTION_NONE;
}

static int port_op_size(word_t label)
{
    switch (label) {
    case X86IOPortIn8:  case X86IOPortOut8:  return 1;
    case X86IOPortIn16: case X86IOPortOut16: return 2;
    default:                                 return 4;
    }
}

/* In: MR0 port. Out: MR0 port, MR1 value (cut to the access size). */
exception_t decodeX86PortInvocation(word_t label, word_t length, cap_t cap, bool call, word_t *buffer)
{
    exception_t status;
    int size = port_op_size(label);

    if (label == X86IOPortIn8 || label == X86IOPortIn16 || label == X86IOPortIn32) {
        if (length < 1) {
            userError("IOPort: Truncated message.");
            return SYSCALL_ERROR(seL4_TruncatedMessage);
        }
        word_t port = getSyscallArg(0, buffer) & 0xffff;
        status = ensurePortOperationAllowed(cap, port, size);
        if (status != EXCEPTION_NONE)
            return status;
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokePortIn(port, size, call);
    }
    if (label == X86IOPortOut8 || label == X86IOPortOut16 || label == X86IOPortOut32) {
        if (length < 2) {
            userError("IOPort Out: Truncated message.");
            return SYSCALL_ERROR(seL4_TruncatedMessage);
        }
        word_t port = getSyscallArg(0, buffer) & 0xffff;
        word_t value = getSyscallArg(1, buffer) & MASK(8 * size);
        status = ensurePortOperationAllowed(cap, port, size);
        if (status != EXCEPTION_NONE)
            return status;
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokePortOut(port, value, size);
    }
    userError("IOPort: Unknown operation.");
    return SYSCALL_ERROR(seL4_IllegalOperation);
}
