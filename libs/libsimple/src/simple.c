/* simple: helpers built on the simple_t accessors. */
#include <simple/simple.h>

seL4_CPtr simple_last_valid_cap(simple_t *simple)
{
    seL4_CPtr largest = 0;
    int count = simple_get_cap_count(simple);
    for (int i = 0; i < count; i++) {
        seL4_CPtr cap = simple_get_nth_cap(simple, i);
        if (cap > largest) {
            largest = cap;
        }
    }
    return largest;
}

int simple_is_untyped_cap(simple_t *simple, seL4_CPtr pos)
{
    int count = simple_get_untyped_count(simple);
    for (int i = 0; i < count; i++) {
        size_t size_bits;
        uintptr_t paddr;
        bool device;
        if (simple_get_nth_untyped(simple, i, &size_bits, &paddr, &device) == pos) {
            return 1;
        }
    }
    return 0;
}
