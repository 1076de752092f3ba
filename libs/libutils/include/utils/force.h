/* libutils: FORCE_READ(p): read *p even if the compiler thinks it is unused. */
#pragma once

#define FORCE_READ(address) \
    do { \
        __typeof__(*(address)) *_ptr = (address); \
        __asm__ __volatile__("" : : "r"(*_ptr)); \
    } while (0)
