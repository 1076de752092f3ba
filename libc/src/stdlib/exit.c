/*
 * keel libc: program termination.
 *
 *   exit(status)  atexit handlers (last registered first), then the
 *                 .fini_array destructors (last first), then fflush, then
 *                 keel_DebugExit(0, status): the kernel reports the status
 *                 and ends the run.
 *   _Exit/_exit   keel_DebugExit(0, status) at once.
 *   abort()       fflush, then keel_DebugExit(1, 0).
 *
 * The root-task runtime (libsel4runtime) calls exit() with main's return
 * value, so returning from main and calling exit() behave the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sel4/sel4.h>

#define ATEXIT_MAX 32

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;
static int exiting;

/* Defined by the root-task linker script; weak so a program without one links. */
extern void (*__fini_array_start[])(void) __attribute__((weak));
extern void (*__fini_array_end[])(void) __attribute__((weak));

int atexit(void (*fn)(void))
{
    if (atexit_count == ATEXIT_MAX) {
        return -1;
    }
    atexit_fns[atexit_count++] = fn;
    return 0;
}

_Noreturn void _Exit(int status)
{
    keel_DebugExit(0, (seL4_Word)(long)status);
    for (;;) {
    }
}

_Noreturn void _exit(int status)
{
    _Exit(status);
}

_Noreturn void exit(int status)
{
    /* a handler or destructor that calls exit() again ends the program now */
    if (!exiting) {
        exiting = 1;
        while (atexit_count > 0) {
            atexit_fns[--atexit_count]();
        }
        if (__fini_array_start != NULL) {
            size_t n = (size_t)(__fini_array_end - __fini_array_start);
            while (n > 0) {
                __fini_array_start[--n]();
            }
        }
    }
    fflush(NULL);
    _Exit(status);
}

_Noreturn void abort(void)
{
    fflush(NULL);
    keel_DebugExit(1, 0);
    for (;;) {
    }
}
