/* libutils: zf_log configuration for keel (as seL4's libutils configures it). */
#pragma once

/* No timestamp, pid, tid or level letter in front of each line. */
#define ZF_LOG_PUT_CTX 0
/* Bytes of the line buffer (on the logging thread's stack), the '\n' included. */
#define ZF_LOG_BUF_SZ 256
/* Line terminator. */
#define ZF_LOG_EOL "\n"
/* Bytes per line of a ZF_LOG*_MEM dump. */
#define ZF_LOG_MEM_WIDTH 32
