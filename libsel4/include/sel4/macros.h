/* Attribute and helper macros used throughout libsel4 (seL4's names). */
#pragma once

#include <autoconf.h>

#ifndef CONST
#define CONST __attribute__((__const__))
#endif
#ifndef PURE
#define PURE __attribute__((__pure__))
#endif

#define SEL4_PACKED                 __attribute__((packed))
#define SEL4_DEPRECATED(x)          __attribute__((deprecated(x)))
#define SEL4_DEPRECATE_MACRO(x)     _Pragma("deprecated") x
#define SEL4_OFFSETOF(type, member) __builtin_offsetof(type, member)

#define LIBSEL4_UNUSED   __attribute__((unused))
#define LIBSEL4_WEAK     __attribute__((weak))
#define LIBSEL4_NOINLINE __attribute__((noinline))

/* keel's libsel4 is header-only apart from two variables: every function
 * is static inline. */
#define LIBSEL4_INLINE      static inline
#define LIBSEL4_INLINE_FUNC static inline

/* keel: helpers that must disappear into their callers. */
#define KEEL_ALWAYS_INLINE static inline __attribute__((__always_inline__))

#define SEL4_COMPILE_ASSERT(name, expr) _Static_assert(expr, #name);

#define SEL4_SIZE_SANITY(index, entry, size) \
    SEL4_COMPILE_ASSERT(index##_##entry##_##size, (index) + (entry) == size)

/* Keep every enum the size of a long, as the kernel ABI expects. */
#define SEL4_FORCE_LONG_ENUM(type) \
    _enum_pad_ ## type = ((1ULL << ((sizeof(long) * 8) - 1)) - 1)

#define LIBSEL4_BIT(n) (1ul << (n))
