/* printf for the kernel: one formatter, two sinks (the console and a
 * buffer). Covers what seL4's kernel messages use; see printf.h. */
#include "printf.h"
#include "arch.h"

typedef struct sink {
    char *buf;          /* NULL: the console */
    size_t size, len;   /* len counts every byte produced, stored or not */
} sink_t;

static void emit(sink_t *s, char c)
{
    if (!s->buf)
        kputchar(c);
    else if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void emit_pad(sink_t *s, char c, int n)
{
    while (n-- > 0)
        emit(s, c);
}

void kputchar(char c)
{
    if (c == '\n')
        arch_serial_putc('\r');
    arch_serial_putc(c);
}

typedef struct spec {
    bool left, zero, alt, plus, space;
    int width, precision;   /* precision -1: none given */
} spec_t;

/* A string padded to the field width (precision already applied). */
static void emit_field(sink_t *s, const spec_t *sp, const char *str, int n)
{
    if (!sp->left)
        emit_pad(s, ' ', sp->width - n);
    for (int i = 0; i < n; i++)
        emit(s, str[i]);
    if (sp->left)
        emit_pad(s, ' ', sp->width - n);
}

/* An integer: sign or prefix, zero padding (precision, or the 0 flag), digits. */
static void emit_number(sink_t *s, const spec_t *sp, unsigned long long v, bool negative,
                        unsigned base, bool upper, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;
    while (v) {
        tmp[n++] = digits[v % base];
        v /= base;
    }
    if (sp->precision < 0 && n == 0)
        tmp[n++] = '0';                 /* %d of 0 prints "0"; "%.0d" prints nothing */
    int zeros = sp->precision > n ? sp->precision - n : 0;

    char sign = negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
    int plen = 0;
    while (prefix[plen])
        plen++;
    int total = n + zeros + (sign ? 1 : 0) + plen;
    if (sp->zero && !sp->left && sp->precision < 0 && sp->width > total) {
        zeros += sp->width - total;
        total = sp->width;
    }
    if (!sp->left)
        emit_pad(s, ' ', sp->width - total);
    if (sign)
        emit(s, sign);
    for (int i = 0; i < plen; i++)
        emit(s, prefix[i]);
    emit_pad(s, '0', zeros);
    while (n)
        emit(s, tmp[--n]);
    if (sp->left)
        emit_pad(s, ' ', sp->width - total);
}

static int parse_int(const char **p)
{
    int v = 0;
    while (**p >= '0' && **p <= '9')
        v = v * 10 + (*(*p)++ - '0');
    return v;
}

static void format(sink_t *s, const char *fmt, va_list ap)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            emit(s, *p);
            continue;
        }
        p++;
        spec_t sp = { .precision = -1 };
        for (;; p++) {
            if (*p == '-') sp.left = true;
            else if (*p == '0') sp.zero = true;
            else if (*p == '#') sp.alt = true;
            else if (*p == '+') sp.plus = true;
            else if (*p == ' ') sp.space = true;
            else break;
        }
        if (*p == '*') {
            sp.width = va_arg(ap, int);
            if (sp.width < 0) { sp.left = true; sp.width = -sp.width; }
            p++;
        } else {
            sp.width = parse_int(&p);
        }
        if (*p == '.') {
            p++;
            if (*p == '*') { sp.precision = va_arg(ap, int); p++; }
            else sp.precision = parse_int(&p);
            if (sp.precision < 0) sp.precision = -1;
        }
        int lng = 0;      /* -2 hh, -1 h, 0 int, 1 long, 2 long long */
        for (;; p++) {
            if (*p == 'l') lng++;
            else if (*p == 'h') lng--;
            else if (*p == 'z' || *p == 'j' || *p == 't') lng = 1;
            else break;
        }

        unsigned long long u;
        long long d;
        switch (*p) {
        case 'd': case 'i':
            d = lng >= 2 ? va_arg(ap, long long) : lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
            if (lng == -1) d = (short)d;
            if (lng <= -2) d = (signed char)d;
            emit_number(s, &sp, d < 0 ? -(unsigned long long)d : (unsigned long long)d, d < 0, 10, false, "");
            break;
        case 'u': case 'x': case 'X': case 'o':
            u = lng >= 2 ? va_arg(ap, unsigned long long) : lng == 1 ? va_arg(ap, unsigned long)
                                                                   : va_arg(ap, unsigned int);
            if (lng == -1) u = (unsigned short)u;
            if (lng <= -2) u = (unsigned char)u;
            if (*p == 'u')
                emit_number(s, &sp, u, false, 10, false, "");
            else if (*p == 'o')
                emit_number(s, &sp, u, false, 8, false, sp.alt && u ? "0" : "");
            else
                emit_number(s, &sp, u, false, 16, *p == 'X',
                            sp.alt && u ? (*p == 'X' ? "0X" : "0x") : "");
            break;
        case 'p': {
            void *ptr = va_arg(ap, void *);
            if (!ptr) {
                emit_field(s, &sp, "(nil)", 5);
            } else {
                sp.plus = sp.space = false;
                emit_number(s, &sp, (word_t)ptr, false, 16, false, "0x");
            }
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            emit_field(s, &sp, &c, 1);
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            int n = 0;
            while (str[n] && (sp.precision < 0 || n < sp.precision))
                n++;
            emit_field(s, &sp, str, n);
            break;
        }
        case '%':
            emit(s, '%');
            break;
        case '\0':
            return;
        default:                        /* unknown: print it as written */
            emit(s, '%');
            emit(s, *p);
            break;
        }
    }
}

int kvprintf(const char *fmt, va_list ap)
{
    sink_t s = { 0 };
    format(&s, fmt, ap);
    return (int)s.len;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    char dummy;
    sink_t s = { .buf = size ? buf : &dummy, .size = size };
    format(&s, fmt, ap);
    if (size)
        buf[MIN(s.len, size - 1)] = '\0';
    return (int)s.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
