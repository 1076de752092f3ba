/*
 * seL4_Fault_t: the tagged union of fault messages (x86_64, non-MCS), with
 * the accessor names seL4 generates from sel4_arch/types.bf, e.g.
 * seL4_Fault_VMFault_get_Addr(f). Mostly used as seL4_getFault(tag) in a
 * fault handler. The layout is seL4's: 20 words, the tag in bits 2..0 of
 * word 0, each field one word (word index noted in the tables below).
 */
#pragma once

#include <sel4/simple_types.h>

struct seL4_Fault {
    seL4_Uint64 words[20];
};
typedef struct seL4_Fault seL4_Fault_t;

enum seL4_Fault_tag {
    seL4_Fault_NullFault = 0,
    seL4_Fault_CapFault = 1,
    seL4_Fault_UnknownSyscall = 2,
    seL4_Fault_UserException = 3,
    seL4_Fault_VMFault = 5,
};
typedef enum seL4_Fault_tag seL4_Fault_tag_t;

static inline seL4_Uint64 CONST seL4_Fault_get_seL4_FaultType(seL4_Fault_t f)
{
    return f.words[0] & 0x7ull;
}

static inline seL4_Uint64 PURE seL4_Fault_ptr_get_seL4_FaultType(seL4_Fault_t *f)
{
    return f->words[0] & 0x7ull;
}

/* Accessors for one word-sized field of one fault kind. */
#define SEL4_FAULT_FIELD(kind, field, word)                                            \
    static inline seL4_Uint64 CONST seL4_Fault_##kind##_get_##field(seL4_Fault_t f)    \
    {                                                                                  \
        return f.words[word];                                                          \
    }                                                                                  \
    static inline seL4_Fault_t CONST seL4_Fault_##kind##_set_##field(seL4_Fault_t f,   \
                                                                     seL4_Uint64 v)    \
    {                                                                                  \
        f.words[word] = v;                                                             \
        return f;                                                                      \
    }                                                                                  \
    static inline seL4_Uint64 PURE seL4_Fault_##kind##_ptr_get_##field(seL4_Fault_t *f) \
    {                                                                                  \
        return f->words[word];                                                         \
    }                                                                                  \
    static inline void seL4_Fault_##kind##_ptr_set_##field(seL4_Fault_t *f, seL4_Uint64 v) \
    {                                                                                  \
        f->words[word] = v;                                                            \
    }

static inline seL4_Fault_t CONST seL4_Fault_NullFault_new(void)
{
    seL4_Fault_t f = { { 0 } };
    f.words[0] = seL4_Fault_NullFault;
    return f;
}

/* CapFault: IP w7, Addr w6, InRecvPhase w5, LookupFailureType w4, MR4 w3, MR5 w2, MR6 w1 */
SEL4_FAULT_FIELD(CapFault, IP, 7)
SEL4_FAULT_FIELD(CapFault, Addr, 6)
SEL4_FAULT_FIELD(CapFault, InRecvPhase, 5)
SEL4_FAULT_FIELD(CapFault, LookupFailureType, 4)
SEL4_FAULT_FIELD(CapFault, MR4, 3)
SEL4_FAULT_FIELD(CapFault, MR5, 2)
SEL4_FAULT_FIELD(CapFault, MR6, 1)

static inline seL4_Fault_t CONST
seL4_Fault_CapFault_new(seL4_Uint64 IP, seL4_Uint64 Addr, seL4_Uint64 InRecvPhase,
                        seL4_Uint64 LookupFailureType, seL4_Uint64 MR4, seL4_Uint64 MR5,
                        seL4_Uint64 MR6)
{
    seL4_Fault_t f = { { 0 } };
    f.words[0] = seL4_Fault_CapFault;
    f.words[7] = IP;
    f.words[6] = Addr;
    f.words[5] = InRecvPhase;
    f.words[4] = LookupFailureType;
    f.words[3] = MR4;
    f.words[2] = MR5;
    f.words[1] = MR6;
    return f;
}

/* UnknownSyscall: RAX w19 ... R15 w5, FaultIP w4, RSP w3, FLAGS w2, Syscall w1 */
SEL4_FAULT_FIELD(UnknownSyscall, RAX, 19)
SEL4_FAULT_FIELD(UnknownSyscall, RBX, 18)
SEL4_FAULT_FIELD(UnknownSyscall, RCX, 17)
SEL4_FAULT_FIELD(UnknownSyscall, RDX, 16)
SEL4_FAULT_FIELD(UnknownSyscall, RSI, 15)
SEL4_FAULT_FIELD(UnknownSyscall, RDI, 14)
SEL4_FAULT_FIELD(UnknownSyscall, RBP, 13)
SEL4_FAULT_FIELD(UnknownSyscall, R8, 12)
SEL4_FAULT_FIELD(UnknownSyscall, R9, 11)
SEL4_FAULT_FIELD(UnknownSyscall, R10, 10)
SEL4_FAULT_FIELD(UnknownSyscall, R11, 9)
SEL4_FAULT_FIELD(UnknownSyscall, R12, 8)
SEL4_FAULT_FIELD(UnknownSyscall, R13, 7)
SEL4_FAULT_FIELD(UnknownSyscall, R14, 6)
SEL4_FAULT_FIELD(UnknownSyscall, R15, 5)
SEL4_FAULT_FIELD(UnknownSyscall, FaultIP, 4)
SEL4_FAULT_FIELD(UnknownSyscall, RSP, 3)
SEL4_FAULT_FIELD(UnknownSyscall, FLAGS, 2)
SEL4_FAULT_FIELD(UnknownSyscall, Syscall, 1)

static inline seL4_Fault_t CONST
seL4_Fault_UnknownSyscall_new(seL4_Uint64 RAX, seL4_Uint64 RBX, seL4_Uint64 RCX, seL4_Uint64 RDX,
                              seL4_Uint64 RSI, seL4_Uint64 RDI, seL4_Uint64 RBP, seL4_Uint64 R8,
                              seL4_Uint64 R9, seL4_Uint64 R10, seL4_Uint64 R11, seL4_Uint64 R12,
                              seL4_Uint64 R13, seL4_Uint64 R14, seL4_Uint64 R15,
                              seL4_Uint64 FaultIP, seL4_Uint64 RSP, seL4_Uint64 FLAGS,
                              seL4_Uint64 Syscall)
{
    seL4_Fault_t f = { { 0 } };
    f.words[0] = seL4_Fault_UnknownSyscall;
    f.words[19] = RAX;
    f.words[18] = RBX;
    f.words[17] = RCX;
    f.words[16] = RDX;
    f.words[15] = RSI;
    f.words[14] = RDI;
    f.words[13] = RBP;
    f.words[12] = R8;
    f.words[11] = R9;
    f.words[10] = R10;
    f.words[9] = R11;
    f.words[8] = R12;
    f.words[7] = R13;
    f.words[6] = R14;
    f.words[5] = R15;
    f.words[4] = FaultIP;
    f.words[3] = RSP;
    f.words[2] = FLAGS;
    f.words[1] = Syscall;
    return f;
}

/* UserException: FaultIP w5, Stack w4, FLAGS w3, Number w2, Code w1 */
SEL4_FAULT_FIELD(UserException, FaultIP, 5)
SEL4_FAULT_FIELD(UserException, Stack, 4)
SEL4_FAULT_FIELD(UserException, FLAGS, 3)
SEL4_FAULT_FIELD(UserException, Number, 2)
SEL4_FAULT_FIELD(UserException, Code, 1)

static inline seL4_Fault_t CONST
seL4_Fault_UserException_new(seL4_Uint64 FaultIP, seL4_Uint64 Stack, seL4_Uint64 FLAGS,
                             seL4_Uint64 Number, seL4_Uint64 Code)
{
    seL4_Fault_t f = { { 0 } };
    f.words[0] = seL4_Fault_UserException;
    f.words[5] = FaultIP;
    f.words[4] = Stack;
    f.words[3] = FLAGS;
    f.words[2] = Number;
    f.words[1] = Code;
    return f;
}

/* VMFault: IP w4, Addr w3, PrefetchFault w2, FSR w1 */
SEL4_FAULT_FIELD(VMFault, IP, 4)
SEL4_FAULT_FIELD(VMFault, Addr, 3)
SEL4_FAULT_FIELD(VMFault, PrefetchFault, 2)
SEL4_FAULT_FIELD(VMFault, FSR, 1)

static inline seL4_Fault_t CONST
seL4_Fault_VMFault_new(seL4_Uint64 IP, seL4_Uint64 Addr, seL4_Uint64 PrefetchFault, seL4_Uint64 FSR)
{
    seL4_Fault_t f = { { 0 } };
    f.words[0] = seL4_Fault_VMFault;
    f.words[4] = IP;
    f.words[3] = Addr;
    f.words[2] = PrefetchFault;
    f.words[1] = FSR;
    return f;
}
