/*
 * libutils: the zf_log line writer (see utils/zf_log.h for the format).
 *
 * A line is assembled in a ZF_LOG_BUF_SZ-byte buffer on the caller's stack:
 * at most ZF_LOG_BUF_SZ - sizeof(ZF_LOG_EOL) characters of content, then the
 * end-of-line and the terminating NUL. The output callback gets it; the
 * default one writes it to stderr with fputs and, for a FATAL line, flushes
 * stderr and aborts.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utils/zf_log_config.h>
#include <utils/zf_log.h>

#define CONTENT_MAX (ZF_LOG_BUF_SZ - sizeof(ZF_LOG_EOL))

static const char *tag_prefix;
static unsigned mem_width = ZF_LOG_MEM_WIDTH;
static void output_to_stderr(zf_log_output_ctx *ctx);
static zf_log_output_cb output_cb = output_to_stderr;

int _zf_log_output_lvl;

void zf_log_set_tag_prefix(const char *const prefix)
{
    tag_prefix = prefix;
}

void zf_log_set_mem_width(const unsigned w)
{
    mem_width = w;
}

void zf_log_set_output_level(const int lvl)
{
    _zf_log_output_lvl = lvl;
}

void zf_log_set_output_callback(const zf_log_output_cb cb)
{
    output_cb = cb != NULL ? cb : output_to_stderr;
}

static void output_to_stderr(zf_log_output_ctx *ctx)
{
    strcpy(ctx->p, ZF_LOG_EOL);
    fputs(ctx->buf, stderr);
    if (ctx->lvl == ZF_LOG_FATAL) {
        fflush(stderr);
        abort();
    }
}

/* Append up to n characters of s, as far as the content limit allows. */
static void put(zf_log_output_ctx *ctx, const char *s, size_t n)
{
    size_t room = (size_t)(ctx->e - ctx->p);
    if (n > room) {
        n = room;
    }
    memcpy(ctx->p, s, n);
    ctx->p += n;
}

static void put_str(zf_log_output_ctx *ctx, const char *s)
{
    put(ctx, s, strlen(s));
}

static void put_vfmt(zf_log_output_ctx *ctx, const char *fmt, va_list va)
{
    /* vsnprintf may put its NUL at e: that is where the EOL goes anyway */
    int n = vsnprintf(ctx->p, (size_t)(ctx->e - ctx->p) + 1, fmt, va);
    if (n > 0) {
        ctx->p = (size_t)n > (size_t)(ctx->e - ctx->p) ? ctx->e : ctx->p + n;
    }
}

static void put_fmt(zf_log_output_ctx *ctx, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    put_vfmt(ctx, fmt, va);
    va_end(va);
}

static void begin(zf_log_output_ctx *ctx, char *buf, int lvl, const char *tag)
{
    ctx->lvl = lvl;
    ctx->tag = tag;
    ctx->buf = buf;
    ctx->p = buf;
    ctx->e = buf + CONTENT_MAX;

    /* "[prefix][.tag] " */
    ctx->tag_b = ctx->p;
    if (tag_prefix != NULL) {
        put_str(ctx, tag_prefix);
    }
    if (tag != NULL && tag[0] != '\0') {
        if (ctx->p != ctx->tag_b) {
            put(ctx, ".", 1);
        }
        put_str(ctx, tag);
    }
    ctx->tag_e = ctx->p;
    if (ctx->p != ctx->tag_b) {
        put(ctx, " ", 1);
    }
}

static const char *basename_of(const char *file)
{
    const char *f = file;
    for (const char *p = file; *p != '\0'; p++) {
        if (*p == '/' || *p == '\\') {
            f = p + 1;
        }
    }
    return f;
}

static void put_src(zf_log_output_ctx *ctx, const char *func, const char *file, unsigned line)
{
    put_fmt(ctx, "%s@%s:%u ", func, basename_of(file), line);
}

static void put_msg(zf_log_output_ctx *ctx, const char *fmt, va_list va)
{
    ctx->msg_b = ctx->p;
    put_vfmt(ctx, fmt, va);
}

/* One line per mem_width bytes: hex, two spaces, printable characters. */
static void output_mem(zf_log_output_ctx *ctx, const void *d, unsigned d_sz)
{
    static const char hex[] = "0123456789abcdef";
    if (d == NULL || d_sz == 0) {
        return;
    }
    const unsigned char *mem = d;
    const unsigned char *end = mem + d_sz;
    char *hex_b = ctx->msg_b;
    char *ascii_b = hex_b + 2 * mem_width + 2;
    if (ascii_b + mem_width > ctx->e) {
        return;
    }
    while (mem != end) {
        char *h = hex_b;
        char *a = ascii_b;
        const unsigned char *cut = (size_t)(end - mem) > mem_width ? mem + mem_width : end;
        for (; mem != cut; mem++) {
            *h++ = hex[*mem >> 4];
            *h++ = hex[*mem & 0xf];
            *a++ = isprint(*mem) ? (char)*mem : '?';
        }
        while (h != ascii_b) {
            *h++ = ' ';
        }
        ctx->p = a;
        output_cb(ctx);
    }
}

void _zf_log_write_d(const char *const func, const char *const file, const unsigned line,
                     const int lvl, const char *const tag, const char *const fmt, ...)
{
    zf_log_output_ctx ctx;
    char buf[ZF_LOG_BUF_SZ];
    va_list va;
    va_start(va, fmt);
    begin(&ctx, buf, lvl, tag);
    put_src(&ctx, func, file, line);
    put_msg(&ctx, fmt, va);
    va_end(va);
    output_cb(&ctx);
}

void _zf_log_write(const int lvl, const char *const tag, const char *const fmt, ...)
{
    zf_log_output_ctx ctx;
    char buf[ZF_LOG_BUF_SZ];
    va_list va;
    va_start(va, fmt);
    begin(&ctx, buf, lvl, tag);
    put_msg(&ctx, fmt, va);
    va_end(va);
    output_cb(&ctx);
}

void _zf_log_write_mem_d(const char *const func, const char *const file, const unsigned line,
                         const int lvl, const char *const tag, const void *const d,
                         const unsigned d_sz, const char *const fmt, ...)
{
    zf_log_output_ctx ctx;
    char buf[ZF_LOG_BUF_SZ];
    va_list va;
    va_start(va, fmt);
    begin(&ctx, buf, lvl, tag);
    put_src(&ctx, func, file, line);
    put_msg(&ctx, fmt, va);
    va_end(va);
    output_cb(&ctx);
    output_mem(&ctx, d, d_sz);
}

void _zf_log_write_mem(const int lvl, const char *const tag, const void *const d,
                       const unsigned d_sz, const char *const fmt, ...)
{
    zf_log_output_ctx ctx;
    char buf[ZF_LOG_BUF_SZ];
    va_list va;
    va_start(va, fmt);
    begin(&ctx, buf, lvl, tag);
    put_msg(&ctx, fmt, va);
    va_end(va);
    output_cb(&ctx);
    output_mem(&ctx, d, d_sz);
}
