/* The kernel's stacks. keel has one kernel stack: every entry from user
 * space starts at its top (TSS.RSP0 for traps, loaded by hand for
 * SYSCALL), because a kernel entry never returns anywhere but to user
 * space (see arch.h). The IST stacks serve exceptions that can arrive while
 * RSP is not yet a kernel stack (NMI/#MC/#DF around SYSRET). */
#include "gdt.h"

char kernel_stack[KERNEL_STACK_SIZE] ALIGN(4096);
char ist_stacks[3][IST_STACK_SIZE] ALIGN(4096);
