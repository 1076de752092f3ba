/* keel libc: <unistd.h>. A root task has no files or processes: only _exit. */
#ifndef _KEEL_UNISTD_H
#define _KEEL_UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

_Noreturn void _exit(int status);

#endif /* _KEEL_UNISTD_H */
