/* Byte offsets of the saved registers in user_context_t (context.h), for the
 * entry and exit code in traps.S. restore.c checks them against the enum at
 * compile time, so a change to context.h that is not mirrored here fails the
 * build instead of corrupting registers. */
#pragma once

#define CTX_RDI      (0 * 8)
#define CTX_RSI      (1 * 8)
#define CTX_RAX      (2 * 8)
#define CTX_RBX      (3 * 8)
#define CTX_RBP      (4 * 8)
#define CTX_R12      (5 * 8)
#define CTX_R13      (6 * 8)
#define CTX_R14      (7 * 8)
#define CTX_RDX      (8 * 8)
#define CTX_R10      (9 * 8)
#define CTX_R8       (10 * 8)
#define CTX_R9       (11 * 8)
#define CTX_R15      (12 * 8)
#define CTX_FLAGS    (13 * 8)
#define CTX_NEXTIP   (14 * 8)
#define CTX_ERROR    (15 * 8)
#define CTX_RSP      (16 * 8)
#define CTX_FAULTIP  (17 * 8)
#define CTX_R11      (18 * 8)
#define CTX_RCX      (19 * 8)
#define CTX_CS       (20 * 8)
#define CTX_SS       (21 * 8)
#define CTX_FS_BASE  (22 * 8)
#define CTX_GS_BASE  (23 * 8)
#define CTX_ENTRY_KIND (24 * 8)

#define CTX_ENTRY_SYSCALL 0
#define CTX_ENTRY_TRAP    (-1)

/* RFLAGS a user thread may hold: the arithmetic flags, TF, DF, AC and ID.
 * IOPL, NT, RF, VM, VIF and VIP are always cleared on exit; IF and the
 * always-one bit 1 are always set. */
#define USER_FLAGS_MASK  0x240dd5
#define USER_FLAGS_SET   0x202

/* First address above the user half: SYSRET only to RIPs below this. */
#define USER_TOP         0x0000800000000000
