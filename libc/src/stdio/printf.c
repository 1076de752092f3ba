/*
 * keel libc: the printf family, on top of __keel_vformat (format.c).
 *
 * Stream output is gathered in a small buffer on the caller's stack and
 * written out before the call returns: nothing stays buffered, and no state
 * is shared between threads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "format.h"

struct stream_sink {
    FILE *f;
    size_t used;
    char buf[128];
};

static void stream_flush(struct stream_sink *s)
{
    if (s->used != 0) {
        __libc_file_write(s->f, s->buf, s->used);
        s->used = 0;
    }
}

static void stream_put(void *ctx, const char *str, size_t n)
{
    struct stream_sink *s = ctx;
    while (n > 0) {
        if (s->used == sizeof(s->buf)) {
            stream_flush(s);
        }
        size_t k = sizeof(s->buf) - s->used;
        if (k > n) {
            k = n;
        }
        memcpy(s->buf + s->used, str, k);
        s->used += k;
        str += k;
        n -= k;
    }
}

int vfprintf(FILE *restrict stream, const char *restrict fmt, va_list ap)
{
    struct stream_sink s;
    s.f = stream;
    s.used = 0;
    int n = __keel_vformat(stream_put, &s, fmt, ap);
    stream_flush(&s);
    return n;
}

int fprintf(FILE *restrict stream, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stream, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
    if (fd == 1) {
        return vfprintf(stdout, fmt, ap);
    } else if (fd == 2) {
        return vfprintf(stderr, fmt, ap);
    }
    errno = EBADF;
    return -1;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

struct string_sink {
    char *buf;
    size_t size;    /* room including the terminating NUL; 0: none */
    size_t used;
};

static void string_put(void *ctx, const char *str, size_t n)
{
    struct string_sink *s = ctx;
    if (s->size != 0 && s->used < s->size - 1) {
        size_t k = s->size - 1 - s->used;
        if (k > n) {
            k = n;
        }
        memcpy(s->buf + s->used, str, k);
    }
    s->used += n;
}

int vsnprintf(char *restrict str, size_t size, const char *restrict fmt, va_list ap)
{
    struct string_sink s = { str, size, 0 };
    int n = __keel_vformat(string_put, &s, fmt, ap);
    if (size != 0) {
        str[s.used < size - 1 ? s.used : size - 1] = '\0';
    }
    return n;
}

int snprintf(char *restrict str, size_t size, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(str, size, fmt, ap);
    va_end(ap);
    return n;
}

int vsprintf(char *restrict str, const char *restrict fmt, va_list ap)
{
    return vsnprintf(str, (size_t)__INT_MAX__ + 1, fmt, ap);
}

int sprintf(char *restrict str, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsprintf(str, fmt, ap);
    va_end(ap);
    return n;
}

int vasprintf(char **strp, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        return -1;
    }
    char *buf = malloc((size_t)n + 1);
    if (buf == NULL) {
        return -1;
    }
    vsnprintf(buf, (size_t)n + 1, fmt, ap);
    *strp = buf;
    return n;
}

int asprintf(char **strp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(strp, fmt, ap);
    va_end(ap);
    return n;
}
