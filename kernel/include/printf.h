/* Kernel console output (kernel/kernel/printf.c) on the arch's serial port.
 *
 * Formats: %d %i %u %x %X %o %c %s %p %% with the length modifiers hh h l
 * ll z j t, a width (or *), a precision (or *; for %s the maximum length),
 * and the flags - 0 # + and space. %p prints NULL as "(nil)", anything
 * else as 0x followed by minimal lowercase hex. */
#pragma once
#include <stdarg.h>
#include "types.h"

#define PRINTF_FORMAT(f, a) __attribute__((format(printf, f, a)))

void kputchar(char c);                 /* sends "\r\n" for "\n" */
int kprintf(const char *fmt, ...) PRINTF_FORMAT(1, 2);
int kvprintf(const char *fmt, va_list ap);
/* Writes at most size bytes including the terminating NUL; returns the
 * length the whole output would have had. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_FORMAT(3, 4);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
