/* keel libc: input. A root task has no input device: every read is EOF. */
#include <stdio.h>

#include "file.h"

int fgetc(FILE *stream)
{
    stream->eof = 1;
    return EOF;
}

int getc(FILE *stream)
{
    return fgetc(stream);
}

int getchar(void)
{
    return fgetc(stdin);
}

char *fgets(char *restrict s, int size, FILE *restrict stream)
{
    (void)s;
    (void)size;
    stream->eof = 1;
    return NULL;
}

size_t fread(void *restrict ptr, size_t size, size_t nmemb, FILE *restrict stream)
{
    (void)ptr;
    (void)size;
    (void)nmemb;
    stream->eof = 1;
    return 0;
}
