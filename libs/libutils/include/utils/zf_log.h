/*
 * libutils: zf_log, the logging macros seL4 libraries use (the interface of
 * wonder-mice's zf_log as seL4's util_libs ships it).
 *
 * ZF_LOGV/D/I/W/E/F(fmt, ...) log one line on stderr:
 *     [<prefix>[.<tag>] ]<function>@<file basename>:<line> <message>\n
 * (the prefix comes from zf_log_set_tag_prefix, the tag from ZF_LOG_TAG;
 * the separating space is there only if one of them is). Lines are cut at
 * ZF_LOG_BUF_SZ - 2 = 254 characters before the '\n'. ZF_LOGF then flushes
 * stderr and calls abort().
 *
 * Levels are chosen at compile time: a message below ZF_LOG_LEVEL (or
 * ZF_LOG_DEF_LEVEL) is compiled out, arguments unevaluated. The default is
 * ZF_LOG_ERROR; ZF_LOG_FATAL messages are always compiled in. With NDEBUG
 * the function/file/line part is left out.
 */
#pragma once

#include <utils/attribute.h>
#include <utils/builtin.h>

#define ZF_LOG_VERSION 1
#if defined(ZF_LOG_VERSION_REQUIRED) && ZF_LOG_VERSION_REQUIRED != ZF_LOG_VERSION
#error different zf_log version required
#endif

#define ZF_LOG_VERBOSE 1
#define ZF_LOG_DEBUG   2
#define ZF_LOG_INFO    3
#define ZF_LOG_WARN    4
#define ZF_LOG_ERROR   5
#define ZF_LOG_FATAL   0xFFFF
#define ZF_LOG_NONE    0xFFFF

#if defined(ZF_LOG_LEVEL)
#define _ZF_LOG_LEVEL ZF_LOG_LEVEL
#elif defined(ZF_LOG_DEF_LEVEL)
#define _ZF_LOG_LEVEL ZF_LOG_DEF_LEVEL
#else
#define _ZF_LOG_LEVEL ZF_LOG_ERROR
#endif

#if defined(ZF_LOG_TAG)
#define _ZF_LOG_TAG ZF_LOG_TAG
#elif defined(ZF_LOG_DEF_TAG)
#define _ZF_LOG_TAG ZF_LOG_DEF_TAG
#else
#define _ZF_LOG_TAG 0
#endif

/* Prefix in front of every line (and before ".tag"); NULL or "" for none. */
void zf_log_set_tag_prefix(const char *const prefix);
/* Bytes shown per line by the *_MEM macros. */
void zf_log_set_mem_width(const unsigned w);
/* Run-time level: messages below it are not printed (nor their arguments evaluated). */
void zf_log_set_output_level(const int lvl);

/* What an output callback gets: the assembled line and where its parts are. */
typedef struct zf_log_output_ctx {
    int lvl;
    const char *tag;
    char *buf;      /* buffer start */
    char *e;        /* buffer end: the last place where EOL and NUL may go */
    char *p;        /* end of the content so far */
    char *tag_b;    /* prefixed tag start */
    char *tag_e;    /* prefixed tag end */
    char *msg_b;    /* message start */
} zf_log_output_ctx;

typedef void (*zf_log_output_cb)(zf_log_output_ctx *ctx);

/* Replace what is done with each finished line (default: fputs to stderr;
 * FATAL then fflush and abort). */
void zf_log_set_output_callback(const zf_log_output_cb cb);

#define ZF_LOG_ALLOW(lvl) ((lvl) >= _ZF_LOG_LEVEL)
#define ZF_LOG_ALLOW_VERBOSE ZF_LOG_ALLOW(ZF_LOG_VERBOSE)
#define ZF_LOG_ALLOW_DEBUG ZF_LOG_ALLOW(ZF_LOG_DEBUG)
#define ZF_LOG_ALLOW_INFO ZF_LOG_ALLOW(ZF_LOG_INFO)
#define ZF_LOG_ALLOW_WARN ZF_LOG_ALLOW(ZF_LOG_WARN)
#define ZF_LOG_ALLOW_ERROR ZF_LOG_ALLOW(ZF_LOG_ERROR)
#define ZF_LOG_ALLOW_FATAL ZF_LOG_ALLOW(ZF_LOG_FATAL)

#define ZF_LOG_OUTPUT(lvl) (ZF_LOG_ALLOW((lvl)) && (lvl) >= _zf_log_output_lvl)
#define ZF_LOG_OUTPUT_VERBOSE ZF_LOG_OUTPUT(ZF_LOG_VERBOSE)
#define ZF_LOG_OUTPUT_DEBUG ZF_LOG_OUTPUT(ZF_LOG_DEBUG)
#define ZF_LOG_OUTPUT_INFO ZF_LOG_OUTPUT(ZF_LOG_INFO)
#define ZF_LOG_OUTPUT_WARN ZF_LOG_OUTPUT(ZF_LOG_WARN)
#define ZF_LOG_OUTPUT_ERROR ZF_LOG_OUTPUT(ZF_LOG_ERROR)
#define ZF_LOG_OUTPUT_FATAL ZF_LOG_OUTPUT(ZF_LOG_FATAL)

#define _ZF_LOG_PRINTFLIKE(a, b) FORMAT(printf, a, b)

extern int _zf_log_output_lvl;

void _zf_log_write_d(const char *const func, const char *const file, const unsigned line,
                     const int lvl, const char *const tag,
                     const char *const fmt, ...) _ZF_LOG_PRINTFLIKE(6, 7);
void _zf_log_write(const int lvl, const char *const tag,
                   const char *const fmt, ...) _ZF_LOG_PRINTFLIKE(3, 4);
void _zf_log_write_mem_d(const char *const func, const char *const file, const unsigned line,
                         const int lvl, const char *const tag,
                         const void *const d, const unsigned d_sz,
                         const char *const fmt, ...) _ZF_LOG_PRINTFLIKE(8, 9);
void _zf_log_write_mem(const int lvl, const char *const tag,
                       const void *const d, const unsigned d_sz,
                       const char *const fmt, ...) _ZF_LOG_PRINTFLIKE(5, 6);

#ifdef NDEBUG
#define _ZF_LOG_IMP(lvl, tag, ...) \
    do { \
        if (ZF_LOG_OUTPUT(lvl)) \
            _zf_log_write(lvl, tag, __VA_ARGS__); \
    } while (0)
#define _ZF_LOG_MEM_IMP(lvl, tag, d, d_sz, ...) \
    do { \
        if (ZF_LOG_OUTPUT(lvl)) \
            _zf_log_write_mem(lvl, tag, d, d_sz, __VA_ARGS__); \
    } while (0)
#else
#define _ZF_LOG_IMP(lvl, tag, ...) \
    do { \
        if (ZF_LOG_OUTPUT(lvl)) \
            _zf_log_write_d(__func__, __FILE__, __LINE__, lvl, tag, __VA_ARGS__); \
    } while (0)
#define _ZF_LOG_MEM_IMP(lvl, tag, d, d_sz, ...) \
    do { \
        if (ZF_LOG_OUTPUT(lvl)) \
            _zf_log_write_mem_d(__func__, __FILE__, __LINE__, lvl, tag, d, d_sz, __VA_ARGS__); \
    } while (0)
#endif

static inline void _zf_log_unused(const int dummy, ...)
{
    (void)dummy;
}

#define _ZF_LOG_UNUSED(...) \
    do { \
        if (0) \
            _zf_log_unused(0, __VA_ARGS__); \
    } while (0)

#if ZF_LOG_ALLOW_VERBOSE
#define ZF_LOGV(...) _ZF_LOG_IMP(ZF_LOG_VERBOSE, _ZF_LOG_TAG, __VA_ARGS__)
#define ZF_LOGV_MEM(...) _ZF_LOG_MEM_IMP(ZF_LOG_VERBOSE, _ZF_LOG_TAG, __VA_ARGS__)
#else
#define ZF_LOGV(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#define ZF_LOGV_MEM(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#endif

#if ZF_LOG_ALLOW_DEBUG
#define ZF_LOGD(...) _ZF_LOG_IMP(ZF_LOG_DEBUG, _ZF_LOG_TAG, __VA_ARGS__)
#define ZF_LOGD_MEM(...) _ZF_LOG_MEM_IMP(ZF_LOG_DEBUG, _ZF_LOG_TAG, __VA_ARGS__)
#else
#define ZF_LOGD(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#define ZF_LOGD_MEM(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#endif

#if ZF_LOG_ALLOW_INFO
#define ZF_LOGI(...) _ZF_LOG_IMP(ZF_LOG_INFO, _ZF_LOG_TAG, __VA_ARGS__)
#define ZF_LOGI_MEM(...) _ZF_LOG_MEM_IMP(ZF_LOG_INFO, _ZF_LOG_TAG, __VA_ARGS__)
#else
#define ZF_LOGI(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#define ZF_LOGI_MEM(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#endif

#if ZF_LOG_ALLOW_WARN
#define ZF_LOGW(...) _ZF_LOG_IMP(ZF_LOG_WARN, _ZF_LOG_TAG, __VA_ARGS__)
#define ZF_LOGW_MEM(...) _ZF_LOG_MEM_IMP(ZF_LOG_WARN, _ZF_LOG_TAG, __VA_ARGS__)
#else
#define ZF_LOGW(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#define ZF_LOGW_MEM(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#endif

#if ZF_LOG_ALLOW_ERROR
#define ZF_LOGE(...) _ZF_LOG_IMP(ZF_LOG_ERROR, _ZF_LOG_TAG, __VA_ARGS__)
#define ZF_LOGE_MEM(...) _ZF_LOG_MEM_IMP(ZF_LOG_ERROR, _ZF_LOG_TAG, __VA_ARGS__)
#else
#define ZF_LOGE(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#define ZF_LOGE_MEM(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#endif

#if ZF_LOG_ALLOW_FATAL
#define ZF_LOGF(...) \
    do { \
        _ZF_LOG_IMP(ZF_LOG_FATAL, _ZF_LOG_TAG, __VA_ARGS__); \
        UNREACHABLE(); \
    } while (0)
#define ZF_LOGF_MEM(...) \
    do { \
        _ZF_LOG_MEM_IMP(ZF_LOG_FATAL, _ZF_LOG_TAG, __VA_ARGS__); \
        UNREACHABLE(); \
    } while (0)
#else
#define ZF_LOGF(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#define ZF_LOGF_MEM(...) _ZF_LOG_UNUSED(__VA_ARGS__)
#endif
