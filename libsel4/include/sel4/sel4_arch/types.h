/* x86_64 types: the PML4 cap type and the register context. */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>

typedef seL4_CPtr seL4_X64_PML4;

/* User context as used by seL4_TCB_ReadRegisters / seL4_TCB_WriteRegisters
 * (20 words, in this order; a count of n transfers the first n). */
typedef struct seL4_UserContext_ {
    seL4_Word rip, rsp, rflags, rax, rbx, rcx, rdx, rsi, rdi, rbp,
              r8, r9, r10, r11, r12, r13, r14, r15;
    seL4_Word fs_base, gs_base;
} seL4_UserContext;

SEL4_COMPILE_ASSERT(seL4_UserContext_is_20_words, sizeof(seL4_UserContext) == 20 * sizeof(seL4_Word))
