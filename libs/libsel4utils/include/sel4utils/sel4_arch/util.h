/* sel4utils: x86_64 register helpers for seL4_UserContext and fault messages. */
#pragma once

#include <sel4/sel4.h>

static inline void sel4utils_set_instruction_pointer(seL4_UserContext *regs, seL4_Word value)
{
    regs->rip = value;
}

static inline seL4_Word sel4utils_get_instruction_pointer(seL4_UserContext regs)
{
    return regs.rip;
}

/* Sets rsp exactly as given: no adjustment for the SysV ABI (see sel4utils/helpers.h). */
static inline void sel4utils_set_stack_pointer(seL4_UserContext *regs, seL4_Word value)
{
    regs->rsp = value;
}

static inline seL4_Word sel4utils_get_sp(seL4_UserContext regs)
{
    return regs.rsp;
}

/* The first integer argument register (rdi). */
static inline void sel4utils_set_arg0(seL4_UserContext *regs, seL4_Word value)
{
    regs->rdi = value;
}

/* Program counter of the thread that sent the fault message in the IPC buffer. */
static inline seL4_Word sel4utils_get_fault_ip(void)
{
    return seL4_GetMR(0);
}
