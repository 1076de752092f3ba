/* libutils: GUARD(x): assert x, and never continue past it if it is false. */
#pragma once

#include <assert.h>

#define GUARD(x) \
    do { \
        assert(x); \
        if (!(x)) { \
            for (;;) { \
            } \
        } \
    } while (0)
