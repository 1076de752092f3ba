/*
 * Host tests of keel libc's string, ctype and stdlib functions (compiled
 * with keel_ names, see run.sh and rename.h), mostly compared with the host
 * C library. Prints "PASS: name" / "FAIL: name: detail"; exits nonzero if
 * anything failed.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *keel_memcpy(void *dest, const void *src, size_t n);
void *keel_memmove(void *dest, const void *src, size_t n);
void *keel_memset(void *s, int c, size_t n);
int keel_memcmp(const void *s1, const void *s2, size_t n);
void *keel_memchr(const void *s, int c, size_t n);
size_t keel_strlen(const char *s);
size_t keel_strnlen(const char *s, size_t n);
int keel_strcmp(const char *a, const char *b);
int keel_strncmp(const char *a, const char *b, size_t n);
int keel_strcasecmp(const char *a, const char *b);
char *keel_strcpy(char *d, const char *s);
char *keel_strncpy(char *d, const char *s, size_t n);
char *keel_strcat(char *d, const char *s);
char *keel_strncat(char *d, const char *s, size_t n);
char *keel_strchr(const char *s, int c);
char *keel_strrchr(const char *s, int c);
char *keel_strstr(const char *h, const char *n);
size_t keel_strspn(const char *s, const char *a);
size_t keel_strcspn(const char *s, const char *r);
char *keel_strtok_r(char *s, const char *d, char **save);
char *keel_strdup(const char *s);
char *keel_strndup(const char *s, size_t n);
char *keel_strerror(int e);
long keel_strtol(const char *s, char **end, int base);
unsigned long keel_strtoul(const char *s, char **end, int base);
long long keel_strtoll(const char *s, char **end, int base);
unsigned long long keel_strtoull(const char *s, char **end, int base);
int keel_atoi(const char *s);
int *keel___errno_location(void);
void keel_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *keel_bsearch(const void *key, const void *base, size_t n, size_t size,
                   int (*cmp)(const void *, const void *));
void *keel_malloc(size_t n);
void *keel_calloc(size_t n, size_t size);
void *keel_realloc(void *p, size_t n);
void keel_free(void *p);
void *keel_aligned_alloc(size_t align, size_t n);
int keel_posix_memalign(void **p, size_t align, size_t n);
char *keel_getenv(const char *name);
extern char **keel_environ;
int keel_isalnum(int c), keel_isalpha(int c), keel_isblank(int c), keel_iscntrl(int c),
    keel_isdigit(int c), keel_isgraph(int c), keel_islower(int c), keel_isprint(int c),
    keel_ispunct(int c), keel_isspace(int c), keel_isupper(int c), keel_isxdigit(int c),
    keel_tolower(int c), keel_toupper(int c);

/* printf.c (linked in) writes streams through this */
size_t __libc_file_write(void *f, const char *s, size_t n)
{
    (void)f;
    fwrite(s, 1, n, stdout);
    return n;
}

void keel_abort(void)
{
    printf("FAIL: keel libc called abort()\n");
    exit(1);
}

static int failures, passes, group_failed;

static void fail(const char *name, const char *fmt, ...)
{
    va_list ap;
    printf("FAIL: %s: ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    failures++;
    group_failed = 1;
}

static void group_begin(void)
{
    group_failed = 0;
}

static void group_end(const char *name)
{
    if (!group_failed) {
        printf("PASS: %s\n", name);
        passes++;
    }
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void test_mem(void)
{
    group_begin();
    unsigned char a[300], b[300], c[300];
    for (size_t n = 0; n < 70; n++) {
        for (size_t off = 0; off < 9; off++) {
            for (size_t i = 0; i < sizeof(a); i++) {
                a[i] = b[i] = (unsigned char)(i * 7 + 3);
            }
            keel_memcpy(a + off, c + 100, n);
            memcpy(b + off, c + 100, n);
            if (memcmp(a, b, sizeof(a)) != 0) {
                fail("memcpy", "n=%zu off=%zu", n, off);
            }
            keel_memset(a + off, 0xa5, n);
            memset(b + off, 0xa5, n);
            if (memcmp(a, b, sizeof(a)) != 0) {
                fail("memset", "n=%zu off=%zu", n, off);
            }
            /* overlapping moves in both directions */
            for (size_t i = 0; i < sizeof(a); i++) {
                a[i] = b[i] = (unsigned char)i;
            }
            keel_memmove(a + 100 + off, a + 100, n);
            memmove(b + 100 + off, b + 100, n);
            keel_memmove(a + 10, a + 10 + off, n);
            memmove(b + 10, b + 10 + off, n);
            if (memcmp(a, b, sizeof(a)) != 0) {
                fail("memmove", "n=%zu off=%zu", n, off);
            }
            if (sign(keel_memcmp(a, a + off, n)) != sign(memcmp(a, a + off, n))) {
                fail("memcmp", "n=%zu off=%zu", n, off);
            }
        }
    }
    const char *s = "find the needle\0after";
    if (keel_memchr(s, 'n', 16) != memchr(s, 'n', 16) || keel_memchr(s, 'z', 16) != NULL ||
        keel_memchr(s, 'a', 21) != s + 16) {
        fail("memchr", "wrong result");
    }
    unsigned char hi[2] = { 0x80, 0x01 }, lo[2] = { 0x7f, 0x01 };
    if (keel_memcmp(hi, lo, 2) <= 0) {
        fail("memcmp", "bytes must compare as unsigned");
    }
    group_end("memcpy memmove memset memcmp memchr");
}

static void test_str(void)
{
    group_begin();
    static const char *const strs[] = { "", "a", "abc", "abd", "ab", "ABC", "hello world",
                                        "\x80high", "zzz" };
    size_t ns = sizeof(strs) / sizeof(strs[0]);
    for (size_t i = 0; i < ns; i++) {
        if (keel_strlen(strs[i]) != strlen(strs[i])) {
            fail("strlen", "\"%s\"", strs[i]);
        }
        if (keel_strnlen(strs[i], 2) != strnlen(strs[i], 2)) {
            fail("strnlen", "\"%s\"", strs[i]);
        }
        for (size_t j = 0; j < ns; j++) {
            if (sign(keel_strcmp(strs[i], strs[j])) != sign(strcmp(strs[i], strs[j]))) {
                fail("strcmp", "\"%s\" \"%s\"", strs[i], strs[j]);
            }
            for (size_t n = 0; n < 5; n++) {
                if (sign(keel_strncmp(strs[i], strs[j], n)) !=
                    sign(strncmp(strs[i], strs[j], n))) {
                    fail("strncmp", "\"%s\" \"%s\" %zu", strs[i], strs[j], n);
                }
            }
            if (sign(keel_strcasecmp(strs[i], strs[j])) != sign(strcasecmp(strs[i], strs[j]))) {
                fail("strcasecmp", "\"%s\" \"%s\"", strs[i], strs[j]);
            }
            if (keel_strstr(strs[i], strs[j]) != strstr(strs[i], strs[j])) {
                fail("strstr", "\"%s\" \"%s\"", strs[i], strs[j]);
            }
            if (keel_strspn(strs[i], strs[j]) != strspn(strs[i], strs[j]) ||
                keel_strcspn(strs[i], strs[j]) != strcspn(strs[i], strs[j])) {
                fail("strspn/strcspn", "\"%s\" \"%s\"", strs[i], strs[j]);
            }
        }
        for (int ch = 0; ch < 128; ch += 7) {
            if (keel_strchr(strs[i], ch) != strchr(strs[i], ch) ||
                keel_strrchr(strs[i], ch) != strrchr(strs[i], ch)) {
                fail("strchr/strrchr", "\"%s\" %d", strs[i], ch);
            }
        }
        if (keel_strchr(strs[i], 0) != strs[i] + strlen(strs[i])) {
            fail("strchr", "NUL must be found");
        }
    }
    char d1[32], d2[32];
    memset(d1, 'X', sizeof(d1));
    memset(d2, 'X', sizeof(d2));
    keel_strncpy(d1, "abc", 8);
    strncpy(d2, "abc", 8);
    if (memcmp(d1, d2, sizeof(d1)) != 0) {
        fail("strncpy", "padding");
    }
    keel_strncpy(d1, "abcdefghij", 4);
    strncpy(d2, "abcdefghij", 4);
    if (memcmp(d1, d2, sizeof(d1)) != 0) {
        fail("strncpy", "truncation");
    }
    keel_strcpy(d1, "foo");
    keel_strcat(d1, "bar");
    keel_strncat(d1, "bazqux", 3);
    if (strcmp(d1, "foobarbaz") != 0) {
        fail("strcpy/strcat/strncat", "\"%s\"", d1);
    }
    char *dup = keel_strdup("duplicate");
    char *ndup = keel_strndup("duplicate", 3);
    if (dup == NULL || strcmp(dup, "duplicate") != 0 || ndup == NULL || strcmp(ndup, "dup") != 0) {
        fail("strdup/strndup", "wrong copy");
    }
    keel_free(dup);
    keel_free(ndup);
    char tok[] = "  a,b,,c  ";
    char *save = NULL;
    const char *want[] = { "a", "b", "c" };
    int k = 0;
    for (char *t = keel_strtok_r(tok, " ,", &save); t != NULL; t = keel_strtok_r(NULL, " ,", &save)) {
        if (k >= 3 || strcmp(t, want[k]) != 0) {
            fail("strtok_r", "token %d \"%s\"", k, t);
        }
        k++;
    }
    if (k != 3) {
        fail("strtok_r", "%d tokens", k);
    }
    if (strcmp(keel_strerror(ENOMEM), "Cannot allocate memory") != 0 ||
        strcmp(keel_strerror(0), "Success") != 0 || strcmp(keel_strerror(9999), "Unknown error") != 0) {
        fail("strerror", "messages");
    }
    group_end("str* functions");
}

static void test_ctype(void)
{
    group_begin();
    for (int c = -1; c < 256; c++) {
        if (!!keel_isalnum(c) != !!isalnum(c) || !!keel_isalpha(c) != !!isalpha(c) ||
            !!keel_isblank(c) != !!isblank(c) || !!keel_iscntrl(c) != !!iscntrl(c) ||
            !!keel_isdigit(c) != !!isdigit(c) || !!keel_isgraph(c) != !!isgraph(c) ||
            !!keel_islower(c) != !!islower(c) || !!keel_isprint(c) != !!isprint(c) ||
            !!keel_ispunct(c) != !!ispunct(c) || !!keel_isspace(c) != !!isspace(c) ||
            !!keel_isupper(c) != !!isupper(c) || !!keel_isxdigit(c) != !!isxdigit(c) ||
            keel_tolower(c) != tolower(c) || keel_toupper(c) != toupper(c)) {
            fail("ctype", "character %d", c);
        }
    }
    group_end("ctype (C locale) matches the host for -1..255");
}

static void test_strtol(void)
{
    group_begin();
    static const char *const inputs[] = {
        "0", "1", "-1", "+5", "  42", "\t\n-17xyz", "0x1f", "0X1F", "0x", "0xg", "077", "08",
        "z", "Z", "zz", "123abc", "", "   ", "-", "+", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "99999999999999999999999",
        "-18446744073709551615", "-1", "0b101", "1010", "7fffffff", "ffffffffffffffff",
        "10000000000000000", "  -0x10", "0x7FFFFFFFFFFFFFFF",
    };
    static const int bases[] = { 0, 2, 8, 10, 16, 36 };
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
            const char *s = inputs[i];
            int base = bases[b];
            char *e1, *e2;
            errno = 0;
            *keel___errno_location() = 0;
            long r1 = strtol(s, &e1, base);
            int err1 = errno;
            long r2 = keel_strtol(s, &e2, base);
            int err2 = *keel___errno_location();
            if (r1 != r2 || e1 != e2 || err1 != err2) {
                fail("strtol", "\"%s\" base %d: host %ld end+%td errno %d, keel %ld end+%td errno %d",
                     s, base, r1, e1 - s, err1, r2, e2 - s, err2);
            }
            errno = 0;
            *keel___errno_location() = 0;
            unsigned long u1 = strtoul(s, &e1, base);
            err1 = errno;
            unsigned long u2 = keel_strtoul(s, &e2, base);
            err2 = *keel___errno_location();
            if (u1 != u2 || e1 != e2 || err1 != err2) {
                fail("strtoul", "\"%s\" base %d: host %lu end+%td errno %d, keel %lu end+%td errno %d",
                     s, base, u1, e1 - s, err1, u2, e2 - s, err2);
            }
            if (strtoll(s, &e1, base) != keel_strtoll(s, &e2, base) || e1 != e2) {
                fail("strtoll", "\"%s\" base %d", s, base);
            }
            if (strtoull(s, &e1, base) != keel_strtoull(s, &e2, base) || e1 != e2) {
                fail("strtoull", "\"%s\" base %d", s, base);
            }
        }
        if (atoi(inputs[i]) != keel_atoi(inputs[i]) && strlen(inputs[i]) < 10) {
            fail("atoi", "\"%s\"", inputs[i]);
        }
    }
    group_end("strtol strtoul strtoll strtoull atoi: values, end pointers, ERANGE");
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

struct rec {
    int key;
    char pad[13];
};

static int cmp_rec(const void *a, const void *b)
{
    return cmp_int(&((const struct rec *)a)->key, &((const struct rec *)b)->key);
}

static void test_qsort(void)
{
    group_begin();
    unsigned seed = 12345;
    for (int n = 0; n < 300; n += 7) {
        int v[300], w[300];
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            v[i] = w[i] = (int)(seed >> 16) % 50 - 25;
        }
        keel_qsort(v, (size_t)n, sizeof(int), cmp_int);
        qsort(w, (size_t)n, sizeof(int), cmp_int);
        if (memcmp(v, w, sizeof(int) * (size_t)n) != 0) {
            fail("qsort", "n=%d", n);
        }
        for (int i = 0; i < n; i++) {
            int *hit = keel_bsearch(&v[i], v, (size_t)n, sizeof(int), cmp_int);
            if (hit == NULL || *hit != v[i]) {
                fail("bsearch", "n=%d i=%d", n, i);
            }
        }
        int missing = 1000;
        if (keel_bsearch(&missing, v, (size_t)n, sizeof(int), cmp_int) != NULL) {
            fail("bsearch", "found a missing key");
        }
    }
    struct rec r[50];
    for (int i = 0; i < 50; i++) {
        r[i].key = (i * 37) % 50;
        memset(r[i].pad, r[i].key, sizeof(r[i].pad));
    }
    keel_qsort(r, 50, sizeof(r[0]), cmp_rec);
    for (int i = 0; i < 50; i++) {
        if (r[i].key != i || r[i].pad[12] != (char)i) {
            fail("qsort", "odd-sized records");
            break;
        }
    }
    group_end("qsort and bsearch");
}

static void test_malloc(void)
{
    group_begin();
    enum { SLOTS = 64 };
    unsigned char *p[SLOTS] = { 0 };
    size_t sz[SLOTS] = { 0 };
    unsigned seed = 99;
    for (int round = 0; round < 20000; round++) {
        seed = seed * 1103515245u + 12345u;
        int i = (int)(seed >> 16) % SLOTS;
        seed = seed * 1103515245u + 12345u;
        size_t n = (seed >> 16) % 3000;
        if (p[i] != NULL) {
            for (size_t k = 0; k < sz[i]; k++) {
                if (p[i][k] != (unsigned char)(i + k)) {
                    fail("malloc", "block %d corrupted at %zu", i, k);
                    return;
                }
            }
        }
        int op = (int)(seed >> 8) % 4;
        if (op == 0 && p[i] != NULL) {
            keel_free(p[i]);
            p[i] = NULL;
            continue;
        }
        if (op == 1 && p[i] != NULL) {
            unsigned char *q = keel_realloc(p[i], n + 1);
            if (q == NULL) {
                continue;       /* heap full: the old block is still valid */
            }
            size_t keep = sz[i] < n + 1 ? sz[i] : n + 1;
            for (size_t k = 0; k < keep; k++) {
                if (q[k] != (unsigned char)(i + k)) {
                    fail("realloc", "lost contents");
                    return;
                }
            }
            p[i] = q;
            sz[i] = n + 1;
        } else {
            if (p[i] != NULL) {
                keel_free(p[i]);
            }
            size_t align = op == 2 ? (size_t)64 << ((seed >> 4) % 6) : 16;
            p[i] = op == 2 ? keel_aligned_alloc(align, n) : keel_malloc(n);
            if (p[i] == NULL) {
                sz[i] = 0;
                continue;
            }
            if (((uintptr_t)p[i] & (align - 1)) != 0) {
                fail("aligned_alloc", "%p not aligned to %zu", (void *)p[i], align);
            }
            sz[i] = n;
        }
        for (size_t k = 0; k < sz[i]; k++) {
            p[i][k] = (unsigned char)(i + k);
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        keel_free(p[i]);
    }
    /* everything freed: the whole heap (256 KiB in this build) is one block again */
    void *all = keel_malloc(256 * 1024 - 16);
    if (all == NULL) {
        fail("malloc", "free blocks were not merged back");
    }
    keel_free(all);
    if (keel_malloc((size_t)1 << 40) != NULL || *keel___errno_location() != ENOMEM) {
        fail("malloc", "huge request must fail with ENOMEM");
    }
    unsigned char *z = keel_calloc(100, 10);
    for (int k = 0; z != NULL && k < 1000; k++) {
        if (z[k] != 0) {
            fail("calloc", "not zeroed");
            break;
        }
    }
    keel_free(z);
    if (keel_calloc(SIZE_MAX / 2, 4) != NULL) {
        fail("calloc", "overflow not detected");
    }
    void *pm = NULL;
    if (keel_posix_memalign(&pm, 4096, 100) != 0 || ((uintptr_t)pm & 4095) != 0) {
        fail("posix_memalign", "%p", pm);
    }
    keel_free(pm);
    if ((uintptr_t)keel_malloc(1) % 16 != 0) {
        fail("malloc", "not 16-byte aligned");
    }
    group_end("malloc/calloc/realloc/free/aligned_alloc: random workload, merging, alignment");
}

static void test_getenv(void)
{
    group_begin();
    char e0[] = "seL4=1", e1[] = "PATH=/x";
    char *env[] = { e0, e1, NULL };
    keel_environ = env;
    if (keel_getenv("seL4") == NULL || strcmp(keel_getenv("seL4"), "1") != 0 ||
        keel_getenv("PATH") != e1 + 5 || keel_getenv("PAT") != NULL || keel_getenv("x") != NULL) {
        fail("getenv", "lookup");
    }
    group_end("getenv");
}

int main(void)
{
    test_mem();
    test_str();
    test_ctype();
    test_strtol();
    test_qsort();
    test_malloc();
    test_getenv();
    printf("host_libc: %d passed, %d failed\n", passes, failures);
    return failures != 0;
}
