/* Basic kernel types and helpers shared by every kernel file. */
#pragma once
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint64_t word_t;
typedef int64_t sword_t;
typedef word_t paddr_t;   /* physical address */
typedef word_t vptr_t;    /* user virtual address */
typedef word_t pptr_t;    /* kernel-window virtual address of a kernel object */
typedef word_t cptr_t;    /* user capability pointer */

#define WORD_BITS 64
#define WORD_SIZE_BITS 3

/* All of physical memory (up to 4 GiB, see docs/boot.md) is mapped at
 * PPTR_BASE; the kernel image itself is linked at KERNEL_ELF_BASE + its
 * physical address. */
#define PPTR_BASE       0xffffff8000000000ul
#define KERNEL_ELF_BASE 0xffffffff80000000ul
#define KERNEL_WINDOW_SIZE (4ul << 30)

#define BIT(n)          (1ul << (n))
#define MASK(n)         (BIT(n) - 1ul)
#define ROUND_DOWN(x,n) ((x) & ~MASK(n))
#define ROUND_UP(x,n)   (((x) + MASK(n)) & ~MASK(n))
#define IS_ALIGNED(x,n) (((x) & MASK(n)) == 0)
#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define MIN(a,b)        ((a) < (b) ? (a) : (b))
#define MAX(a,b)        ((a) > (b) ? (a) : (b))

#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)
#define NORETURN        __attribute__((noreturn))
#define PACKED          __attribute__((packed))
#define ALIGN(n)        __attribute__((aligned(n)))
#define UNUSED          __attribute__((unused))
#define SECTION(s)      __attribute__((section(s)))
#define FORCE_INLINE    inline __attribute__((always_inline))

static inline void *ptr_from_paddr(paddr_t p) { return (void *)(p + PPTR_BASE); }
static inline paddr_t paddr_from_pptr(const void *p) { return (word_t)p - PPTR_BASE; }
static inline paddr_t paddr_from_kimg(const void *p) { return (word_t)p - KERNEL_ELF_BASE; }

#define compile_assert(name, cond) _Static_assert(cond, #name)
