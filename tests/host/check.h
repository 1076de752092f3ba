/* Minimal check helpers for host unit tests. Each check prints one line,
 * "PASS: <name>" or "FAIL: <name>: <detail>"; check_exit() returns the
 * status for main (nonzero if any check failed). */
#pragma once

#include <stdio.h>
#include <stdarg.h>

static int check_failures;

__attribute__((format(printf, 3, 4)))
static void check_report(int ok, const char *name, const char *fmt, ...)
{
    if (ok) {
        printf("PASS: %s\n", name);
        return;
    }
    check_failures++;
    printf("FAIL: %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* Compare two integers (any integer type, compared as unsigned 64-bit). */
#define CHECK_EQ(name, got, want)                                                  \
    do {                                                                           \
        unsigned long long g_ = (unsigned long long)(got);                         \
        unsigned long long w_ = (unsigned long long)(want);                        \
        check_report(g_ == w_, (name), "got %#llx (%lld), want %#llx (%lld)",      \
                     g_, (long long)g_, w_, (long long)w_);                        \
    } while (0)

#define CHECK(name, cond) check_report(!!(cond), (name), "%s", "condition false: " #cond)

static inline int check_exit(void)
{
    return check_failures ? 1 : 0;
}
