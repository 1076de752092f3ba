/*
 * libutils: integer arithmetic macros (seL4 util_libs' utils/arith.h).
 * The statement-expression forms evaluate each argument once.
 */
#pragma once

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <utils/attribute.h>
#include <utils/builtin.h>
#include <utils/stringify.h>
#include <utils/verification.h>

#define BIT(n) (1ul << (n))

#define MASK_UNSAFE(x) ((BIT(x) - 1ul))

/* n low bits set, for 1 <= n <= 64 (MASK(64) is all ones). */
#define MASK(n) \
    ({  __typeof__(n) _n = (n); \
        (void)assert(_n <= (sizeof(unsigned long) * 8)); \
        (void)assert(_n > 0); \
        MASK_UNSAFE(_n - 1) | BIT(_n - 1); \
    })

/* n is a multiple of 2^b. */
#define IS_ALIGNED(n, b) (!((n) & MASK(b)))

#define LOG_BASE_2(n) (sizeof(unsigned long) * CHAR_BIT - CLZL(n) - 1)

/* The next power of two strictly above x (32-bit). */
#define NEXT_POWER_OF_2(x) \
    ({ uint32_t _t = (uint32_t)(x); \
       _t |= (_t >> 1); \
       _t |= (_t >> 2); \
       _t |= (_t >> 4); \
       _t |= (_t >> 8); \
       _t |= (_t >> 16); \
       _t + 1; \
    })

#define IS_POWER_OF_2_OR_ZERO(x) (0 == ((x) & ((x) - 1)))
#define IS_POWER_OF_2(x) (((x) != 0) && IS_POWER_OF_2_OR_ZERO(x))

/* n must be a power of two for these two. */
#define ALIGN_UP(x, n) (((x) + (n) - 1) & ~((n) - 1))
#define ALIGN_DOWN(x, n) ((x) & ~((n) - 1))

#define ROUND_DOWN_UNSAFE(n, b) ((n) - ((n) % (b)))
#define ROUND_DOWN(n, b) \
    ({ __typeof__(n) _n = (n); \
       __typeof__(b) _b = (b); \
       _n - (_n % _b); \
    })

#define ROUND_UP_UNSAFE(n, b) ((n) + ((n) % (b) == 0 ? 0 : ((b) - ((n) % (b)))))
#define ROUND_UP(n, b) \
    ({ __typeof__(n) _n = (n); \
       __typeof__(b) _b = (b); \
       (_n + (_n % _b == 0 ? 0 : (_b - (_n % _b)))); \
    })

#define DIV_ROUND_UP(n, d) \
    ({ __typeof__(n) _n = (n); \
       __typeof__(d) _d = (d); \
       (_n / _d + (_n % _d == 0 ? 0 : 1)); \
    })

/* Divide and round to the nearest integer: DIV_ROUND(5, 2) == 3. */
#define DIV_ROUND_UNSAFE(n, d) \
    ({ __typeof__(n) _n = (n); \
       __typeof__(d) _d = (d); \
       ((_n + (_d / 2)) / _d); \
    })
#define DIV_ROUND(n, d) \
    ({ __typeof__(n) _n = (n); \
       __typeof__(d) _d = (d); \
       ((_n / _d) + ((_n % _d) >= _d / 2 ? 1 : 0)); \
    })

#define MIN(a, b) \
    ({ __typeof__(a) _a = (a); \
       __typeof__(b) _b = (b); \
       _a < _b ? _a : _b; })
#define MIN_UNSAFE(x, y) ((x) < (y) ? (x) : (y))

#define MAX(a, b) \
    ({ __typeof__(a) _a = (a); \
       __typeof__(b) _b = (b); \
       _a > _b ? _a : _b; })
#define MAX_UNSAFE(x, y) ((x) > (y) ? (x) : (y))

#define INRANGE(a, x, b) MIN(MAX(x, a), b)
#define ISINRANGE(a, x, b) \
    ({ __typeof__(x) _x = (x); \
       _x == INRANGE(a, _x, b); })

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))

/* CLAMP(-3, 7, 4) == 4 */
#define CLAMP(min, value, max) \
    ({  __typeof__(max) _max = (max); \
        __typeof__(min) _min = (min); \
        __typeof__(value) _value = (value); \
        if (_value > _max) { \
            _value = _max; \
        } else if (_value < _min) { \
            _value = _min; \
        } \
        _value; })

#define CLAMP_ADD(operand1, operand2, limit) \
    ({  __typeof__(operand1) _op1 = (operand1); \
        __typeof__(operand2) _op2 = (operand2); \
        __typeof__(limit) _limit = (limit); \
        _limit - _op2 < _op1 ? _limit : _op1 + _op2; })

#define CLAMP_SUB(operand1, operand2, limit) \
    ({  __typeof__(operand1) _op1 = (operand1); \
        __typeof__(operand2) _op2 = (operand2); \
        __typeof__(limit) _limit = (limit); \
        _limit + _op2 > _op1 ? _limit : _op1 - _op2; })

/* A padding member so the next field lands at offset `after` (packed structs). */
#define PAD_STRUCT_BETWEEN(before, after, type) \
    uint8_t JOIN(__padding, __COUNTER__)[(after) - (before) - sizeof(type)]
