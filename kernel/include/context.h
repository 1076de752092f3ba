/* The saved user register set of a thread.
 *
 * The syscall entry (arch/x86_64/traps.S) pushes registers straight into the
 * current thread's context, so the order here is part of the entry code's
 * contract: change both together. The order is seL4's x86_64 order. */
#pragma once
#include "types.h"

enum {
    REG_RDI, REG_RSI, REG_RAX, REG_RBX, REG_RBP, REG_R12, REG_R13, REG_R14,
    REG_RDX, REG_R10, REG_R8, REG_R9, REG_R15,
    REG_FLAGS,    /* RFLAGS to restore */
    REG_NEXTIP,   /* where the thread resumes */
    REG_ERROR,    /* hardware error code of the last exception */
    REG_RSP,
    REG_FAULTIP,  /* address of the instruction that trapped (syscall or fault) */
    REG_R11, REG_RCX, REG_CS, REG_SS,
    REG_FS_BASE, REG_GS_BASE,
    REG_ENTRY_KIND, /* how the thread last entered the kernel: ENTRY_* below */
    N_CONTEXT_REGS
};

/* ENTRY_SYSCALL: the thread may leave with sysret (RCX and R11 are not
 * restored). The kernel sets ENTRY_TRAP whenever every register must be
 * restored exactly (after an interrupt or exception, and after another
 * thread changes this thread's registers); the exact exit (iret) sets it
 * back to ENTRY_SYSCALL, so a syscall entry need not store it. */
enum { ENTRY_SYSCALL = 0, ENTRY_TRAP = -1 };   /* TRAP: no user address (restore.c) */

typedef struct user_context {
    word_t r[N_CONTEXT_REGS];
} user_context_t;

/* Registers that carry syscall arguments and results (seL4 x86_64 ABI). */
#define REG_CAP      REG_RDI  /* capRegister / badgeRegister */
#define REG_BADGE    REG_RDI
#define REG_MSGINFO  REG_RSI
#define REG_SYSNO    REG_RDX
#define N_MSG_REGS   4
static const int msg_registers[N_MSG_REGS] UNUSED = { REG_R10, REG_R8, REG_R9, REG_R15 };

/* seL4_UserContext order (TCB Read/WriteRegisters, CopyRegisters):
 * rip, rsp, rflags, rax, rbx, rcx, rdx, rsi, rdi, rbp, r8..r15, fs_base, gs_base.
 * "rip" is the restart PC (FaultIP), as in seL4.
 *
 * Entry rules (arch/x86_64/traps.S):
 *  - syscall: FAULTIP = address of the syscall instruction (RCX - 2),
 *    NEXTIP = RCX (the instruction after it); ENTRY_KIND is already
 *    ENTRY_SYSCALL (see above).
 *  - exception or interrupt from user mode: FAULTIP = NEXTIP = the RIP the
 *    CPU pushed, ERROR = the error code (0 if none), ENTRY_KIND = ENTRY_TRAP.
 * A thread resumes at NEXTIP. Restarting a thread sets NEXTIP = FAULTIP. */
#define N_USER_CONTEXT_WORDS 20
static const int user_context_order[N_USER_CONTEXT_WORDS] UNUSED = {
    REG_FAULTIP, REG_RSP, REG_FLAGS, REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI,
    REG_RDI, REG_RBP, REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14,
    REG_R15, REG_FS_BASE, REG_GS_BASE,
};
