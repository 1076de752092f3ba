/*
 * keel libc: the stack-protector failure hook, for code built with
 * -fstack-protector (keel's Makefile turns it off). The canary at %fs:0x28
 * reads as 0 from the runtime's zeroed TCB, so protected code still runs.
 */
#include <stdio.h>
#include <stdlib.h>

_Noreturn void __stack_chk_fail(void);

_Noreturn void __stack_chk_fail(void)
{
    fputs("libc: stack smashing detected\n", stderr);
    abort();
}
