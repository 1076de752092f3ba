/* sel4runtime: TLS internals shared by start.c and tls.c. */
#pragma once

/* Set once the initial thread's thread pointer is installed. */
extern int __sel4runtime_tls_ready;
