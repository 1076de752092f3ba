/*
 * keel libc: the printf formatting engine shared by every printf-family
 * function. See format.h; stdio.h lists what is supported.
 *
 * Integers follow C11 7.21.6.1 and glibc where the standard leaves room:
 * "%p" is "%#lx" except that NULL prints "(nil)"; "%s" of NULL prints
 * "(null)" (or nothing when the precision is below 6); "%5%" prints "%";
 * an unknown conversion is copied through verbatim.
 *
 * Floating point is converted exactly (a small base-10^9 big number holds the
 * decimal expansion of the double), then rounded half-to-even like glibc.
 * long double arguments are narrowed to double.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "format.h"

enum {
    F_MINUS = 1 << 0,   /* '-': left-justify */
    F_PLUS  = 1 << 1,   /* '+': always print a sign */
    F_SPACE = 1 << 2,   /* ' ': space in place of a '+' */
    F_HASH  = 1 << 3,   /* '#': alternative form */
    F_ZERO  = 1 << 4,   /* '0': pad with zeros */
    F_UPPER = 1 << 5,   /* conversion letter was upper case */
};

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_LD };

struct spec {
    int flags;
    long width;         /* 0 if none */
    long prec;          /* -1 if none */
    enum length len;
    char conv;
};

struct out {
    __keel_format_sink sink;    /* NULL: only count */
    void *ctx;
    size_t count;
};

static void emit(struct out *o, const char *s, size_t n)
{
    if (n == 0) {
        return;
    }
    if (o->sink) {
        o->sink(o->ctx, s, n);
    }
    o->count += n;
}

static void emit_char(struct out *o, char c)
{
    emit(o, &c, 1);
}

static void pad(struct out *o, char c, long n)
{
    static const char spaces[16] = "                ";
    static const char zeros[16] = "0000000000000000";
    while (n > 0) {
        size_t k = n > 16 ? 16 : (size_t)n;
        emit(o, c == '0' ? zeros : spaces, k);
        n -= (long)k;
    }
}

static size_t cstrlen(const char *s, long max)
{
    size_t n = 0;
    while ((max < 0 || (long)n < max) && s[n] != '\0') {
        n++;
    }
    return n;
}

/* A string field: width padding with spaces only, as glibc does. */
static void put_string(struct out *o, const struct spec *sp, const char *s, size_t n)
{
    long padn = sp->width > (long)n ? sp->width - (long)n : 0;
    if (!(sp->flags & F_MINUS)) {
        pad(o, ' ', padn);
    }
    emit(o, s, n);
    if (sp->flags & F_MINUS) {
        pad(o, ' ', padn);
    }
}

/*
 * Lay out a field made of a prefix (sign, "0x"), `zeros` leading zeros and
 * a body of `body_len` characters produced by `body(o, arg)`.
 * `zero_pad` says whether the '0' flag may fill the width.
 */
static void put_field(struct out *o, const struct spec *sp, const char *prefix, size_t np,
                      long zeros, long body_len, int zero_pad,
                      void (*body)(struct out *, const void *), const void *arg)
{
    long len = (long)np + zeros + body_len;
    long fill = sp->width > len ? sp->width - len : 0;
    if (sp->flags & F_MINUS) {
        emit(o, prefix, np);
        pad(o, '0', zeros);
        body(o, arg);
        pad(o, ' ', fill);
    } else if (zero_pad && (sp->flags & F_ZERO)) {
        emit(o, prefix, np);
        pad(o, '0', zeros + fill);
        body(o, arg);
    } else {
        pad(o, ' ', fill);
        emit(o, prefix, np);
        pad(o, '0', zeros);
        body(o, arg);
    }
}

struct digits {
    const char *s;
    size_t n;
};

static void body_digits(struct out *o, const void *arg)
{
    const struct digits *d = arg;
    emit(o, d->s, d->n);
}

/* d i u o x X p: `neg` only for signed conversions of negative values. */
static void put_integer(struct out *o, const struct spec *sp, uintmax_t v, int neg,
                        unsigned base, int is_signed)
{
    const char *digs = (sp->flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];           /* 2^64 in octal is 22 digits */
    char *end = buf + sizeof(buf);
    char *p = end;
    int nonzero = v != 0;
    while (v != 0) {
        *--p = digs[v % base];
        v /= base;
    }
    size_t nd = (size_t)(end - p);

    char prefix[3];
    size_t np = 0;
    if (is_signed) {
        if (neg) {
            prefix[np++] = '-';
        } else if (sp->flags & F_PLUS) {
            prefix[np++] = '+';
        } else if (sp->flags & F_SPACE) {
            prefix[np++] = ' ';
        }
    }
    if (base == 16 && (sp->flags & F_HASH) && nonzero) {
        prefix[np++] = '0';
        prefix[np++] = (sp->flags & F_UPPER) ? 'X' : 'x';
    }

    long prec = sp->prec < 0 ? 1 : sp->prec;
    long zeros = prec > (long)nd ? prec - (long)nd : 0;
    if (base == 8 && (sp->flags & F_HASH) && zeros == 0 && (nd == 0 || *p != '0')) {
        zeros = 1;      /* '#' with 'o': the first digit is a zero */
    }
    struct digits d = { p, nd };
    put_field(o, sp, prefix, np, zeros, (long)nd, sp->prec < 0, body_digits, &d);
}

/* ------------------------------------------------------------------ floating point */

/*
 * Exact decimal expansion of a finite, non-negative double:
 * value = 0.D1 D2 ... Dn * 10^pos, D1 != 0 (or "0", pos 1 for zero),
 * trailing zeros removed. m * 2^e is multiplied out in base 10^9.
 */
#define DEC_LIMBS 96        /* 5^1074 * 2^53 has 767 decimal digits: 86 limbs */
#define DEC_DIGITS (DEC_LIMBS * 9)

struct decimal {
    char d[DEC_DIGITS];
    int n;
    int pos;
};

static void decimal_expand(double x, struct decimal *dec)
{
    union {
        double f;
        uint64_t u;
    } bits = { x };
    uint64_t frac = bits.u & ((UINT64_C(1) << 52) - 1);
    int bexp = (int)((bits.u >> 52) & 0x7ff);
    uint64_t m;
    int e;

    if (bexp == 0) {
        m = frac;
        e = -1074;
    } else {
        m = frac | (UINT64_C(1) << 52);
        e = bexp - 1075;
    }
    if (m == 0) {
        dec->d[0] = '0';
        dec->n = 1;
        dec->pos = 1;
        return;
    }
    while ((m & 1) == 0) {
        m >>= 1;
        e++;
    }

    uint32_t limb[DEC_LIMBS];   /* little-endian base 10^9 */
    int nl = 0;
    while (m != 0) {
        limb[nl++] = (uint32_t)(m % 1000000000u);
        m /= 1000000000u;
    }

    int k = 0;                  /* value = N / 10^k */
    if (e > 0) {
        while (e > 0) {
            int s = e > 29 ? 29 : e;
            uint64_t carry = 0;
            for (int i = 0; i < nl; i++) {
                uint64_t t = ((uint64_t)limb[i] << s) + carry;
                limb[i] = (uint32_t)(t % 1000000000u);
                carry = t / 1000000000u;
            }
            while (carry != 0) {
                limb[nl++] = (uint32_t)(carry % 1000000000u);
                carry /= 1000000000u;
            }
            e -= s;
        }
    } else if (e < 0) {
        k = -e;
        int left = k;
        while (left > 0) {
            int s = left > 13 ? 13 : left;
            uint64_t mul = 1;
            for (int i = 0; i < s; i++) {
                mul *= 5;
            }
            uint64_t carry = 0;
            for (int i = 0; i < nl; i++) {
                uint64_t t = (uint64_t)limb[i] * mul + carry;
                limb[i] = (uint32_t)(t % 1000000000u);
                carry = t / 1000000000u;
            }
            while (carry != 0) {
                limb[nl++] = (uint32_t)(carry % 1000000000u);
                carry /= 1000000000u;
            }
            left -= s;
        }
    }

    /* N to a digit string, most significant first. */
    int n = 0;
    char tmp[9];
    uint32_t top = limb[nl - 1];
    int t = 0;
    while (top != 0) {
        tmp[t++] = (char)('0' + top % 10);
        top /= 10;
    }
    while (t > 0) {
        dec->d[n++] = tmp[--t];
    }
    for (int i = nl - 2; i >= 0; i--) {
        uint32_t v = limb[i];
        for (int j = 8; j >= 0; j--) {
            dec->d[n + j] = (char)('0' + v % 10);
            v /= 10;
        }
        n += 9;
    }
    dec->pos = n - k;
    while (n > 1 && dec->d[n - 1] == '0') {
        n--;
    }
    dec->n = n;
}

/* Keep the first `keep` digits, rounding half to even. */
static void decimal_round(struct decimal *dec, long keep)
{
    if (keep >= dec->n) {
        return;
    }
    if (keep < 0) {
        dec->d[0] = '0';
        dec->n = 1;
        dec->pos = 1;
        return;
    }
    char r = dec->d[keep];
    int up;
    if (r > '5') {
        up = 1;
    } else if (r < '5') {
        up = 0;
    } else if (keep + 1 < dec->n) {
        up = 1;                 /* more nonzero digits follow (zeros are stripped) */
    } else {
        up = keep > 0 && ((dec->d[keep - 1] - '0') & 1);
    }
    dec->n = (int)keep;
    if (up) {
        long i = keep - 1;
        while (i >= 0 && dec->d[i] == '9') {
            dec->d[i] = '0';
            i--;
        }
        if (i >= 0) {
            dec->d[i]++;
        } else {
            /* carried out of the first digit: 99.9 -> 100 */
            dec->d[0] = '1';
            dec->n = 1;
            dec->pos++;
            return;
        }
    }
    while (dec->n > 1 && dec->d[dec->n - 1] == '0') {
        dec->n--;
    }
    if (dec->n == 0) {
        /* rounded down to nothing (keep == 0) */
        dec->d[0] = '0';
        dec->n = 1;
        dec->pos = 1;
    }
}

struct fbody {
    const struct decimal *dec;
    long prec;          /* digits after the point */
    int point;          /* print the decimal point */
    int exp_style;      /* 1: d.ddde+XX */
    int upper;
    int zero;           /* the value is zero (decimal "0") */
};

static char dec_digit(const struct decimal *dec, long i)
{
    return (i >= 0 && i < dec->n) ? dec->d[i] : '0';
}

static void body_float(struct out *o, const void *arg)
{
    const struct fbody *b = arg;
    const struct decimal *dec = b->dec;
    if (b->exp_style) {
        emit_char(o, dec->d[0]);
        if (b->point) {
            emit_char(o, '.');
        }
        for (long i = 1; i <= b->prec; i++) {
            emit_char(o, dec_digit(dec, i));
        }
        long x = b->zero ? 0 : dec->pos - 1;
        char ebuf[8];
        int ne = 0;
        ebuf[ne++] = b->upper ? 'E' : 'e';
        ebuf[ne++] = x < 0 ? '-' : '+';
        unsigned long ax = x < 0 ? (unsigned long)-x : (unsigned long)x;
        char tmp[5];
        int nt = 0;
        do {
            tmp[nt++] = (char)('0' + ax % 10);
            ax /= 10;
        } while (ax != 0);
        if (nt < 2) {
            tmp[nt++] = '0';
        }
        while (nt > 0) {
            ebuf[ne++] = tmp[--nt];
        }
        emit(o, ebuf, (size_t)ne);
    } else {
        long ip = b->zero ? 1 : dec->pos;     /* digits before the point */
        if (ip <= 0) {
            emit_char(o, '0');
        } else {
            long avail = ip < dec->n ? ip : dec->n;
            emit(o, dec->d, (size_t)avail);
            pad(o, '0', ip - avail);
        }
        if (b->point) {
            emit_char(o, '.');
        }
        long i = 0;
        /* leading zeros of a value below 1 */
        if (ip < 0) {
            long z = -ip < b->prec ? -ip : b->prec;
            pad(o, '0', z);
            i = z;
        }
        for (; i < b->prec; i++) {
            long idx = b->zero ? -1 : ip + i;
            if (idx >= dec->n) {
                pad(o, '0', b->prec - i);
                break;
            }
            emit_char(o, dec_digit(dec, idx));
        }
    }
}

static void put_float_special(struct out *o, const struct spec *sp, const char *prefix,
                              size_t np, const char *word)
{
    struct digits d = { word, 3 };
    put_field(o, sp, prefix, np, 0, 3, 0, body_digits, &d);
}

static void put_hexfloat(struct out *o, const struct spec *sp, double x, const char *sign, size_t ns)
{
    union {
        double f;
        uint64_t u;
    } bits = { x };
    uint64_t mant = bits.u & ((UINT64_C(1) << 52) - 1);
    int bexp = (int)((bits.u >> 52) & 0x7ff);
    int upper = sp->flags & F_UPPER;
    const char *digs = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned lead;
    long e;

    if (bexp == 0) {
        lead = 0;
        e = mant == 0 ? 0 : -1022;
    } else {
        lead = 1;
        e = bexp - 1023;
    }

    long nd;            /* hex digits after the point */
    if (sp->prec < 0) {
        nd = 13;
        while (nd > 0 && ((mant >> ((13 - nd) * 4)) & 0xf) == 0) {
            nd--;
        }
    } else if (sp->prec < 13) {
        nd = sp->prec;
        int shift = (int)(13 - nd) * 4;
        uint64_t rem = mant & ((UINT64_C(1) << shift) - 1);
        uint64_t half = UINT64_C(1) << (shift - 1);
        mant >>= shift;
        /* ties go to the even digit: the last kept one, or the leading one */
        if (rem > half || (rem == half && ((nd == 0 ? lead : mant) & 1))) {
            mant++;
            if (mant >> (nd * 4)) {
                lead++;
                mant &= (UINT64_C(1) << (nd * 4)) - 1;
            }
        }
        mant <<= shift;
    } else {
        nd = sp->prec;
    }

    char buf[80];
    int n = 0;
    buf[n++] = digs[lead];
    if (nd > 0 || (sp->flags & F_HASH)) {
        buf[n++] = '.';
    }
    long extra = 0;
    for (long i = 0; i < nd; i++) {
        if (i < 13) {
            buf[n++] = digs[(mant >> ((12 - i) * 4)) & 0xf];
        } else {
            extra = nd - 13;
            break;
        }
    }
    char ebuf[8];
    int ne = 0;
    ebuf[ne++] = upper ? 'P' : 'p';
    ebuf[ne++] = e < 0 ? '-' : '+';
    unsigned long ae = e < 0 ? (unsigned long)-e : (unsigned long)e;
    char tmp[6];
    int nt = 0;
    do {
        tmp[nt++] = (char)('0' + ae % 10);
        ae /= 10;
    } while (ae != 0);
    while (nt > 0) {
        ebuf[ne++] = tmp[--nt];
    }

    char prefix[4];
    size_t np = 0;
    for (size_t i = 0; i < ns; i++) {
        prefix[np++] = sign[i];
    }
    prefix[np++] = '0';
    prefix[np++] = upper ? 'X' : 'x';

    long len = (long)np + n + extra + ne;
    long fill = sp->width > len ? sp->width - len : 0;
    if (!(sp->flags & F_MINUS) && !(sp->flags & F_ZERO)) {
        pad(o, ' ', fill);
    }
    emit(o, prefix, np);
    if (!(sp->flags & F_MINUS) && (sp->flags & F_ZERO)) {
        pad(o, '0', fill);
    }
    emit(o, buf, (size_t)n);
    pad(o, '0', extra);
    emit(o, ebuf, (size_t)ne);
    if (sp->flags & F_MINUS) {
        pad(o, ' ', fill);
    }
}

/* f F e E g G a A. Kept out of line: its big-number buffer is ~1.3 KiB. */
static __attribute__((noinline)) void put_float(struct out *o, const struct spec *sp, double x)
{
    union {
        double f;
        uint64_t u;
    } bits = { x };
    int neg = (int)(bits.u >> 63);
    char sign[1];
    size_t ns = 0;
    if (neg) {
        sign[ns++] = '-';
        bits.u &= ~(UINT64_C(1) << 63);
        x = bits.f;
    } else if (sp->flags & F_PLUS) {
        sign[ns++] = '+';
    } else if (sp->flags & F_SPACE) {
        sign[ns++] = ' ';
    }

    int upper = sp->flags & F_UPPER;
    if (((bits.u >> 52) & 0x7ff) == 0x7ff) {
        int is_nan = (bits.u & ((UINT64_C(1) << 52) - 1)) != 0;
        put_float_special(o, sp, sign, ns,
                          is_nan ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        return;
    }

    char conv = sp->conv;
    if (conv == 'a' || conv == 'A') {
        put_hexfloat(o, sp, x, sign, ns);
        return;
    }

    struct decimal dec;
    decimal_expand(x, &dec);
    int zero = dec.d[0] == '0';
    long prec = sp->prec < 0 ? 6 : sp->prec;
    struct fbody b = { &dec, prec, 0, 0, upper, zero };

    if (conv == 'f' || conv == 'F') {
        if (!zero) {
            decimal_round(&dec, dec.pos + prec);
            zero = dec.d[0] == '0';
        }
        b.zero = zero;
    } else if (conv == 'e' || conv == 'E') {
        if (!zero) {
            decimal_round(&dec, prec + 1);
        }
        b.exp_style = 1;
    } else {    /* g G */
        long p = prec == 0 ? 1 : prec;
        long xexp = 0;
        if (!zero) {
            decimal_round(&dec, p);
            xexp = dec.pos - 1;
        }
        if (p > xexp && xexp >= -4) {
            b.prec = p - 1 - xexp;
        } else {
            b.prec = p - 1;
            b.exp_style = 1;
        }
        if (!(sp->flags & F_HASH)) {
            /* drop trailing zeros: only the significant digits remain */
            long sig = zero ? 0 : dec.n;            /* digits D1..Dn */
            long frac = b.exp_style ? sig - 1 : sig - (zero ? 1 : dec.pos);
            if (frac < 0) {
                frac = 0;
            }
            if (frac < b.prec) {
                b.prec = frac;
            }
        }
    }
    b.point = b.prec > 0 || (sp->flags & F_HASH);

    struct out counter = { 0, 0, 0 };
    body_float(&counter, &b);
    put_field(o, sp, sign, ns, 0, (long)counter.count, 1, body_float, &b);
}

/* ------------------------------------------------------------------ the interpreter */

static int parse_int(const char **pp, long *value)
{
    const char *p = *pp;
    long v = 0;
    int any = 0;
    while (*p >= '0' && *p <= '9') {
        if (v < 100000000) {
            v = v * 10 + (*p - '0');
        }
        p++;
        any = 1;
    }
    *pp = p;
    *value = v;
    return any;
}

int __keel_vformat(__keel_format_sink sink, void *ctx, const char *fmt, va_list ap_in)
{
    struct out o = { sink, ctx, 0 };
    va_list ap;
    va_copy(ap, ap_in);

    const char *p = fmt;
    while (*p != '\0') {
        if (*p != '%') {
            const char *q = p;
            while (*q != '\0' && *q != '%') {
                q++;
            }
            emit(&o, p, (size_t)(q - p));
            p = q;
            continue;
        }
        const char *start = p++;
        struct spec sp = { 0, 0, -1, LEN_NONE, 0 };

        for (;; p++) {
            if (*p == '-') {
                sp.flags |= F_MINUS;
            } else if (*p == '+') {
                sp.flags |= F_PLUS;
            } else if (*p == ' ') {
                sp.flags |= F_SPACE;
            } else if (*p == '#') {
                sp.flags |= F_HASH;
            } else if (*p == '0') {
                sp.flags |= F_ZERO;
            } else {
                break;
            }
        }
        if (*p == '*') {
            int w = va_arg(ap, int);
            if (w < 0) {
                sp.flags |= F_MINUS;
                sp.width = -(long)w;
            } else {
                sp.width = w;
            }
            p++;
        } else {
            parse_int(&p, &sp.width);
        }
        if (*p == '.') {
            p++;
            if (*p == '*') {
                int pr = va_arg(ap, int);
                sp.prec = pr < 0 ? -1 : pr;
                p++;
            } else {
                parse_int(&p, &sp.prec);
            }
        }
        switch (*p) {
        case 'h':
            p++;
            sp.len = LEN_H;
            if (*p == 'h') {
                p++;
                sp.len = LEN_HH;
            }
            break;
        case 'l':
            p++;
            sp.len = LEN_L;
            if (*p == 'l') {
                p++;
                sp.len = LEN_LL;
            }
            break;
        case 'q':
            p++;
            sp.len = LEN_LL;
            break;
        case 'j':
            p++;
            sp.len = LEN_J;
            break;
        case 'z':
        case 'Z':
            p++;
            sp.len = LEN_Z;
            break;
        case 't':
            p++;
            sp.len = LEN_T;
            break;
        case 'L':
            p++;
            sp.len = LEN_LD;
            break;
        default:
            break;
        }
        if (sp.flags & F_MINUS) {
            sp.flags &= ~F_ZERO;
        }
        if (sp.flags & F_PLUS) {
            sp.flags &= ~F_SPACE;
        }

        sp.conv = *p;
        if (sp.conv >= 'A' && sp.conv <= 'Z') {
            sp.flags |= F_UPPER;
        }
        switch (sp.conv) {
        case 'd':
        case 'i': {
            intmax_t v;
            switch (sp.len) {
            case LEN_HH: v = (signed char)va_arg(ap, int); break;
            case LEN_H:  v = (short)va_arg(ap, int); break;
            case LEN_L:  v = va_arg(ap, long); break;
            case LEN_LL:
            case LEN_LD: v = va_arg(ap, long long); break;
            case LEN_J:  v = va_arg(ap, intmax_t); break;
            case LEN_Z:  v = va_arg(ap, long); break;  /* signed size_t */
            case LEN_T:  v = va_arg(ap, ptrdiff_t); break;
            default:     v = va_arg(ap, int); break;
            }
            uintmax_t mag = v < 0 ? -(uintmax_t)v : (uintmax_t)v;
            put_integer(&o, &sp, mag, v < 0, 10, 1);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            uintmax_t v;
            switch (sp.len) {
            case LEN_HH: v = (unsigned char)va_arg(ap, unsigned int); break;
            case LEN_H:  v = (unsigned short)va_arg(ap, unsigned int); break;
            case LEN_L:  v = va_arg(ap, unsigned long); break;
            case LEN_LL:
            case LEN_LD: v = va_arg(ap, unsigned long long); break;
            case LEN_J:  v = va_arg(ap, uintmax_t); break;
            case LEN_Z:  v = va_arg(ap, size_t); break;
            case LEN_T:  v = (uintmax_t)va_arg(ap, ptrdiff_t); break;
            default:     v = va_arg(ap, unsigned int); break;
            }
            unsigned base = sp.conv == 'u' ? 10 : sp.conv == 'o' ? 8 : 16;
            put_integer(&o, &sp, v, 0, base, 0);
            break;
        }
        case 'p': {
            void *ptr = va_arg(ap, void *);
            if (ptr == NULL) {
                put_string(&o, &sp, "(nil)", 5);
            } else {
                sp.flags |= F_HASH;
                sp.flags &= ~F_UPPER;
                put_integer(&o, &sp, (uintptr_t)ptr, 0, 16, 1);
            }
            break;
        }
        case 'c':
        case 'C': {
            char c = (char)va_arg(ap, int);     /* also wint_t for %lc: ASCII only */
            put_string(&o, &sp, &c, 1);
            break;
        }
        case 's':
        case 'S':
            if (sp.len == LEN_L || sp.conv == 'S') {
                /* wide string, narrowed byte by byte (ASCII only) */
                const int *ws = va_arg(ap, const int *);
                if (ws == NULL) {
                    size_t n = (sp.prec < 0 || sp.prec >= 6) ? 6 : 0;
                    put_string(&o, &sp, "(null)", n);
                    break;
                }
                size_t n = 0;
                while ((sp.prec < 0 || (long)n < sp.prec) && ws[n] != 0) {
                    n++;
                }
                long fill = sp.width > (long)n ? sp.width - (long)n : 0;
                if (!(sp.flags & F_MINUS)) {
                    pad(&o, ' ', fill);
                }
                for (size_t i = 0; i < n; i++) {
                    emit_char(&o, (char)ws[i]);
                }
                if (sp.flags & F_MINUS) {
                    pad(&o, ' ', fill);
                }
            } else {
                const char *s = va_arg(ap, const char *);
                if (s == NULL) {
                    s = (sp.prec < 0 || sp.prec >= 6) ? "(null)" : "";
                }
                put_string(&o, &sp, s, cstrlen(s, sp.prec));
            }
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A': {
            double x;
            if (sp.len == LEN_LD) {
                x = (double)va_arg(ap, long double);
            } else {
                x = va_arg(ap, double);
            }
            put_float(&o, &sp, x);
            break;
        }
        case 'n': {
            void *dst = va_arg(ap, void *);
            size_t c = o.count;
            switch (sp.len) {
            case LEN_HH: *(signed char *)dst = (signed char)c; break;
            case LEN_H:  *(short *)dst = (short)c; break;
            case LEN_L:  *(long *)dst = (long)c; break;
            case LEN_LL:
            case LEN_LD: *(long long *)dst = (long long)c; break;
            case LEN_J:  *(intmax_t *)dst = (intmax_t)c; break;
            case LEN_Z:  *(size_t *)dst = c; break;
            case LEN_T:  *(ptrdiff_t *)dst = (ptrdiff_t)c; break;
            default:     *(int *)dst = (int)c; break;
            }
            break;
        }
        case '%':
            emit_char(&o, '%');
            break;
        case '\0':
            /* a lone '%' at the end: print it */
            emit(&o, start, (size_t)(p - start));
            continue;
        default:
            /* unknown conversion: copy the whole specification */
            emit(&o, start, (size_t)(p + 1 - start));
            break;
        }
        p++;
    }
    va_end(ap);
    return o.count > (size_t)__INT_MAX__ ? -1 : (int)o.count;
}
