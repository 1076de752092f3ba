/* keel libc: errno, one per thread (thread-local storage). */
#include <errno.h>

static __thread int thread_errno;

int *__errno_location(void)
{
    return &thread_errno;
}
