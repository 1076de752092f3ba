/*
 * sel4runtime: root-task start-up and exit.
 *
 * _sel4_start (crt0.S) switches to the static stack and calls
 * __sel4runtime_start_root with the boot info pointer. That function sets up
 * this thread's TLS and IPC buffer, names the thread, runs the constructors
 * and calls main; main's return value goes to sel4runtime_exit.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sel4runtime.h>
#include <sel4/sel4.h>

#include "tls.h"

int main(int argc, char **argv, char **envp);

/*
 * libsel4 keeps its own copy of the boot info for seL4_GetBootInfo(). Weak,
 * so the runtime links against a libsel4 that does not have it.
 */
void seL4_InitBootInfo(seL4_BootInfo *bi) __attribute__((weak));

/* The array of pointers libc's getenv reads. */
extern char **environ;

/* Constructor arrays, from roottask.lds. */
extern void (*__preinit_array_start[])(void);
extern void (*__preinit_array_end[])(void);
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

static char arg0[] = "rootserver";
static char env0[] = "seL4=1";
static char *root_argv[] = { arg0, NULL };
static char *root_envp[] = { env0, NULL };

static seL4_BootInfo *boot_info;
static sel4runtime_pre_exit_cb *pre_exit;

/* The initial thread's TLS lives here. */
static unsigned char static_tls[CONFIG_SEL4RUNTIME_STATIC_TLS] __attribute__((aligned(64)));

seL4_BootInfo *sel4runtime_bootinfo(void)
{
    return boot_info;
}

seL4_BootInfo *sel4runtime_get_bootinfo(void)
{
    return boot_info;
}

int sel4runtime_argc(void)
{
    return 1;
}

char const *const *sel4runtime_argv(void)
{
    return (char const *const *)root_argv;
}

char const *const *sel4runtime_envp(void)
{
    return (char const *const *)root_envp;
}

char const *sel4runtime_argv0(void)
{
    return root_argv[0];
}

char const *sel4runtime_process_name(void)
{
    const char *name = root_argv[0];
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == '/') {
            name = p + 1;
        }
    }
    return name;
}

/* Prints a message on the debug console without using TLS or libc. */
static void early_panic(const char *msg)
{
#ifdef CONFIG_PRINTING
    for (const char *p = msg; *p != '\0'; p++) {
        seL4_DebugPutChar(*p);
    }
#else
    (void)msg;
#endif
    keel_DebugExit(1, 0);
}

_Noreturn void __sel4runtime_start_root(seL4_BootInfo *bootinfo);

_Noreturn void __sel4runtime_start_root(seL4_BootInfo *bootinfo)
{
    boot_info = bootinfo;

    /* 1. TLS: nothing may touch a thread-local variable before this. */
    if (sel4runtime_get_tls_size() > sizeof(static_tls)) {
        early_panic("sel4runtime: TLS image larger than CONFIG_SEL4RUNTIME_STATIC_TLS\n");
    }
    sel4runtime_uintptr_t tp = sel4runtime_write_tls_image(static_tls);
#ifdef CONFIG_SET_TLS_BASE_SELF
    seL4_SetTLSBase(tp);
#else
#error "keel's runtime sets the thread pointer with seL4_SetTLSBase (CONFIG_SET_TLS_BASE_SELF)"
#endif
    __sel4runtime_tls_ready = 1;

    /* 2. IPC buffer, then everything that needs it. */
    if (bootinfo != NULL) {
        __sel4_ipc_buffer = bootinfo->ipcBuffer;
        if (seL4_InitBootInfo != NULL) {
            seL4_InitBootInfo(bootinfo);
        }
    }
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugNameThread(seL4_CapInitThreadTCB, "rootserver");
#endif

    /* 3. Constructors, in the order the linker sorted them. */
    environ = root_envp;
    for (void (**f)(void) = __preinit_array_start; f < __preinit_array_end; f++) {
        (*f)();
    }
    for (void (**f)(void) = __init_array_start; f < __init_array_end; f++) {
        (*f)();
    }

    /* 4. main, then exit with its value. */
    sel4runtime_exit(main(1, root_argv, root_envp));
}

sel4runtime_pre_exit_cb *sel4runtime_set_pre_exit(sel4runtime_pre_exit_cb *cb)
{
    sel4runtime_pre_exit_cb *old = pre_exit;
    pre_exit = cb;
    return old;
}

_Noreturn void sel4runtime_exit(int code)
{
    if (pre_exit != NULL) {
        code = pre_exit(code);
    }
    exit(code);     /* atexit handlers, destructors, fflush, keel_DebugExit(0, code) */
}
