/* sel4utils: x86 helpers (the x86_64 register ones are in sel4utils/sel4_arch/util.h). */
#pragma once

#include <stdbool.h>
#include <sel4/sel4.h>
#include <sel4utils/sel4_arch/util.h>

/* Bytes of the syscall instruction, to step a thread past it. */
#define ARCH_SYSCALL_INSTRUCTION_SIZE 2

/* After a VM fault message: was it a read (the page-fault error code's W bit clear)? */
static inline bool sel4utils_is_read_fault(void)
{
    seL4_Word fsr = seL4_GetMR(seL4_VMFault_FSR);
    return (fsr & (1u << 1)) == 0;
}
