/*
 * sel4utils: setting up a new thread's registers.
 *
 * On x86_64 the SysV ABI expects a function to be entered by `call`: rsp
 * then points at a return address, so rsp + 8 is 16-byte aligned. Code
 * compiled for that (every printf with SSE) breaks on a stack that is
 * aligned differently. sel4utils_arch_init_local_context therefore starts
 * a function at stack_top - 8, as if it had been called, with its
 * arguments in rdi, rsi, rdx; the word at stack_top - 8 is the function's
 * return address, so returning from it jumps to whatever that word holds.
 */
#pragma once

#include <stdbool.h>
#include <sel4/sel4.h>
#include <vka/vka.h>
#include <vspace/vspace.h>

/* A thread's entry function: three arguments (by convention the last one is the IPC buffer). */
typedef void (*sel4utils_thread_entry_fn)(void *arg0, void *arg1, void *ipc_buf);

/*
 * Registers for a thread that starts at entry_point with stack_top as its
 * initial rsp, unchanged (the process entry convention: rsp 16-byte
 * aligned, pointing at what the loader put there). 0 on success.
 */
int sel4utils_arch_init_context(void *entry_point, void *stack_top, seL4_UserContext *context);

/*
 * Registers for a thread that calls entry_point(arg0, arg1, arg2) on the
 * stack ending at stack_top (16-byte aligned), as a call would: rsp =
 * stack_top - 8. local_stack says the stack is mapped in the caller's
 * address space; on x86_64 arguments go in registers, so vka and the
 * vspaces are not needed. -1 if stack_top is misaligned, else 0.
 */
int sel4utils_arch_init_context_with_args(sel4utils_thread_entry_fn entry_point, void *arg0, void *arg1,
                                          void *arg2, bool local_stack, void *stack_top,
                                          seL4_UserContext *context, vka_t *vka, vspace_t *local_vspace,
                                          vspace_t *remote_vspace);

static inline int sel4utils_arch_init_local_context(sel4utils_thread_entry_fn entry_point, void *arg0,
                                                    void *arg1, void *arg2, void *stack_top,
                                                    seL4_UserContext *context)
{
    return sel4utils_arch_init_context_with_args(entry_point, arg0, arg1, arg2, true, stack_top, context, NULL,
                                                 NULL, NULL);
}
