/* keel libc: character and string output. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "file.h"

int fputc(int c, FILE *stream)
{
    char ch = (char)c;
    return __libc_file_write(stream, &ch, 1) == 1 ? (unsigned char)ch : EOF;
}

int putc(int c, FILE *stream)
{
    return fputc(c, stream);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict stream)
{
    size_t n = strlen(s);
    return __libc_file_write(stream, s, n) == n ? 0 : EOF;
}

int puts(const char *s)
{
    if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF) {
        return EOF;
    }
    return 0;
}

size_t fwrite(const void *restrict ptr, size_t size, size_t nmemb, FILE *restrict stream)
{
    if (size == 0 || nmemb == 0) {
        return 0;
    }
    return __libc_file_write(stream, ptr, size * nmemb) / size;
}

void perror(const char *s)
{
    int e = errno;
    if (s != NULL && *s != '\0') {
        fputs(s, stderr);
        fputs(": ", stderr);
    }
    fputs(strerror(e), stderr);
    fputc('\n', stderr);
}
