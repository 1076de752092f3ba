/* keel libc: <strings.h>. */
#ifndef _KEEL_STRINGS_H
#define _KEEL_STRINGS_H

#include <stddef.h>

int strcasecmp(const char *s1, const char *s2);
int strncasecmp(const char *s1, const char *s2, size_t n);
int ffs(int i);
int ffsl(long i);

#endif /* _KEEL_STRINGS_H */
