/* libutils: compiler builtins (seL4 util_libs' utils/builtin.h). */
#pragma once

#include <assert.h>

#define CTZ(x)                   __builtin_ctz(x)
#define CLZ(x)                   __builtin_clz(x)
#define CTZL(x)                  __builtin_ctzl(x)
#define CLZL(x)                  __builtin_clzl(x)
#define CTZLL(x)                 __builtin_ctzll(x)
#define CLZLL(x)                 __builtin_clzll(x)
#define POPCOUNT(x)              __builtin_popcount(x)
#define POPCOUNTL(x)             __builtin_popcountl(x)
#define OFFSETOF(type, member)   __builtin_offsetof(type, member)
#define TYPES_COMPATIBLE(t1, t2) __builtin_types_compatible_p(t1, t2)
#define CHOOSE_EXPR(cond, x, y)  __builtin_choose_expr(cond, x, y)
#define IS_CONSTANT(expr)        __builtin_constant_p(expr)

#define UNREACHABLE() \
    do { \
        assert(!"unreachable"); \
        __builtin_unreachable(); \
    } while (0)

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
