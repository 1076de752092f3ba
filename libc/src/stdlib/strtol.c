/*
 * keel libc: strtol, strtoul, strtoll, strtoull, strtoimax, strtoumax, atoi,
 * atol, atoll.
 *
 * One parser for all of them: optional white space and sign, base 2..36 or
 * 0 (prefix decides: 0x hex, 0 octal, else decimal). On overflow the result
 * is clamped and errno is ERANGE. As C requires, strtoul("-1") is ULONG_MAX.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

static int digit_value(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    return 99;
}

/*
 * Parses the magnitude into *mag (saturating at `limit`, setting *overflow)
 * and the sign into *neg. Returns where parsing stopped (nptr if no digits).
 */
static const char *parse(const char *nptr, int base, unsigned long long limit,
                         unsigned long long *mag, int *neg, int *overflow)
{
    const char *s = nptr;
    *mag = 0;
    *neg = 0;
    *overflow = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        return nptr;
    }
    while (isspace((unsigned char)*s)) {
        s++;
    }
    if (*s == '+' || *s == '-') {
        *neg = *s == '-';
        s++;
    }
    if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
        digit_value((unsigned char)s[2]) < 16) {
        s += 2;
        base = 16;
    } else if (base == 0) {
        base = s[0] == '0' ? 8 : 10;
    }
    const char *digits = s;
    unsigned long long v = 0;
    int d;
    while ((d = digit_value((unsigned char)*s)) < base) {
        if (v > (limit - (unsigned)d) / (unsigned)base) {
            *overflow = 1;
            v = limit;
        } else if (!*overflow) {
            v = v * (unsigned)base + (unsigned)d;
        }
        s++;
    }
    if (s == digits) {
        return nptr;
    }
    *mag = v;
    return s;
}

static long long to_signed(const char *nptr, char **endptr, int base, long long min,
                           long long max)
{
    unsigned long long mag;
    int neg, overflow;
    const char *end = parse(nptr, base, (unsigned long long)max + 1, &mag, &neg, &overflow);
    if (endptr != NULL) {
        *endptr = (char *)end;
    }
    if (overflow || (!neg && mag > (unsigned long long)max)) {
        errno = ERANGE;
        return neg ? min : max;
    }
    return neg ? (long long)(0 - mag) : (long long)mag;
}

static unsigned long long to_unsigned(const char *nptr, char **endptr, int base,
                                      unsigned long long max)
{
    unsigned long long mag;
    int neg, overflow;
    const char *end = parse(nptr, base, max, &mag, &neg, &overflow);
    if (endptr != NULL) {
        *endptr = (char *)end;
    }
    if (overflow) {
        errno = ERANGE;
        return max;
    }
    return neg ? (0 - mag) & max : mag;
}

long strtol(const char *restrict nptr, char **restrict endptr, int base)
{
    return (long)to_signed(nptr, endptr, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict nptr, char **restrict endptr, int base)
{
    return to_signed(nptr, endptr, base, LLONG_MIN, LLONG_MAX);
}

intmax_t strtoimax(const char *restrict nptr, char **restrict endptr, int base)
{
    return to_signed(nptr, endptr, base, INTMAX_MIN, INTMAX_MAX);
}

unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base)
{
    return (unsigned long)to_unsigned(nptr, endptr, base, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base)
{
    return to_unsigned(nptr, endptr, base, ULLONG_MAX);
}

uintmax_t strtoumax(const char *restrict nptr, char **restrict endptr, int base)
{
    return to_unsigned(nptr, endptr, base, UINTMAX_MAX);
}

int atoi(const char *nptr)
{
    return (int)strtol(nptr, NULL, 10);
}

long atol(const char *nptr)
{
    return strtol(nptr, NULL, 10);
}

long long atoll(const char *nptr)
{
    return strtoll(nptr, NULL, 10);
}
