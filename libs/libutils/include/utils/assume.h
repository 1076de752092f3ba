/* libutils: ASSUME(x): tell the compiler x holds (undefined behaviour if not). */
#pragma once

#define ASSUME(x) \
    do { \
        if (!(x)) { \
            __builtin_unreachable(); \
        } \
    } while (0)
