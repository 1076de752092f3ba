/*
 * keel libc: <stdio.h>.
 *
 * Output only. stdout and stderr both go to the kernel's debug console
 * (seL4_DebugPutChar, one byte at a time, unless a writer is installed with
 * __libc_set_stdio_write). Streams are unbuffered: every call has written
 * all of its output before it returns, so nothing is lost at a fault,
 * abort() or exit(). stdin always reads EOF.
 *
 * printf formats: flags "-+ #0", width and precision (also "*"), length
 * modifiers hh h l ll q j z t L, conversions d i u o x X c s p n % and
 * f F e E g G a A (floating point is approximate beyond ~17 significant
 * digits). As in glibc, %p prints "0x" + lowercase hex, and "(nil)" for a
 * NULL pointer; %s of NULL prints "(null)".
 */
#ifndef _KEEL_STDIO_H
#define _KEEL_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define EOF (-1)
#define BUFSIZ 1024

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

typedef struct __keel_file FILE;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin  stdin
#define stdout stdout
#define stderr stderr

#define __KEEL_PRINTF(f, a) __attribute__((__format__(__printf__, f, a)))

int printf(const char *restrict fmt, ...) __KEEL_PRINTF(1, 2);
int fprintf(FILE *restrict stream, const char *restrict fmt, ...) __KEEL_PRINTF(2, 3);
int sprintf(char *restrict str, const char *restrict fmt, ...) __KEEL_PRINTF(2, 3);
int snprintf(char *restrict str, size_t size, const char *restrict fmt, ...) __KEEL_PRINTF(3, 4);
int asprintf(char **strp, const char *fmt, ...) __KEEL_PRINTF(2, 3);
int dprintf(int fd, const char *restrict fmt, ...) __KEEL_PRINTF(2, 3);
int vprintf(const char *restrict fmt, va_list ap) __KEEL_PRINTF(1, 0);
int vfprintf(FILE *restrict stream, const char *restrict fmt, va_list ap) __KEEL_PRINTF(2, 0);
int vsprintf(char *restrict str, const char *restrict fmt, va_list ap) __KEEL_PRINTF(2, 0);
int vsnprintf(char *restrict str, size_t size, const char *restrict fmt, va_list ap) __KEEL_PRINTF(3, 0);
int vasprintf(char **strp, const char *fmt, va_list ap) __KEEL_PRINTF(2, 0);
int vdprintf(int fd, const char *restrict fmt, va_list ap) __KEEL_PRINTF(2, 0);

int putchar(int c);
int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
int puts(const char *s);
int fputs(const char *restrict s, FILE *restrict stream);
size_t fwrite(const void *restrict ptr, size_t size, size_t nmemb, FILE *restrict stream);
int fflush(FILE *stream);
void perror(const char *s);

int getchar(void);
int fgetc(FILE *stream);
int getc(FILE *stream);
char *fgets(char *restrict s, int size, FILE *restrict stream);
size_t fread(void *restrict ptr, size_t size, size_t nmemb, FILE *restrict stream);

int ferror(FILE *stream);
int feof(FILE *stream);
void clearerr(FILE *stream);
int fileno(FILE *stream);
int setvbuf(FILE *restrict stream, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict stream, char *restrict buf);

/*
 * keel extension: replace the function that stdout/stderr bytes are handed
 * to (default: seL4_DebugPutChar for each byte). Returns the previous one.
 * The writer returns the number of bytes it consumed.
 */
typedef size_t (*__libc_stdio_write_fn)(const void *data, size_t count);
__libc_stdio_write_fn __libc_set_stdio_write(__libc_stdio_write_fn fn);

#endif /* _KEEL_STDIO_H */
