/*
 * _sel4_start: the entry point of a keel root task (x86_64).
 *
 * The kernel starts the root thread here with the boot info pointer in RDI
 * and no usable stack. Move onto a static 16-byte aligned stack and call
 * the C start-up with RDI untouched. The `call` pushes the return address,
 * so the C function is entered with (RSP + 8) % 16 == 0 as the SysV ABI
 * requires (SSE code such as movaps on the stack depends on it).
 */
#include <sel4runtime/gen_config.h>

    .section .bss
    .balign 16
__sel4runtime_root_stack:
    .space CONFIG_SEL4RUNTIME_ROOT_STACK
__sel4runtime_root_stack_top:

    /* its own section, which roottask.lds puts first: the entry is 0x400000 */
    .section .text._sel4_start, "ax", @progbits
    .global _sel4_start
    .type _sel4_start, @function
_sel4_start:
    leaq __sel4runtime_root_stack_top(%rip), %rsp
    xorl %ebp, %ebp                 /* end of the frame-pointer chain */
    call __sel4runtime_start_root   /* (seL4_BootInfo *bootinfo in %rdi) */
    /* not reached: __sel4runtime_start_root ends the program */
1:  ud2
    jmp 1b
    .size _sel4_start, . - _sel4_start

    .section .note.GNU-stack, "", @progbits
