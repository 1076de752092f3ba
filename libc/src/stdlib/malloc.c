/*
 * keel libc: malloc, calloc, realloc, free, aligned_alloc, posix_memalign,
 * memalign.
 *
 * A static heap (LIBC_HEAP_SIZE, 1 MiB unless the build says otherwise,
 * in .bss) split into blocks. Every block starts with a 16-byte header; free
 * blocks are kept in a list sorted by address and merged with free
 * neighbours, allocation is first fit. Payloads are 16-byte aligned.
 * Not thread-safe.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef LIBC_HEAP_SIZE
#define LIBC_HEAP_SIZE (1u << 20)
#endif

#define HDR sizeof(struct block)
#define MIN_BLOCK (2 * HDR)
#define USED_MARK ((struct block *)0x6b65656c75736564ul)    /* "keelused" */

struct block {
    size_t size;            /* whole block, header included; multiple of 16 */
    struct block *next;     /* free: next free block (by address); used: USED_MARK */
};

_Static_assert(sizeof(struct block) == 16, "block header is 16 bytes");

static unsigned char heap[LIBC_HEAP_SIZE] __attribute__((aligned(16)));
static struct block *free_list;
static int heap_ready;

static void heap_init(void)
{
    free_list = (struct block *)heap;
    free_list->size = LIBC_HEAP_SIZE & ~(size_t)15;
    free_list->next = NULL;
    heap_ready = 1;
}

/* Block size for a request of n bytes, or 0 if it cannot be represented. */
static size_t block_size(size_t n)
{
    if (n > LIBC_HEAP_SIZE) {
        return 0;
    }
    size_t need = (n + HDR + 15) & ~(size_t)15;
    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

static struct block *header_of(void *ptr)
{
    struct block *b = (struct block *)ptr - 1;
    if ((unsigned char *)b < heap || (unsigned char *)b >= heap + LIBC_HEAP_SIZE ||
        b->next != USED_MARK) {
        fprintf(stderr, "libc: free/realloc of invalid pointer %p\n", ptr);
        abort();
    }
    return b;
}

/* Put block b (not in the list) into the free list, merging neighbours. */
static void release(struct block *b)
{
    struct block *prev = NULL;
    struct block *cur = free_list;
    while (cur != NULL && cur < b) {
        prev = cur;
        cur = cur->next;
    }
    b->next = cur;
    if (cur != NULL && (unsigned char *)b + b->size == (unsigned char *)cur) {
        b->size += cur->size;
        b->next = cur->next;
    }
    if (prev != NULL) {
        prev->next = b;
        if ((unsigned char *)prev + prev->size == (unsigned char *)b) {
            prev->size += b->size;
            prev->next = b->next;
        }
    } else {
        free_list = b;
    }
}

/* Shrink used block b to `need` bytes, freeing the tail if it is big enough. */
static void trim(struct block *b, size_t need)
{
    if (b->size - need >= MIN_BLOCK) {
        struct block *tail = (struct block *)((unsigned char *)b + need);
        tail->size = b->size - need;
        b->size = need;
        release(tail);
    }
}

/*
 * First fit for `need` bytes whose payload is aligned to `align` (a power of
 * two, at least 16). Returns the used block or NULL.
 */
static struct block *take(size_t need, size_t align)
{
    if (!heap_ready) {
        heap_init();
    }
    struct block **link = &free_list;
    for (struct block *cur = free_list; cur != NULL; link = &cur->next, cur = cur->next) {
        uintptr_t base = (uintptr_t)cur;
        uintptr_t start = ((base + HDR + align - 1) & ~(uintptr_t)(align - 1)) - HDR;
        if (start != base && start - base < MIN_BLOCK) {
            start += align;     /* leave room for a free block in front */
        }
        if (start + need > base + cur->size) {
            continue;
        }
        size_t gap = start - base;
        struct block *b = (struct block *)start;
        size_t avail = cur->size - gap;
        struct block *after = cur->next;
        if (gap != 0) {
            cur->size = gap;        /* cur stays in the list, shortened */
            link = &cur->next;
        }
        if (avail - need >= MIN_BLOCK) {
            struct block *rest = (struct block *)(start + need);
            rest->size = avail - need;
            rest->next = after;
            *link = rest;
            b->size = need;
        } else {
            *link = after;
            b->size = avail;
        }
        b->next = USED_MARK;
        return b;
    }
    return NULL;
}

static void *alloc(size_t n, size_t align)
{
    size_t need = block_size(n);
    struct block *b = need != 0 ? take(need, align) : NULL;
    if (b == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    return b + 1;
}

void *malloc(size_t size)
{
    return alloc(size, 16);
}

void free(void *ptr)
{
    if (ptr != NULL) {
        release(header_of(ptr));
    }
}

void *calloc(size_t nmemb, size_t size)
{
    if (size != 0 && nmemb > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(nmemb * size);
    if (p != NULL) {
        memset(p, 0, nmemb * size);
    }
    return p;
}

void *realloc(void *ptr, size_t size)
{
    if (ptr == NULL) {
        return malloc(size);
    }
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    struct block *b = header_of(ptr);
    size_t need = block_size(size);
    if (need == 0) {
        errno = ENOMEM;
        return NULL;
    }
    if (need <= b->size) {
        trim(b, need);
        return ptr;
    }
    /* grow in place into a free block right after this one */
    struct block **link = &free_list;
    while (*link != NULL && *link < b) {
        link = &(*link)->next;
    }
    struct block *next = *link;
    if (next != NULL && (unsigned char *)b + b->size == (unsigned char *)next &&
        b->size + next->size >= need) {
        *link = next->next;
        b->size += next->size;
        trim(b, need);
        return ptr;
    }
    void *p = malloc(size);
    if (p != NULL) {
        memcpy(p, ptr, b->size - HDR);
        free(ptr);
    }
    return p;
}

void *aligned_alloc(size_t alignment, size_t size)
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
        errno = EINVAL;
        return NULL;
    }
    return alloc(size, alignment < 16 ? 16 : alignment);
}

void *memalign(size_t alignment, size_t size)
{
    return aligned_alloc(alignment, size);
}

int posix_memalign(void **memptr, size_t alignment, size_t size)
{
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) {
        return EINVAL;
    }
    void *p = aligned_alloc(alignment, size);
    if (p == NULL) {
        return ENOMEM;
    }
    *memptr = p;
    return 0;
}
