/* libutils: short names for gcc attributes (seL4 util_libs' utils/attribute.h). */
#pragma once

#ifndef __has_attribute
#define __has_attribute(attrib) 0
#endif

#define ALIAS(sym)              __attribute__((alias(#sym)))
#define ALIGN(n)                __attribute__((__aligned__(n)))
#define ALLOC_SIZE(args...)     __attribute__((alloc_size(args)))
#define ALLOC_ALIGN(arg)        __attribute__((alloc_align(arg)))
#define ASSUME_ALIGNED(args...) __attribute__((assume_aligned(args)))
#define ALWAYS_INLINE           __attribute__((always_inline))
#define NO_INLINE               __attribute__((noinline))
#define CLEANUP(fn)             __attribute__((cleanup(fn)))
#define COLD                    __attribute__((cold))
#define HOT                     __attribute__((hot))
#define DEPRECATED(msg)         __attribute__((deprecated(msg)))
#define ERROR(msg)              __attribute__((error(msg)))
#define WARNING(msg)            __attribute__((warning(msg)))
#define MALLOC                  __attribute__((malloc))
#define NONNULL(args...)        __attribute__((__nonnull__(args)))
#define NONNULL_ALL             __attribute__((__nonnull__))
#define NORETURN                __attribute__((__noreturn__))
#define PACKED                  __attribute__((__packed__))
#define FORMAT(archetype, string_index, first_to_check) \
    __attribute__((format(archetype, string_index, first_to_check)))
#define SECTION(sect)           __attribute__((section(sect)))
#define SENTINEL(param)         __attribute__((sentinel(param)))
#define SENTINEL_LAST           __attribute__((sentinel))
#define UNUSED                  __attribute__((__unused__))
#define USED                    __attribute__((__used__))
#define VISIBLE                 __attribute__((__externally_visible__))
#define WARN_UNUSED_RESULT      __attribute__((warn_unused_result))
#define WEAK                    __attribute__((weak))
#define CONSTRUCTOR(priority)   __attribute__((constructor(priority)))
#define DESTRUCTOR(priority)    __attribute__((destructor(priority)))
#define RETURNS_NONNULL         __attribute__((returns_nonnull))

/* libsel4's sel4/macros.h defines these too; define them only once. */
#ifndef PURE
#define PURE                    __attribute__((__pure__))
#endif
#ifndef CONST
#define CONST                   __attribute__((__const__))
#endif
