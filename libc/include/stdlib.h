/*
 * keel libc: <stdlib.h>.
 *
 * malloc and friends use a static heap (LIBC_HEAP_SIZE bytes, 1 MiB by
 * default) with an address-ordered first-fit free list; allocations are
 * 16-byte aligned. Not thread-safe: threads that allocate must serialise.
 *
 * exit(status): runs atexit handlers (last registered first), then the
 * .fini_array destructors, flushes stdio and ends the program with
 * keel_DebugExit(0, status). abort(): flushes stdio and calls
 * keel_DebugExit(1, 0). Neither returns.
 */
#ifndef _KEEL_STDLIB_H
#define _KEEL_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fffffff
#define MB_CUR_MAX 1

typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;
typedef struct { long long quot; long long rem; } lldiv_t;

_Noreturn void abort(void);
_Noreturn void exit(int status);
_Noreturn void _Exit(int status);
int atexit(void (*fn)(void));

void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
void *aligned_alloc(size_t alignment, size_t size);
int posix_memalign(void **memptr, size_t alignment, size_t size);
void *memalign(size_t alignment, size_t size);

int atoi(const char *nptr);
long atol(const char *nptr);
long long atoll(const char *nptr);
long strtol(const char *restrict nptr, char **restrict endptr, int base);
unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base);
long long strtoll(const char *restrict nptr, char **restrict endptr, int base);
unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base);

int abs(int j);
long labs(long j);
long long llabs(long long j);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
lldiv_t lldiv(long long num, long long den);

void qsort(void *base, size_t nmemb, size_t size,
           int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
              int (*compar)(const void *, const void *));

int rand(void);
int rand_r(unsigned int *seedp);
void srand(unsigned int seed);

char *getenv(const char *name);
extern char **environ;

#endif /* _KEEL_STDLIB_H */
