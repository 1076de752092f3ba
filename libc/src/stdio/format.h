/*
 * keel libc: the printf formatting engine (private interface).
 *
 * __keel_vformat() interprets a printf format and hands the produced text to
 * `sink` in pieces, in order. It depends on nothing but the compiler's
 * <stdarg.h>, <stddef.h> and <stdint.h>, so libc/tests can compile it with
 * the host compiler and compare it against the host's printf.
 */
#ifndef _KEEL_LIBC_FORMAT_H
#define _KEEL_LIBC_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*__keel_format_sink)(void *ctx, const char *s, size_t n);

/* Returns the number of characters produced, or -1 if that exceeds INT_MAX. */
int __keel_vformat(__keel_format_sink sink, void *ctx, const char *fmt, va_list ap);

#endif /* _KEEL_LIBC_FORMAT_H */
