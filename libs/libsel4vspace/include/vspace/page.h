/* vspace: page sizes of this architecture. */
#pragma once

#include <stddef.h>
#include <utils/util.h>
#include <vspace/arch/page.h>

#define SEL4_NUM_PAGE_SIZES ((int) ARRAY_SIZE(sel4_page_sizes))

/* Whether size_bits is a page size of this architecture. */
static inline bool sel4_valid_size_bits(size_t size_bits)
{
    for (int i = 0; i < SEL4_NUM_PAGE_SIZES; i++) {
        if (sel4_page_sizes[i] == size_bits) {
            return true;
        }
    }
    return false;
}

/* The largest page size that fits in `bytes` (0 if none). */
static inline int sel4_page_size_bits_for_memory_region(size_t bytes)
{
    for (int i = SEL4_NUM_PAGE_SIZES - 1; i >= 0; i--) {
        if (bytes >= BIT(sel4_page_sizes[i])) {
            return (int)sel4_page_sizes[i];
        }
    }
    return 0;
}
