/*
 * keel libc: memcpy, memmove, memset, memcmp, memchr, memrchr.
 *
 * gcc emits calls to memcpy/memmove/memset/memcmp on its own (struct copies,
 * zeroing, even loops it recognises), so these must exist and must not be
 * written as loops gcc could turn back into calls to themselves: the copy
 * and fill routines use the string instructions (fast on every x86_64 with
 * ERMSB, and never recursive).
 */
#include <stdint.h>
#include <string.h>

void *memcpy(void *restrict dest, const void *restrict src, size_t n)
{
    void *d = dest;
    __asm__ volatile("rep movsb"
                     : "+D"(d), "+S"(src), "+c"(n)
                     :
                     : "memory");
    return dest;
}

void *memmove(void *dest, const void *src, size_t n)
{
    uintptr_t d = (uintptr_t)dest;
    uintptr_t s = (uintptr_t)src;
    if (d - s >= n) {
        /* no harmful overlap: dest is below src, or at least n bytes above */
        void *dd = dest;
        __asm__ volatile("rep movsb"
                         : "+D"(dd), "+S"(src), "+c"(n)
                         :
                         : "memory");
    } else if (n != 0) {
        /* dest overlaps the end of src: copy backwards */
        void *dd = (char *)dest + n - 1;
        const void *ss = (const char *)src + n - 1;
        __asm__ volatile("std\n\trep movsb\n\tcld"
                         : "+D"(dd), "+S"(ss), "+c"(n)
                         :
                         : "memory");
    }
    return dest;
}

void *memset(void *s, int c, size_t n)
{
    void *d = s;
    __asm__ volatile("rep stosb"
                     : "+D"(d), "+c"(n)
                     : "a"(c)
                     : "memory");
    return s;
}

int memcmp(const void *s1, const void *s2, size_t n)
{
    const unsigned char *a = s1;
    const unsigned char *b = s2;
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return a[i] - b[i];
        }
    }
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == (unsigned char)c) {
            return (void *)(p + i);
        }
    }
    return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    while (n-- > 0) {
        if (p[n] == (unsigned char)c) {
            return (void *)(p + n);
        }
    }
    return NULL;
}
