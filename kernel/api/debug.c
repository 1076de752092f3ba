/* Debug syscalls (seL4 debug build) and the end of a run. */
#include "kernel.h"
#include "util.h"
#include <stdarg.h>

tcb_t *ksDebugTCBs;

void tcbDebugAppend(tcb_t *t)
{
    t->debug_prev = NULL;
    t->debug_next = ksDebugTCBs;
    if (ksDebugTCBs)
        ksDebugTCBs->debug_prev = t;
    ksDebugTCBs = t;
}

void tcbDebugRemove(tcb_t *t)
{
    if (t->debug_prev)
        t->debug_prev->debug_next = t->debug_next;
    else if (ksDebugTCBs == t)
        ksDebugTCBs = t->debug_next;
    if (t->debug_next)
        t->debug_next->debug_prev = t->debug_prev;
    t->debug_next = t->debug_prev = NULL;
}

void user_error_print(const char *func, int line, const char *fmt, ...)
{
    tcb_t *t = ksCurThread;
    va_list ap;
#ifdef CONFIG_QUIET_USER_ERRORS
    return;   /* fuzzing kernels: a diagnostic per rejected call would drown the run (docs/hardening.md) */
#endif
    kprintf("\033[0m\033[1m<<\033[0m\033[32mseL4(CPU 0)\033[0m\033[1m [%s/%d T%p \"%s\" @%lx]: ",
            func, line, (void *)t, t ? t->name : "", t ? getRestartPC(t) : 0);
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf(">>\033[0m\n");
}

NORETURN void kernel_end_run(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    arch_halt_system(status);
}

static const char *state_name(word_t s)
{
    static const char *const names[] = {
        "inactive", "running", "restart", "blocked on recv", "blocked on send",
        "blocked on reply", "blocked on ntfn", "idle",
    };
    return s < ARRAY_SIZE(names) ? names[s] : "unknown";
}

static void dumpScheduler(void)
{
    kprintf("Dumping all tcbs!\n");
    kprintf("%-40s   %-16s   %-18s   %-4s\n", "Name", "State", "IP", "Prio");
    for (int i = 0; i < 88; i++)
        kputchar('-');
    kputchar('\n');
    for (tcb_t *t = ksDebugTCBs; t; t = t->debug_next)
        kprintf("%-40s   %-16s   %-18p   %4lu\n", t->name, state_name(t->state),
                (void *)getRestartPC(t), t->priority);
}

static void debugNameThread(tcb_t *cur)
{
    lookup_cap_ret_t l = lookupCap(cur, getRegister(cur, REG_CAP));
    word_t *buf = lookupIPCBuffer(false, cur);
    if (l.status != EXCEPTION_NONE || cap_get_type(l.cap) != cap_thread) {
        userError("SysDebugNameThread: cap is not a TCB");
        return;
    }
    if (!buf) {
        userError("SysDebugNameThread: thread has no IPC buffer");
        return;
    }
    tcb_t *t = ptr_from_paddr(cap_tcb_paddr(l.cap));
    const char *name = (const char *)&buf[IPCBUF_MSG];
    size_t max = (seL4_MsgMaxLength) * sizeof(word_t);
    size_t n = strnlen(name, max);
    if (n >= sizeof(t->name))
        n = sizeof(t->name) - 1;
    memcpy(t->name, name, n);
    t->name[n] = '\0';
}

static NORETURN void keelDebugExit(tcb_t *cur)
{
    word_t reason = getRegister(cur, REG_RDI), status = getRegister(cur, REG_RSI);
    if (reason == KEEL_EXIT_MAIN_RETURNED) {
        int code = (int)(status & 0x7f);
        if (status != 0 && code == 0)
            code = 1;
        kernel_end_run(code, "keel: \"%s\" returned from main with status %ld; ending the run",
                       cur->name, (long)status);
    }
    kernel_end_run(100, "keel: \"%s\" called abort(); ending the run", cur->name);
}

void handleUnknownSyscall(word_t sysno)
{
    tcb_t *t = ksCurThread;
    switch ((sword_t)sysno) {
    case SysDebugPutChar:
        kputchar((char)getRegister(t, REG_RDI));
        return;
    case SysDebugDumpScheduler:
        dumpScheduler();
        return;
    case SysDebugHalt:
        kprintf("Debug halt syscall from user thread %p \"%s\"\n", (void *)t, t->name);
        kernel_end_run(102, "keel: halted by seL4_DebugHalt; ending the run");
    case SysDebugCapIdentify: {
        lookup_cap_ret_t l = lookupCap(t, getRegister(t, REG_CAP));
        setRegister(t, REG_CAP, l.status == EXCEPTION_NONE ? cap_get_type(l.cap) : 0);
        return;
    }
    case SysDebugSnapshot:
        return;   /* capDL snapshots are not supported; a no-op as in builds without them */
    case SysDebugNameThread:
        debugNameThread(t);
        return;
    case SysSetTLSBase:
        setRegister(t, REG_FS_BASE, sanitiseRegister(REG_FS_BASE, getRegister(t, REG_RDI)));
        return;
    case SysKeelDebugExit:
        keelDebugExit(t);
    default:
        current_fault.type = fault_unknown_syscall;
        current_fault.w[0] = sysno;
        handleFault(t);
        return;
    }
}
