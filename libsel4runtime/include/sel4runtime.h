/*
 * sel4runtime: the C runtime of a keel root task (seL4's sel4runtime
 * interface, root-task subset).
 *
 * Start-up (_sel4_start, the ELF entry point): switch to a static
 * CONFIG_SEL4RUNTIME_ROOT_STACK-byte stack, copy the TLS image into a static
 * CONFIG_SEL4RUNTIME_STATIC_TLS-byte region and make it current with
 * seL4_SetTLSBase, set __sel4_ipc_buffer from the boot info, name the thread
 * "rootserver", run the constructors, then
 *     main(1, {"rootserver", NULL}, {"seL4=1", NULL}).
 * When main returns its value goes to sel4runtime_exit().
 *
 * TLS is x86_64 variant II: the thread pointer (FS base) points just past
 * the TLS block, and the word at the thread pointer holds the thread pointer
 * itself (so %fs:0 reads it back).
 */
#pragma once

#include <sel4runtime/stddef.h>
#include <sel4runtime/stdint.h>
#include <sel4runtime/gen_config.h>
#include <sel4/sel4.h>

/* The boot info the kernel handed to the root task (NULL if none). */
seL4_BootInfo *sel4runtime_bootinfo(void);
/* keel name for the same thing. */
seL4_BootInfo *sel4runtime_get_bootinfo(void);

/* The argument and environment vectors main was called with. */
int sel4runtime_argc(void);
char const *const *sel4runtime_argv(void);
char const *const *sel4runtime_envp(void);
/* argv[0]: "rootserver". */
char const *sel4runtime_argv0(void);
/* The basename of argv[0]. */
char const *sel4runtime_process_name(void);

/* The current thread pointer (reads %fs:0). */
sel4runtime_uintptr_t sel4runtime_get_tls_base(void);

/*
 * Bytes of memory sel4runtime_write_tls_image needs for one thread's TLS
 * (the block, the self-pointer word and room to align them).
 */
sel4runtime_size_t sel4runtime_get_tls_size(void);

/* Whether the initial thread's TLS is set up (always, once main runs). */
int sel4runtime_initial_tls_enabled(void);

/*
 * Writes a fresh copy of the TLS image (.tdata copied, .tbss zeroed) into
 * tls_memory, which must have sel4runtime_get_tls_size() bytes, and returns
 * the thread pointer to give seL4_TCB_SetTLSBase for it (aligned, with the
 * self-pointer stored). Returns 0 if tls_memory is NULL.
 */
sel4runtime_uintptr_t sel4runtime_write_tls_image(void *tls_memory);

/*
 * Writes `value` into the copy of the thread-local `variable` that belongs
 * to the thread whose thread pointer is `thread_pointer`. The variable is
 * located by its offset from the current thread's thread pointer. The value
 * must have the variable's size; its bytes are copied as they are (so an
 * seL4_Word can be stored into a pointer variable without a cast).
 * Evaluates to 0, or -1 if `variable` is not a TLS variable of this thread.
 */
#define sel4runtime_set_tls_variable(thread_pointer, variable, value) ({ \
    _Static_assert(sizeof(variable) == sizeof(value), \
                   "sel4runtime_set_tls_variable: value of a different size"); \
    __auto_type sel4runtime_value_ = (value); \
    __sel4runtime_write_tls_variable((thread_pointer), \
                                     (unsigned char *)&(variable), \
                                     (unsigned char *)&sel4runtime_value_, \
                                     sizeof(variable)); \
})

int __sel4runtime_write_tls_variable(sel4runtime_uintptr_t dest_tls_base,
                                     unsigned char *local_tls_dest,
                                     unsigned char *src, sel4runtime_size_t bytes);

/*
 * Called with a process's exit code before exit() runs; returns the code to
 * use. sel4runtime_set_pre_exit returns the previous callback.
 */
typedef int sel4runtime_pre_exit_cb(int code);
sel4runtime_pre_exit_cb *sel4runtime_set_pre_exit(sel4runtime_pre_exit_cb *cb);

/*
 * Ends the program: the pre-exit callback if any, then exit(code) (atexit
 * handlers, destructors, fflush, then keel_DebugExit(0, code): the kernel
 * prints the status and stops the machine). Does not return.
 */
_Noreturn void sel4runtime_exit(int code);
