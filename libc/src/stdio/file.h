/* keel libc: the FILE object (private). */
#ifndef _KEEL_LIBC_FILE_H
#define _KEEL_LIBC_FILE_H

#include <stddef.h>

struct __keel_file {
    int fd;         /* 0 stdin, 1 stdout, 2 stderr */
    int error;      /* ferror() */
    int eof;        /* feof() */
};

/* Hand `n` bytes to the stream's device. Returns the number written. */
size_t __libc_file_write(struct __keel_file *f, const char *s, size_t n);

#endif /* _KEEL_LIBC_FILE_H */
