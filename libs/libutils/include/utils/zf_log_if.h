/*
 * libutils: conditional zf_log macros.
 *
 * ZF_LOG?_IF(cond, fmt, ...) logs at that level if cond is true, with the
 * message "[Cond failed: <cond as written>]\n\t<fmt>". ZF_LOGF_IF then
 * aborts.
 */
#pragma once

#include <utils/zf_log.h>

#define ZF_LOGV_IF(cond, fmt, ...) \
    if (cond) { ZF_LOGV("[Cond failed: %s]\n\t" fmt, #cond, ## __VA_ARGS__); }
#define ZF_LOGD_IF(cond, fmt, ...) \
    if (cond) { ZF_LOGD("[Cond failed: %s]\n\t" fmt, #cond, ## __VA_ARGS__); }
#define ZF_LOGI_IF(cond, fmt, ...) \
    if (cond) { ZF_LOGI("[Cond failed: %s]\n\t" fmt, #cond, ## __VA_ARGS__); }
#define ZF_LOGW_IF(cond, fmt, ...) \
    if (cond) { ZF_LOGW("[Cond failed: %s]\n\t" fmt, #cond, ## __VA_ARGS__); }
#define ZF_LOGE_IF(cond, fmt, ...) \
    if (cond) { ZF_LOGE("[Cond failed: %s]\n\t" fmt, #cond, ## __VA_ARGS__); }
#define ZF_LOGF_IF(cond, fmt, ...) \
    if (cond) { ZF_LOGF("[Cond failed: %s]\n\t" fmt, #cond, ## __VA_ARGS__); }
