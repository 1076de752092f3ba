/*
 * keel libc: qsort (heapsort: O(n log n), no recursion, no extra memory;
 * not stable, which C does not require) and bsearch.
 */
#include <stdlib.h>

static void swap(unsigned char *a, unsigned char *b, size_t size)
{
    while (size-- > 0) {
        unsigned char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

static void sift_down(unsigned char *base, size_t root, size_t n, size_t size,
                      int (*compar)(const void *, const void *))
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n) {
            return;
        }
        if (child + 1 < n && compar(base + child * size, base + (child + 1) * size) < 0) {
            child++;
        }
        if (compar(base + root * size, base + child * size) >= 0) {
            return;
        }
        swap(base + root * size, base + child * size, size);
        root = child;
    }
}

void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *))
{
    unsigned char *b = base;
    if (nmemb < 2 || size == 0) {
        return;
    }
    for (size_t i = nmemb / 2; i-- > 0;) {
        sift_down(b, i, nmemb, size, compar);
    }
    for (size_t end = nmemb - 1; end > 0; end--) {
        swap(b, b + end * size, size);
        sift_down(b, 0, end, size, compar);
    }
}

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
              int (*compar)(const void *, const void *))
{
    const unsigned char *b = base;
    size_t lo = 0, hi = nmemb;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compar(key, b + mid * size);
        if (c == 0) {
            return (void *)(b + mid * size);
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return NULL;
}
