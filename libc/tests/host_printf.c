/*
 * Host tests of keel libc's printf engine (libc/src/stdio/format.c) and of
 * the printf family built on it (printf.c, compiled with its functions
 * renamed keel_*: see run.sh).
 *
 * Most cases are compared with the host C library's snprintf (glibc), which
 * keel's printf follows; a few check fixed expectations (%p of NULL is
 * "(nil)", %#lx of 0 is "0"). Prints "PASS: name" / "FAIL: name: detail"
 * and exits nonzero if anything failed.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../src/stdio/format.h"

/* keel's printf family (printf.c with renamed symbols) */
int keel_snprintf(char *str, size_t size, const char *fmt, ...);
int keel_vsnprintf(char *str, size_t size, const char *fmt, va_list ap);
int keel_sprintf(char *str, const char *fmt, ...);
int keel_fprintf(void *stream, const char *fmt, ...);
int keel_asprintf(char **strp, const char *fmt, ...);
void keel_free(void *ptr);

/* keel's malloc calls keel_abort on a bad pointer */
void keel_abort(void)
{
    printf("FAIL: keel libc called abort()\n");
    exit(1);
}

static int failures;
static int passes;

/* ------------------------------------------------------------- capture sink */

struct capture {
    char buf[8192];
    size_t len;
    int pieces;
};

static void capture_sink(void *ctx, const char *s, size_t n)
{
    struct capture *c = ctx;
    c->pieces++;
    for (size_t i = 0; i < n; i++) {
        if (c->len < sizeof(c->buf) - 1) {
            c->buf[c->len++] = s[i];
        }
    }
    c->buf[c->len] = '\0';
}

static int keel_format(struct capture *c, const char *fmt, va_list ap)
{
    c->len = 0;
    c->pieces = 0;
    c->buf[0] = '\0';
    return __keel_vformat(capture_sink, c, fmt, ap);
}

/* Stream writes made by keel_fprintf land here (printf.c calls this). */
static struct capture stream_out;
static int stream_writes;

size_t __libc_file_write(void *f, const char *s, size_t n)
{
    (void)f;
    stream_writes++;
    capture_sink(&stream_out, s, n);
    return n;
}

/* ------------------------------------------------------------- checks */

static int group_failed;

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

/* Format with both keel and the host; they must agree on text and count. */
static void same(const char *fmt, ...)
{
    char want[8192];
    struct capture got;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int wn = vsnprintf(want, sizeof(want), fmt, ap);
    int gn = keel_format(&got, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    if (strcmp(want, got.buf) != 0 || wn != gn) {
        fail("same-as-host", "format \"%s\": host \"%s\" (%d), keel \"%s\" (%d)", fmt, want, wn,
             got.buf, gn);
    }
}

/* keel must produce exactly `want`. */
static void expect(const char *want, const char *fmt, ...)
{
    struct capture got;
    va_list ap;
    va_start(ap, fmt);
    int gn = keel_format(&got, fmt, ap);
    va_end(ap);
    if (strcmp(want, got.buf) != 0 || gn != (int)strlen(want)) {
        fail("expected", "format \"%s\": want \"%s\", keel \"%s\" (%d)", fmt, want, got.buf, gn);
    }
}

/* ------------------------------------------------------------- generated integer cases */

static const char *const int_flags[] = {
    "", "-", "+", " ", "#", "0", "-+", "+0", " 0", "#0", "-#", "+ ", "-0", "#-0+ ",
};
static const char *const widths[] = { "", "1", "5", "12", "25" };
static const char *const precs[] = { "", ".", ".0", ".1", ".3", ".10", ".22" };

static void test_integers(void)
{
    static const long long values[] = {
        0, 1, -1, 7, 8, 9, 10, 42, -42, 97, 255, 256, 0x61, 4095, 65535, 65536, -65536,
        100000, 2147483647LL, -2147483647LL - 1, 4294967295LL, 4294967296LL,
        1234567890123LL, -1234567890123LL, LLONG_MAX, LLONG_MIN,
    };
    static const char *const lengths[] = { "hh", "h", "", "l", "ll", "z", "j", "t" };
    static const char convs[] = "diuoxX";
    char fmt[64];

    group_begin();
    for (size_t c = 0; c < sizeof(convs) - 1; c++) {
        for (size_t l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++) {
            for (size_t f = 0; f < sizeof(int_flags) / sizeof(int_flags[0]); f++) {
                for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
                    for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++) {
                        snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", int_flags[f], widths[w],
                                 precs[p], lengths[l], convs[c]);
                        for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
                            if (l <= 2) {
                                same(fmt, (int)values[v]);
                            } else {
                                same(fmt, (long long)values[v]);
                            }
                        }
                    }
                }
            }
        }
    }
    group_end("integers: d i u o x X x flags x width x precision x length");
}

static void test_star(void)
{
    group_begin();
    for (int w = -12; w <= 12; w += 3) {
        for (int p = -2; p <= 6; p += 2) {
            same("[%*d]", w, 42);
            same("[%-*d]", w, -42);
            same("[%.*d]", p, 42);
            same("[%*.*x]", w, p, 0xabc);
            same("[%0*.*d]", w, p, -7);
            same("[%*s]", w, "abc");
            same("[%.*s]", p, "abcdefgh");
            same("[%*.*s]", w, p, "abcdefgh");
            same("[%*c]", w, 'q');
            same("[%*p]", w, (void *)0x1234);
            same("[%*.*f]", w, p, 3.14159);
        }
    }
    group_end("'*' width and precision (negative width = '-', negative precision = none)");
}

static void test_strings_chars(void)
{
    group_begin();
    static const char *const strs[] = { "", "a", "hello", "hello, world", "tab\there" };
    char fmt[64];
    for (size_t s = 0; s < sizeof(strs) / sizeof(strs[0]); s++) {
        for (size_t f = 0; f < sizeof(int_flags) / sizeof(int_flags[0]); f++) {
            for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
                for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++) {
                    snprintf(fmt, sizeof(fmt), "[%%%s%s%ss]", int_flags[f], widths[w], precs[p]);
                    same(fmt, strs[s]);
                }
                snprintf(fmt, sizeof(fmt), "[%%%s%sc]", int_flags[f], widths[w]);
                same(fmt, 'x');
                same(fmt, 0x141);   /* converted to unsigned char */
            }
        }
    }
    same("%s", (char *)NULL);
    same("[%10s]", (char *)NULL);
    same("[%-10s]", (char *)NULL);
    same("[%.3s]", (char *)NULL);
    same("[%.6s]", (char *)NULL);
    same("[%.8s]", (char *)NULL);
    same("%c%c%c", 'a', 'b', 'c');
    same("[%c]", 0);
    same("[%ls]", L"wide");
    same("[%8.2ls]", L"wide");
    same("[%lc]", (wint_t)'w');
    group_end("strings and characters (%s %c %ls %lc, NULL string)");
}

static void test_pointers(void)
{
    group_begin();
    void *ptrs[] = { (void *)1, (void *)0x61, (void *)0x400000, (void *)0xdeadbeef,
                     (void *)0x7fffffffe000, (void *)UINTPTR_MAX };
    for (size_t i = 0; i < sizeof(ptrs) / sizeof(ptrs[0]); i++) {
        same("%p", ptrs[i]);
        same("[%20p]", ptrs[i]);
        same("[%-20p]", ptrs[i]);
        same("[%020p]", ptrs[i]);
        same("[%.12p]", ptrs[i]);
        same("[%+p]", ptrs[i]);
        same("[% p]", ptrs[i]);
    }
    same("%p", (void *)NULL);
    same("[%10p]", (void *)NULL);
    same("[%-10p]", (void *)NULL);
    same("[%010p]", (void *)NULL);
    expect("(nil)", "%p", (void *)NULL);
    expect("[     (nil)]", "[%10p]", (void *)NULL);
    expect("0x400000", "%p", (void *)0x400000);
    expect("0xdeadbeef", "%p", (void *)0xdeadbeef);
    group_end("pointers: %p is 0x + lowercase hex, NULL prints (nil)");
}

static void test_tutorial_formats(void)
{
    group_begin();
    /* what the seL4 tutorials print */
    expect("0", "%#lx", 0ul);
    expect("0x61", "%#lx", 0x61ul);
    expect("0x6161", "%#lx", 0x6161ul);
    expect("0xffffffffffff9e9e", "%#lx", ~0x6161ul);
    expect("main: got a reply: 0xffffffffffff9e9e\n", "main: got a reply: %#lx\n", ~0x6161ul);
    expect("thread_2: got a message 0x6161 from 0x61\n",
           "thread_2: got a message %#lx from %#lx\n", 0x6161ul, 0x61ul);
    same("%zu", (size_t)12345);
    same("%8p\t%16p\t2^%d\t%s\n", (void *)0x100000, (void *)0x200000, 21, "RAM");
    same("0x%lx | %d | %d\n", 0x1ffe0000ul, 17, 1);
    same("Initial CNode is %lu slots in size\n", 65536ul);
    same("%5%");
    same("%-5%");
    same("100%%");
    same("%d%%", 50);
    same("no conversions at all");
    same("");
    same("[%y]");
    group_end("formats the tutorials use, '%%', unknown conversions");
}

static void test_n(void)
{
    group_begin();
    int n = -1;
    signed char hh = -1;
    short h = -1;
    long l = -1;
    long long ll = -1;
    size_t z = 0;
    char buf[64];
    int r = keel_snprintf(buf, sizeof(buf), "abc%n%hhn%hn%ln%lln%zn!", &n, &hh, &h, &l, &ll, &z);
    if (r != 4 || n != 3 || hh != 3 || h != 3 || l != 3 || ll != 3 || z != 3 ||
        strcmp(buf, "abc!") != 0) {
        fail("%n", "r=%d n=%d hh=%d h=%d l=%ld ll=%lld z=%zu \"%s\"", r, n, hh, h, l, ll, z, buf);
    }
    group_end("%n stores the count so far (all lengths)");
}

/* "%#.Ng" where rounding carries into a new leading digit: glibc is wrong there. */
static int glibc_hash_g_bug(const char *flags, const char *prec, char conv, double v)
{
    char a[64], b[64];
    if ((conv != 'g' && conv != 'G') || strchr(flags, '#') == NULL) {
        return 0;
    }
    int p = prec[0] == '.' ? atoi(prec + 1) : 6;
    snprintf(a, sizeof(a), "%.*e", p == 0 ? 0 : p - 1, v);
    snprintf(b, sizeof(b), "%.*e", 17, v);
    return a[0] != b[0];    /* the leading digit changed while rounding */
}

static void test_floats(void)
{
    group_begin();
    static const double values[] = {
        0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 3.5, 0.125, 0.375, 2.675, 1.005, 3.14159265358979,
        -2.25, 9.5, 99.5, 999.9999, 0.1, 0.2, 0.3, 1e-5, 1.5e-5, 123.456, 1e10, 1e15, 1e16,
        1.23456789e17, 1e21, 1e22, 1e100, 1e300, 1.7976931348623157e308, 2.2250738585072014e-308,
        4.9406564584124654e-324, 5e-324 * 3, 0.000123456, 6.02214076e23, 1.0 / 3.0, 2.0 / 3.0,
        65536.0, 4294967296.0, 18446744073709551616.0, 0.05, 0.15, 0.25, 0.35, 12345678.9,
    };
    static const char *const fflags[] = { "", "-", "+", " ", "#", "0", "+0", "-#", "#0" };
    static const char *const fwidths[] = { "", "8", "20" };
    static const char *const fprecs[] = { "", ".0", ".1", ".2", ".3", ".6", ".10", ".17", ".25" };
    static const char convs[] = "fFeEgGaA";
    char fmt[64];
    for (size_t c = 0; c < sizeof(convs) - 1; c++) {
        for (size_t f = 0; f < sizeof(fflags) / sizeof(fflags[0]); f++) {
            for (size_t w = 0; w < sizeof(fwidths) / sizeof(fwidths[0]); w++) {
                for (size_t p = 0; p < sizeof(fprecs) / sizeof(fprecs[0]); p++) {
                    snprintf(fmt, sizeof(fmt), "[%%%s%s%s%c]", fflags[f], fwidths[w], fprecs[p],
                             convs[c]);
                    for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
                        if (glibc_hash_g_bug(fflags[f], fprecs[p], convs[c], values[v])) {
                            continue;   /* see the expect()s below */
                        }
                        same(fmt, values[v]);
                        same(fmt, -values[v]);
                    }
                }
            }
        }
    }
    same("%f %e %g", INFINITY, -INFINITY, NAN);
    same("[%10f][%-10F][%010e][%+G]", INFINITY, -INFINITY, INFINITY, NAN);
    same("%.300f", 1e-300);
    same("%.400f", 4.9406564584124654e-324);
    same("%f", 1e308);
    /*
     * glibc prints "%#.2g" of 99.5 as "1.e+02": after rounding up to the next
     * power of ten it drops the digits '#' must keep. C11 7.21.6.1 says
     * "1.0e+02"; keel follows the standard here.
     */
    expect("1.0e+02", "%#.2g", 99.5);
    expect("-1.00e+03", "%#.3g", -999.9999);
    expect("1.0", "%#.2g", 0.999);
    same("%Lf", (long double)2.5);
    same("%.3Le", (long double)12345.678);
    group_end("floating point: f F e E g G a A, inf/nan (exact decimal conversion)");
}

/* ------------------------------------------------------------- the printf family */

static void test_family(void)
{
    group_begin();
    char buf[32];
    int r;

    memset(buf, 'X', sizeof(buf));
    r = keel_snprintf(buf, 8, "%s", "hello, world");
    if (r != 12 || strcmp(buf, "hello, ") != 0) {
        fail("snprintf truncation", "r=%d buf=\"%s\"", r, buf);
    }
    memset(buf, 'X', sizeof(buf));
    r = keel_snprintf(buf, 1, "%d", 12345);
    if (r != 5 || buf[0] != '\0' || buf[1] != 'X') {
        fail("snprintf size 1", "r=%d", r);
    }
    memset(buf, 'X', sizeof(buf));
    r = keel_snprintf(buf, 0, "%d", 12345);
    if (r != 5 || buf[0] != 'X') {
        fail("snprintf size 0", "r=%d", r);
    }
    r = keel_snprintf(NULL, 0, "%s-%d", "abc", 42);
    if (r != 6) {
        fail("snprintf NULL, 0", "r=%d", r);
    }
    r = keel_snprintf(buf, sizeof(buf), "%s-%d", "abc", 42);
    if (r != 6 || strcmp(buf, "abc-42") != 0) {
        fail("snprintf fits", "r=%d buf=\"%s\"", r, buf);
    }
    memset(buf, 'X', sizeof(buf));
    r = keel_snprintf(buf, 7, "%s-%d", "abc", 42);
    if (r != 6 || strcmp(buf, "abc-42") != 0) {
        fail("snprintf exact fit", "r=%d buf=\"%s\"", r, buf);
    }
    memset(buf, 'X', sizeof(buf));
    r = keel_snprintf(buf, 6, "%s-%d", "abc", 42);
    if (r != 6 || strcmp(buf, "abc-4") != 0) {
        fail("snprintf one short", "r=%d buf=\"%s\"", r, buf);
    }
    r = keel_sprintf(buf, "%05d|%-4s|%x", 42, "ab", 255);
    if (r != 13 || strcmp(buf, "00042|ab  |ff") != 0) {
        fail("sprintf", "r=%d buf=\"%s\"", r, buf);
    }
    char *s = NULL;
    r = keel_asprintf(&s, "%s %d %p", "asprintf", 7, (void *)NULL);
    if (r != 16 || s == NULL || strcmp(s, "asprintf 7 (nil)") != 0) {
        fail("asprintf", "r=%d s=\"%s\"", r, s ? s : "(null)");
    }
    keel_free(s);

    /* fprintf hands everything to the stream before returning, in chunks */
    char big[1000];
    memset(big, 'b', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    stream_out.len = 0;
    stream_writes = 0;
    r = keel_fprintf(NULL, "<%s>%d\n", big, 12);
    char want[1100];
    snprintf(want, sizeof(want), "<%s>%d\n", big, 12);
    if (r != (int)strlen(want) || strcmp(stream_out.buf, want) != 0) {
        fail("fprintf long output", "r=%d len=%zu", r, stream_out.len);
    }
    if (stream_writes < 2) {
        fail("fprintf chunks", "expected several writes for 1 KB, got %d", stream_writes);
    }
    stream_out.len = 0;
    stream_writes = 0;
    r = keel_fprintf(NULL, "x=%d\n", 5);
    if (r != 4 || strcmp(stream_out.buf, "x=5\n") != 0 || stream_writes != 1) {
        fail("fprintf short output", "r=%d writes=%d \"%s\"", r, stream_writes, stream_out.buf);
    }
    group_end("snprintf/sprintf/asprintf/fprintf: truncation, return values, streaming");
}

int main(void)
{
    test_integers();
    test_star();
    test_strings_chars();
    test_pointers();
    test_tutorial_formats();
    test_n();
    test_floats();
    test_family();
    printf("host_printf: %d passed, %d failed\n", passes, failures);
    return failures != 0;
}
