/*
 * vka: cspacepath_t, the address of one CSlot (or of a window of slots).
 *
 * A slot can be named two ways, and seL4 invocations use both:
 *   - "invoke" form: capPtr resolved to capDepth bits in the CSpace whose
 *     root is `root` (what CNode_Copy/Mint/Delete... take);
 *   - "destination" form: the CNode `dest` (resolved to destDepth bits from
 *     `root`) and the slot `offset` inside it (what Untyped_Retype takes).
 * `window` is the number of consecutive slots described (1 for one slot).
 */
#pragma once

#include <inttypes.h>
#include <sel4/sel4.h>

typedef struct _cspacepath_t {
    seL4_CPtr capPtr;       /* the slot, as a CPtr */
    seL4_Word capDepth;     /* bits of capPtr to resolve */
    seL4_CNode root;        /* root CNode of the CSpace */
    seL4_Word dest;         /* CNode that holds the slot (CPtr from root) */
    seL4_Word destDepth;    /* bits of dest to resolve */
    seL4_Word offset;       /* index of the slot inside dest */
    seL4_Word window;       /* number of slots starting at offset */
} cspacepath_t;

static inline void cspacepath_swap(cspacepath_t *a, cspacepath_t *b)
{
    cspacepath_t tmp = *a;
    *a = *b;
    *b = tmp;
}

#ifdef DEBUG
#include <stdio.h>
#define CSPACEPATHPRINT printf
#else
#define CSPACEPATHPRINT(...) do { } while (0)
#endif

static inline void cspacepath_t_print(const cspacepath_t *src)
{
    (void)src;
    CSPACEPATHPRINT("capPtr:     0x%" PRIxPTR "\n", (uintptr_t)src->capPtr);
    CSPACEPATHPRINT("capDepth:   0x%" PRIxPTR "\n", (uintptr_t)src->capDepth);
    CSPACEPATHPRINT("root:       0x%" PRIxPTR "\n", (uintptr_t)src->root);
    CSPACEPATHPRINT("dest:       0x%" PRIxPTR "\n", (uintptr_t)src->dest);
    CSPACEPATHPRINT("destDepth:  0x%" PRIxPTR "\n", (uintptr_t)src->destDepth);
    CSPACEPATHPRINT("offset:     0x%" PRIxPTR "\n", (uintptr_t)src->offset);
    CSPACEPATHPRINT("window:     0x%" PRIxPTR "\n", (uintptr_t)src->window);
}
