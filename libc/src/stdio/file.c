/*
 * keel libc: stdin, stdout, stderr and the byte-output path under them.
 *
 * stdout and stderr are unbuffered: bytes go straight to the console writer,
 * which by default is the kernel's debug console (seL4_DebugPutChar per
 * byte; the kernel turns '\n' into CR LF itself).
 */
#include <errno.h>
#include <stdio.h>
#include <sel4/sel4.h>

#include "file.h"

static struct __keel_file files[3] = {
    { 0, 0, 0 },
    { 1, 0, 0 },
    { 2, 0, 0 },
};

FILE *const stdin = &files[0];
FILE *const stdout = &files[1];
FILE *const stderr = &files[2];

static size_t debug_console_write(const void *data, size_t count)
{
#ifdef CONFIG_PRINTING
    const char *s = data;
    for (size_t i = 0; i < count; i++) {
        seL4_DebugPutChar(s[i]);
    }
#else
    (void)data;     /* a kernel without a debug console: output is dropped */
#endif
    return count;
}

static __libc_stdio_write_fn stdio_write = debug_console_write;

__libc_stdio_write_fn __libc_set_stdio_write(__libc_stdio_write_fn fn)
{
    __libc_stdio_write_fn old = stdio_write;
    stdio_write = fn != NULL ? fn : debug_console_write;
    return old;
}

size_t __libc_file_write(struct __keel_file *f, const char *s, size_t n)
{
    if (f == NULL || f->fd == 0) {
        if (f != NULL) {
            f->error = 1;
        }
        errno = EBADF;
        return 0;
    }
    size_t done = 0;
    while (done < n) {
        size_t k = stdio_write(s + done, n - done);
        if (k == 0) {
            f->error = 1;
            break;
        }
        done += k;
    }
    return done;
}

int fflush(FILE *stream)
{
    (void)stream;   /* nothing is ever buffered */
    return 0;
}

int ferror(FILE *stream)
{
    return stream->error;
}

int feof(FILE *stream)
{
    return stream->eof;
}

void clearerr(FILE *stream)
{
    stream->error = 0;
    stream->eof = 0;
}

int fileno(FILE *stream)
{
    return stream->fd;
}

int setvbuf(FILE *restrict stream, char *restrict buf, int mode, size_t size)
{
    (void)stream;
    (void)buf;
    (void)size;
    return mode == _IONBF ? 0 : -1;
}

void setbuf(FILE *restrict stream, char *restrict buf)
{
    (void)stream;
    (void)buf;
}
