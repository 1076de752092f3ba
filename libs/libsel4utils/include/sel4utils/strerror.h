/* sel4utils: names of seL4 error codes. */
#pragma once

#include <sel4/sel4.h>

/* The seL4_Error names, indexed by value ("seL4_NoError", ...). */
extern char const *sel4_errlist[];

/* The name of seL4 error `errcode` ("seL4_FailedLookup"), or "Unknown error". */
char const *sel4_strerror(int errcode);
