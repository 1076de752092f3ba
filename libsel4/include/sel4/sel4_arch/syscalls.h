/*
 * x86_64 system call stubs (non-MCS), `syscall` instruction ABI:
 *
 *   RDX        syscall number (seL4_Syscall_ID, negative)
 *   RDI        in: destination/source cap; out: badge (or sender)
 *   RSI        in/out: seL4_MessageInfo_t word
 *   R10 R8 R9 R15   MR0 MR1 MR2 MR3, in and out
 *   RBX        the stub saves RSP here across `syscall` and restores it
 *   RCX R11    destroyed by syscall/sysret
 *
 * Every stub goes through keel_x64_syscall(), which treats all seven
 * argument registers as in/out, clobbers RBX, RCX, R11 and memory, and
 * assumes the kernel preserves every other register. MR0..3 are moved
 * between the IPC buffer and registers here; MR4 and above the kernel
 * reads and writes in the IPC buffer itself.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/functions.h>

#ifdef KEEL_LIBSEL4_MOCK_SYSCALL
/* Host unit tests define KEEL_LIBSEL4_MOCK_SYSCALL and provide this
 * function instead of the trap: it sees and may change the registers. */
void keel_mock_syscall(seL4_Word sys, seL4_Word *rdi, seL4_Word *rsi, seL4_Word *r10,
                       seL4_Word *r8, seL4_Word *r9, seL4_Word *r15);
#endif

/* Trap into the kernel with the given register contents; on return each
 * pointer holds the register's value after the syscall. */
KEEL_ALWAYS_INLINE void keel_x64_syscall(seL4_Word sys, seL4_Word *rdi, seL4_Word *rsi,
                                          seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                          seL4_Word *mr3)
{
#ifdef KEEL_LIBSEL4_MOCK_SYSCALL
    keel_mock_syscall(sys, rdi, rsi, mr0, mr1, mr2, mr3);
#else
    register seL4_Word r10 asm("r10") = *mr0;
    register seL4_Word r8 asm("r8") = *mr1;
    register seL4_Word r9 asm("r9") = *mr2;
    register seL4_Word r15 asm("r15") = *mr3;
    seL4_Word di = *rdi;
    seL4_Word si = *rsi;

    asm volatile(
        "movq   %%rsp, %%rbx    \n\t"
        "syscall                \n\t"
        "movq   %%rbx, %%rsp    \n\t"
        : "+d"(sys), "+D"(di), "+S"(si), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
        :
        : "rbx", "rcx", "r11", "cc", "memory");

    *rdi = di;
    *rsi = si;
    *mr0 = r10;
    *mr1 = r8;
    *mr2 = r9;
    *mr3 = r15;
#endif
}

/* Value of an optional in-register message word (NULL reads as 0). */
KEEL_ALWAYS_INLINE seL4_Word keel_mr_or_zero_(seL4_Word *mr)
{
    return mr != seL4_Null ? *mr : 0;
}

KEEL_ALWAYS_INLINE void keel_mr_store_(seL4_Word *mr, seL4_Word v)
{
    if (mr != seL4_Null) {
        *mr = v;
    }
}

/* A send-only syscall with MR0..3 taken from the given values. */
KEEL_ALWAYS_INLINE void keel_sys_send_(seL4_Word sys, seL4_Word dest, seL4_MessageInfo_t info,
                                        seL4_Word m0, seL4_Word m1, seL4_Word m2, seL4_Word m3)
{
    seL4_Word i = info.words[0];

    keel_x64_syscall(sys, &dest, &i, &m0, &m1, &m2, &m3);
}

/* A syscall without message words. */
KEEL_ALWAYS_INLINE seL4_Word keel_sys_null_(seL4_Word sys, seL4_Word rdi, seL4_Word rsi)
{
    seL4_Word m0 = 0, m1 = 0, m2 = 0, m3 = 0;

    keel_x64_syscall(sys, &rdi, &rsi, &m0, &m1, &m2, &m3);
    return rdi;
}

/* Send a message (blocking) through an endpoint or signal a notification. */
LIBSEL4_INLINE_FUNC void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    keel_sys_send_(seL4_SysSend, dest, msgInfo, seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2),
                   seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                          seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                          seL4_Word *mr3)
{
    keel_sys_send_(seL4_SysSend, dest, msgInfo, keel_mr_or_zero_(mr0), keel_mr_or_zero_(mr1),
                   keel_mr_or_zero_(mr2), keel_mr_or_zero_(mr3));
}

/* Send without blocking: dropped if no receiver is waiting. */
LIBSEL4_INLINE_FUNC void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    keel_sys_send_(seL4_SysNBSend, dest, msgInfo, seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2),
                   seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                            seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                            seL4_Word *mr3)
{
    keel_sys_send_(seL4_SysNBSend, dest, msgInfo, keel_mr_or_zero_(mr0), keel_mr_or_zero_(mr1),
                   keel_mr_or_zero_(mr2), keel_mr_or_zero_(mr3));
}

/* Reply to the thread that last called us (the implicit reply cap). */
LIBSEL4_INLINE_FUNC void seL4_Reply(seL4_MessageInfo_t msgInfo)
{
    keel_sys_send_(seL4_SysReply, 0, msgInfo, seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2),
                   seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_ReplyWithMRs(seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                           seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    keel_sys_send_(seL4_SysReply, 0, msgInfo, keel_mr_or_zero_(mr0), keel_mr_or_zero_(mr1),
                   keel_mr_or_zero_(mr2), keel_mr_or_zero_(mr3));
}

/* Signal a notification: a Send with a one-word message, as seL4 does. */
LIBSEL4_INLINE_FUNC void seL4_Signal(seL4_CPtr dest)
{
    keel_sys_null_(seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 1).words[0]);
}

/* A receiving syscall: returns the message info, the badge in *badge and
 * MR0..3 in *m0..*m3. */
KEEL_ALWAYS_INLINE seL4_MessageInfo_t keel_sys_recv_(seL4_Word sys, seL4_CPtr src,
                                                      seL4_Word *badge, seL4_Word *m0,
                                                      seL4_Word *m1, seL4_Word *m2,
                                                      seL4_Word *m3)
{
    seL4_MessageInfo_t info;
    seL4_Word d = src;
    seL4_Word i = 0;

    *m0 = *m1 = *m2 = *m3 = 0;
    keel_x64_syscall(sys, &d, &i, m0, m1, m2, m3);
    info.words[0] = i;
    *badge = d;
    return info;
}

/* Receive on src into the IPC buffer: MR0..3 are stored in msg[0..3]. */
KEEL_ALWAYS_INLINE seL4_MessageInfo_t keel_recv_to_buffer_(seL4_Word sys, seL4_CPtr src,
                                                            seL4_Word *sender)
{
    seL4_Word badge, m0, m1, m2, m3;
    seL4_MessageInfo_t info = keel_sys_recv_(sys, src, &badge, &m0, &m1, &m2, &m3);

    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
    if (sender != seL4_Null) {
        *sender = badge;
    }
    return info;
}

KEEL_ALWAYS_INLINE seL4_MessageInfo_t keel_recv_to_ptrs_(seL4_Word sys, seL4_CPtr src,
                                                          seL4_Word *sender, seL4_Word *mr0,
                                                          seL4_Word *mr1, seL4_Word *mr2,
                                                          seL4_Word *mr3)
{
    seL4_Word badge, m0, m1, m2, m3;
    seL4_MessageInfo_t info = keel_sys_recv_(sys, src, &badge, &m0, &m1, &m2, &m3);

    keel_mr_store_(mr0, m0);
    keel_mr_store_(mr1, m1);
    keel_mr_store_(mr2, m2);
    keel_mr_store_(mr3, m3);
    if (sender != seL4_Null) {
        *sender = badge;
    }
    return info;
}

/* Block until a message (endpoint) or signal (notification) arrives on
 * src; *sender gets the badge. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender)
{
    return keel_recv_to_buffer_(seL4_SysRecv, src, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender,
                                                        seL4_Word *mr0, seL4_Word *mr1,
                                                        seL4_Word *mr2, seL4_Word *mr3)
{
    return keel_recv_to_ptrs_(seL4_SysRecv, src, sender, mr0, mr1, mr2, mr3);
}

/* Receive without blocking (badge 0 / nothing if nothing is pending). */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender)
{
    return keel_recv_to_buffer_(seL4_SysNBRecv, src, sender);
}

/* Send-and-receive with MR0..3 in/out through the given words; the badge
 * register's value after the syscall is returned in *badge. */
KEEL_ALWAYS_INLINE seL4_MessageInfo_t keel_sys_send_recv_(seL4_Word sys, seL4_CPtr dest,
                                                           seL4_Word *badge,
                                                           seL4_MessageInfo_t msgInfo,
                                                           seL4_Word *m0, seL4_Word *m1,
                                                           seL4_Word *m2, seL4_Word *m3)
{
    seL4_MessageInfo_t info;
    seL4_Word d = dest;
    seL4_Word i = msgInfo.words[0];

    keel_x64_syscall(sys, &d, &i, m0, m1, m2, m3);
    info.words[0] = i;
    *badge = d;
    return info;
}

/* Load only the MRs the message has (as seL4's *WithMRs stubs do). */
KEEL_ALWAYS_INLINE seL4_Word keel_mr_in_(seL4_Word *mr, seL4_MessageInfo_t msgInfo,
                                          seL4_Uint64 index)
{
    return (mr != seL4_Null && seL4_MessageInfo_get_length(msgInfo) > index) ? *mr : 0;
}

/* Send a message and wait for the reply (the receiver gets a reply cap). */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    seL4_Word badge;
    seL4_Word m0 = seL4_GetMR(0), m1 = seL4_GetMR(1), m2 = seL4_GetMR(2), m3 = seL4_GetMR(3);
    seL4_MessageInfo_t info = keel_sys_send_recv_(seL4_SysCall, dest, &badge, msgInfo,
                                                  &m0, &m1, &m2, &m3);

    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                        seL4_Word *mr0, seL4_Word *mr1,
                                                        seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word badge;
    seL4_Word m0 = keel_mr_in_(mr0, msgInfo, 0), m1 = keel_mr_in_(mr1, msgInfo, 1);
    seL4_Word m2 = keel_mr_in_(mr2, msgInfo, 2), m3 = keel_mr_in_(mr3, msgInfo, 3);
    seL4_MessageInfo_t info = keel_sys_send_recv_(seL4_SysCall, dest, &badge, msgInfo,
                                                  &m0, &m1, &m2, &m3);

    keel_mr_store_(mr0, m0);
    keel_mr_store_(mr1, m1);
    keel_mr_store_(mr2, m2);
    keel_mr_store_(mr3, m3);
    return info;
}

/* Reply to the last caller, then receive on dest; *sender gets the badge
 * of the next message. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                      seL4_Word *sender)
{
    seL4_Word badge;
    seL4_Word m0 = seL4_GetMR(0), m1 = seL4_GetMR(1), m2 = seL4_GetMR(2), m3 = seL4_GetMR(3);
    seL4_MessageInfo_t info = keel_sys_send_recv_(seL4_SysReplyRecv, dest, &badge, msgInfo,
                                                  &m0, &m1, &m2, &m3);

    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
    if (sender != seL4_Null) {
        *sender = badge;
    }
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr dest,
                                                             seL4_MessageInfo_t msgInfo,
                                                             seL4_Word *sender, seL4_Word *mr0,
                                                             seL4_Word *mr1, seL4_Word *mr2,
                                                             seL4_Word *mr3)
{
    seL4_Word badge;
    seL4_Word m0 = keel_mr_in_(mr0, msgInfo, 0), m1 = keel_mr_in_(mr1, msgInfo, 1);
    seL4_Word m2 = keel_mr_in_(mr2, msgInfo, 2), m3 = keel_mr_in_(mr3, msgInfo, 3);
    seL4_MessageInfo_t info = keel_sys_send_recv_(seL4_SysReplyRecv, dest, &badge, msgInfo,
                                                  &m0, &m1, &m2, &m3);

    keel_mr_store_(mr0, m0);
    keel_mr_store_(mr1, m1);
    keel_mr_store_(mr2, m2);
    keel_mr_store_(mr3, m3);
    if (sender != seL4_Null) {
        *sender = badge;
    }
    return info;
}

/* Give up the rest of the time slice. */
LIBSEL4_INLINE_FUNC void seL4_Yield(void)
{
    keel_sys_null_(seL4_SysYield, 0, 0);
}

#ifdef CONFIG_PRINTING
/* Print one character on the kernel's serial console. */
LIBSEL4_INLINE_FUNC void seL4_DebugPutChar(char c)
{
    keel_sys_null_(seL4_SysDebugPutChar, (seL4_Word)(seL4_Uint8)c, 0);
}

LIBSEL4_INLINE_FUNC void seL4_DebugPutString(char *str)
{
    for (char *s = str; *s; s++) {
        seL4_DebugPutChar(*s);
    }
}

/* Print the kernel's table of threads. */
LIBSEL4_INLINE_FUNC void seL4_DebugDumpScheduler(void)
{
    keel_sys_null_(seL4_SysDebugDumpScheduler, 0, 0);
}
#endif /* CONFIG_PRINTING */

#ifdef CONFIG_DEBUG_BUILD
/* Stop the system. */
LIBSEL4_INLINE_FUNC void seL4_DebugHalt(void)
{
    keel_sys_null_(seL4_SysDebugHalt, 0, 0);
}

/* Dump the kernel's state (capDL in seL4). */
LIBSEL4_INLINE_FUNC void seL4_DebugSnapshot(void)
{
    keel_sys_null_(seL4_SysDebugSnapshot, 0, 0);
}

/* The kernel's type tag of the cap in slot `cap` (0 = null cap). */
LIBSEL4_INLINE_FUNC seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)keel_sys_null_(seL4_SysDebugCapIdentify, cap, 0);
}

/* Name a thread for the kernel's diagnostics. The NUL-terminated name goes
 * into the IPC buffer from msg[0] on, truncated to fit. */
LIBSEL4_INLINE_FUNC void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    char *dst = (char *)seL4_GetIPCBuffer()->msg;
    seL4_Word max = seL4_MsgMaxLength * sizeof(seL4_Word) - 1;
    seL4_Word n = 0;

    while (n < max && name[n] != '\0') {
        dst[n] = name[n];
        n++;
    }
    dst[n] = '\0';
    keel_sys_null_(seL4_SysDebugNameThread, tcb, 0);
}
#endif /* CONFIG_DEBUG_BUILD */

#ifdef CONFIG_SET_TLS_BASE_SELF
/* Set the calling thread's TLS base (FS base on x86_64). */
LIBSEL4_INLINE_FUNC void seL4_SetTLSBase(seL4_Word tls_base)
{
    keel_sys_null_(seL4_SysSetTLSBase, tls_base, 0);
}
#endif
