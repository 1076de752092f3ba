/*
 * sel4utils: zf_log macros that test an seL4 error code.
 *
 * ZF_LOG?_IFERR(err, fmt, ...) logs, when err != seL4_NoError, the message
 *     [Err <name of err>]:
 *     \t<fmt>
 * at that level; ZF_LOGF_IFERR then aborts. Like ZF_LOG?_IF they expand to
 * an `if` statement with a braced body, so a missing semicolon after them
 * does no harm.
 */
#pragma once

#include <sel4/sel4.h>
#include <utils/zf_log.h>
#include <utils/zf_log_if.h>
#include <sel4utils/strerror.h>

#define ZF_LOGV_IFERR(err, fmt, ...) \
    if ((err) != seL4_NoError) { ZF_LOGV("[Err %s]:\n\t" fmt, sel4_strerror(err), ## __VA_ARGS__); }
#define ZF_LOGD_IFERR(err, fmt, ...) \
    if ((err) != seL4_NoError) { ZF_LOGD("[Err %s]:\n\t" fmt, sel4_strerror(err), ## __VA_ARGS__); }
#define ZF_LOGI_IFERR(err, fmt, ...) \
    if ((err) != seL4_NoError) { ZF_LOGI("[Err %s]:\n\t" fmt, sel4_strerror(err), ## __VA_ARGS__); }
#define ZF_LOGW_IFERR(err, fmt, ...) \
    if ((err) != seL4_NoError) { ZF_LOGW("[Err %s]:\n\t" fmt, sel4_strerror(err), ## __VA_ARGS__); }
#define ZF_LOGE_IFERR(err, fmt, ...) \
    if ((err) != seL4_NoError) { ZF_LOGE("[Err %s]:\n\t" fmt, sel4_strerror(err), ## __VA_ARGS__); }
#define ZF_LOGF_IFERR(err, fmt, ...) \
    if ((err) != seL4_NoError) { ZF_LOGF("[Err %s]:\n\t" fmt, sel4_strerror(err), ## __VA_ARGS__); }
