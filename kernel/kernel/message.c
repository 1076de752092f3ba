/* Registers, message registers and the IPC buffer, as the kernel sees them. */
#include "kernel.h"

syscall_error_t current_syscall_error;
fault_t current_fault;
extra_caps_t current_extra_caps;

static const word_t frame_size_bits[] = { PAGE_BITS, LARGE_PAGE_BITS, HUGE_PAGE_BITS };


word_t *lookupIPCBuffer(bool is_receiver, tcb_t *t)
{
    cap_t c = tcb_cte(t, TCB_BUFFER)->cap;
    if (unlikely(cap_get_type(c) != cap_frame || cap_frame_is_device(c)))
        return NULL;
    word_t rights = cap_frame_vm_rights(c);
    if (!(rights == VMReadWrite || (!is_receiver && rights == VMReadOnly)))
        return NULL;
    word_t bits = frame_size_bits[cap_frame_size(c)];
    paddr_t base = cap_frame_paddr_12(c) << PAGE_BITS;
    return (word_t *)ptr_from_paddr(base + (t->ipc_buffer & MASK(bits)));
}

word_t getSyscallArg(word_t i, word_t *buffer)
{
    if (i < N_MSG_REGS)
        return getRegister(ksCurThread, msg_registers[i]);
    return buffer ? buffer[IPCBUF_MSG + i] : 0;
}

word_t setMR(tcb_t *t, word_t *buffer, word_t i, word_t v)
{
    if (i < N_MSG_REGS) {
        setRegister(t, msg_registers[i], v);
        return i + 1;
    }
    if (!buffer)
        return N_MSG_REGS;
    buffer[IPCBUF_MSG + i] = v;
    return i + 1;
}

/* Registers a user thread may not set freely (seL4's sanitiseRegister). */
word_t sanitiseRegister(int reg, word_t v)
{
    switch (reg) {
    case REG_FLAGS:
        /* seL4: force IF and the reserved bit 1; keep only bits 0..11
         * without TF (8) and the reserved bits 3 and 5: the arithmetic
         * flags, DF and IF remain (IOPL, NT, RF, VM, AC and above go) */
        return (v | BIT(9) | BIT(1)) & 0xed7ul;
    case REG_FAULTIP:
    case REG_NEXTIP:
    case REG_FS_BASE:
    case REG_GS_BASE:
        /* seL4 zeroes only non-canonical addresses; a kernel-half RIP
         * faults in user mode, a kernel-half FS/GS base on first use */
        return v > 0x00007ffffffffffful && v < 0xffff800000000000ul ? 0 : v;
    default:
        return v;
    }
}

exception_t lookupExtraCaps(tcb_t *t, word_t *buffer, word_t info)
{
    word_t i, n = mi_extra_caps(info);
    if (!buffer) {
        current_extra_caps.slots[0] = NULL;
        return EXCEPTION_NONE;
    }
    for (i = 0; i < n; i++) {
        cptr_t cptr = buffer[IPCBUF_CAPS + i];
        lookup_slot_ret_t r = lookupSlot(t, cptr);
        if (r.status != EXCEPTION_NONE) {
            current_fault.type = fault_cap;
            current_fault.w[0] = cptr;
            current_fault.w[1] = 0;
            return r.status;
        }
        current_extra_caps.slots[i] = r.slot;
    }
    if (i < seL4_MsgMaxExtraCaps)
        current_extra_caps.slots[i] = NULL;
    return EXCEPTION_NONE;
}

/* Lookup failure details, placed from MR `offset` on. */
static word_t setMRs_lookup_failure(tcb_t *t, word_t *buf, const lookup_fault_t *lf, word_t offset)
{
    word_t i = setMR(t, buf, offset, lf->type + 1);
    switch (lf->type) {
    case lookup_missing_cap:
        return setMR(t, buf, offset + 1, lf->bits_left);
    case lookup_depth_mismatch:
        setMR(t, buf, offset + 1, lf->bits_left);
        return setMR(t, buf, offset + 2, lf->bits_found);
    case lookup_guard_mismatch:
        setMR(t, buf, offset + 1, lf->bits_left);
        setMR(t, buf, offset + 2, lf->guard_found);
        return setMR(t, buf, offset + 3, lf->bits_found);
    default:
        return i;
    }
}

static word_t setMRs_syscall_error_len(tcb_t *t, word_t *buf)
{
    syscall_error_t *e = &current_syscall_error;
    switch (e->type) {
    case seL4_InvalidArgument:
        return setMR(t, buf, 0, e->invalid_argument_number);
    case seL4_InvalidCapability:
        return setMR(t, buf, 0, e->invalid_cap_number);
    case seL4_RangeError:
        setMR(t, buf, 0, e->range_min);
        return setMR(t, buf, 1, e->range_max);
    case seL4_FailedLookup:
        setMR(t, buf, 0, e->failed_lookup_was_source ? 1 : 0);
        return setMRs_lookup_failure(t, buf, &current_lookup_fault, 1);
    case seL4_NotEnoughMemory:
        return setMR(t, buf, 0, e->memory_left);
    default:
        return 0;
    }
}

void setMRs_syscall_error(tcb_t *t, word_t *buffer, word_t *length_out)
{
    *length_out = setMRs_syscall_error_len(t, buffer);
}

void replyFromKernel_error(tcb_t *t)
{
    word_t *buf = lookupIPCBuffer(true, t);
    word_t len = setMRs_syscall_error_len(t, buf);
    setRegister(t, REG_BADGE, 0);
    setRegister(t, REG_MSGINFO, mi_new(current_syscall_error.type, 0, 0, len));
}

void replyFromKernel_success_empty(tcb_t *t)
{
    setRegister(t, REG_BADGE, 0);
    setRegister(t, REG_MSGINFO, mi_new(0, 0, 0, 0));
}

void replyFromKernel_success(tcb_t *t, word_t length)
{
    setRegister(t, REG_BADGE, 0);
    setRegister(t, REG_MSGINFO, mi_new(0, 0, 0, length));
}

/* ---------------------------------------------------------------- fault messages */

/* seL4 x86_64 fault message layouts */
static const int syscall_message[] = {
    REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP, REG_R8, REG_R9, REG_R10,
    REG_R11, REG_R12, REG_R13, REG_R14, REG_R15, REG_FAULTIP, REG_RSP, REG_FLAGS,
};
static const int exception_message[] = { REG_FAULTIP, REG_RSP, REG_FLAGS };

word_t setMRs_fault(tcb_t *sender, tcb_t *receiver, word_t *buf)
{
    const fault_t *f = &sender->fault;
    word_t i;
    switch (f->type) {
    case fault_cap:
        setMR(receiver, buf, 0, getRestartPC(sender));
        setMR(receiver, buf, 1, f->w[0]);
        setMR(receiver, buf, 2, f->w[1]);
        return setMRs_lookup_failure(receiver, buf, &sender->lookup_fault, 3);
    case fault_unknown_syscall:
        for (i = 0; i < ARRAY_SIZE(syscall_message); i++)
            setMR(receiver, buf, i, getRegister(sender, syscall_message[i]));
        return setMR(receiver, buf, i, f->w[0]);
    case fault_user_exception:
        for (i = 0; i < ARRAY_SIZE(exception_message); i++)
            setMR(receiver, buf, i, getRegister(sender, exception_message[i]));
        setMR(receiver, buf, i, f->w[0]);
        return setMR(receiver, buf, i + 1, f->w[1]);
    case fault_vm:
        setMR(receiver, buf, 0, getRestartPC(sender));
        setMR(receiver, buf, 1, f->w[0]);
        setMR(receiver, buf, 2, f->w[2]);
        return setMR(receiver, buf, 3, f->w[1]);
    default:
        return 0;
    }
}

/* The handler's reply to an unknown-syscall or user-exception fault sets
 * the faulting thread's registers, in the layout of the fault message. */
static void copyMRsFaultReply(tcb_t *sender, tcb_t *receiver, const int *layout, word_t n)
{
    word_t *buf = lookupIPCBuffer(false, sender);
    for (word_t i = 0; i < n; i++) {
        word_t v = i < N_MSG_REGS ? getRegister(sender, msg_registers[i]) : (buf ? buf[IPCBUF_MSG + i] : 0);
        setRegister(receiver, layout[i], sanitiseRegister(layout[i], v));
    }
    receiver->ctx.r[REG_ENTRY_KIND] = ENTRY_TRAP;
}

bool handleFaultReply(tcb_t *receiver, tcb_t *sender)
{
    word_t info = getRegister(sender, REG_MSGINFO);
    word_t label = mi_label(info), length = MIN(mi_length(info), seL4_MsgMaxLength);
    switch (receiver->fault.type) {
    case fault_unknown_syscall:
        copyMRsFaultReply(sender, receiver, syscall_message, MIN(length, ARRAY_SIZE(syscall_message)));
        return label == 0;
    case fault_user_exception:
        copyMRsFaultReply(sender, receiver, exception_message, MIN(length, ARRAY_SIZE(exception_message)));
        return label == 0;
    default:
        return true;
    }
}
