/* Invocation labels common to x86 (numbered after the x86_64 ones). */
#pragma once

#include <sel4/sel4_arch/invocation.h>

enum arch_invocation_label {
    X86PageDirectoryMap = nSeL4ArchInvocationLabels,   /* 35 */
    X86PageDirectoryUnmap,                             /* 36 */
    X86PageTableMap,                                   /* 37 */
    X86PageTableUnmap,                                 /* 38 */
    X86PageMap,                                        /* 39 */
    X86PageUnmap,                                      /* 40 */
    X86PageGetAddress,                                 /* 41 */
    X86ASIDControlMakePool,                            /* 42 */
    X86ASIDPoolAssign,                                 /* 43 */
    X86IOPortControlIssue,                             /* 44 */
    X86IOPortIn8,                                      /* 45 */
    X86IOPortIn16,                                     /* 46 */
    X86IOPortIn32,                                     /* 47 */
    X86IOPortOut8,                                     /* 48 */
    X86IOPortOut16,                                    /* 49 */
    X86IOPortOut32,                                    /* 50 */
    X86IRQIssueIRQHandlerIOAPIC,                       /* 51 */
    X86IRQIssueIRQHandlerMSI,                          /* 52 */
    nArchInvocationLabels                              /* 53 */
};
