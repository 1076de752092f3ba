/*
 * keel libc: <assert.h>.
 *
 * A failed assert prints
 *     Assertion failed: <expr> (<file>: <function>: <line>)
 * on stderr and calls abort(). No include guard: the C standard lets a
 * program re-include <assert.h> after changing NDEBUG.
 */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
    ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _KEEL_ASSERT_H
#define _KEEL_ASSERT_H

#if !defined(__cplusplus) && !defined(static_assert)
#define static_assert _Static_assert
#endif

_Noreturn void __assert_fail(const char *expr, const char *file, int line,
                             const char *func);

#endif /* _KEEL_ASSERT_H */
