/*
 * simple: a uniform view of the resources a program starts with.
 *
 * A simple_t is a table of functions plus a cookie (`data`); an
 * implementation fills it in (simple-default does it from the root task's
 * seL4_BootInfo). Allocators and helpers then ask it for the initial caps,
 * the CNode size, the untypeds, the user-image frames and so on, without
 * knowing where they came from. Every accessor below logs and returns a
 * "nothing" value (seL4_CapNull, -1, NULL, seL4_InvalidArgument) when the
 * implementation does not provide that function.
 */
#pragma once

#include <autoconf.h>
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sel4/sel4.h>
#include <sel4/macros.h>
#include <utils/util.h>
#include <vka/cspacepath_t.h>
#include <simple/arch/simple.h>

/* Put a cap to the frame at paddr (2^size_bits bytes) into path. */
typedef seL4_Error (*simple_get_frame_cap_fn)(void *data, void *paddr, int size_bits, cspacepath_t *path);
/* Virtual address at which the frame at paddr is known to be mapped, or NULL. */
typedef void *(*simple_get_frame_mapping_fn)(void *data, void *paddr, int size_bits);
/* Mapping, cap and untyped offset of the frame at paddr. */
typedef void *(*simple_get_frame_info_fn)(void *data, void *paddr, int size_bits, seL4_CPtr *cap,
                                          seL4_Word *ut_offset);
/* Assign a new VSpace to the initial ASID pool. */
typedef seL4_Error (*simple_ASIDPool_assign_fn)(void *data, seL4_CPtr vspace);
/* Number of caps the implementation knows of, and the nth of them. */
typedef int (*simple_get_cap_count_fn)(void *data);
typedef seL4_CPtr (*simple_get_nth_cap_fn)(void *data, int n);
/* The slot of an initial cap (seL4_CapInitThreadTCB, ...). */
typedef seL4_CPtr (*simple_get_init_cap_fn)(void *data, seL4_CPtr cap);
/* Size of the initial CNode, in bits of slots. */
typedef uint8_t (*simple_get_cnode_size_fn)(void *data);
/* Number of untypeds, and the nth: its cap, size, physical address, device flag. */
typedef int (*simple_get_untyped_count_fn)(void *data);
typedef seL4_CPtr (*simple_get_nth_untyped_fn)(void *data, int n, size_t *size_bits, uintptr_t *paddr,
                                               bool *device);
/* Number of frames of the program's own image, and the nth. */
typedef int (*simple_get_userimage_count_fn)(void *data);
typedef seL4_CPtr (*simple_get_nth_userimage_fn)(void *data, int n);
/* Number of CPU cores. */
typedef int (*simple_get_core_count_fn)(void *data);
/* Print everything known (the boot info, for simple-default). */
typedef void (*simple_print_fn)(void *data);
/* Architecture information (x86: the TSC frequency, 0 if unknown). */
typedef seL4_Word (*simple_get_arch_info_fn)(void *data);
/* Length, header included, of the extended boot info record of type `type`, or -1. */
typedef ssize_t (*simple_get_extended_bootinfo_len_fn)(void *data, seL4_Word type);
/* Copy that record (header included, at most max_len bytes) to dest; its length or -1. */
typedef ssize_t (*simple_get_extended_bootinfo_fn)(void *data, seL4_Word type, void *dest, ssize_t max_len);

typedef struct simple_t {
    void *data;
    simple_get_frame_cap_fn frame_cap;
    simple_get_frame_mapping_fn frame_mapping;
    simple_get_frame_info_fn frame_info;
    simple_ASIDPool_assign_fn ASID_assign;
    simple_get_cap_count_fn cap_count;
    simple_get_nth_cap_fn nth_cap;
    simple_get_init_cap_fn init_cap;
    simple_get_cnode_size_fn cnode_size;
    simple_get_untyped_count_fn untyped_count;
    simple_get_nth_untyped_fn nth_untyped;
    simple_get_userimage_count_fn userimage_count;
    simple_get_nth_userimage_fn nth_userimage;
    simple_get_core_count_fn core_count;
    simple_print_fn print;
    simple_get_arch_info_fn arch_info;
    simple_get_extended_bootinfo_len_fn extended_bootinfo_len;
    simple_get_extended_bootinfo_fn extended_bootinfo;
    arch_simple_t arch_simple;
} simple_t;

#define SIMPLE_CHECK_(simple, fn, ret) \
    do { \
        if (!(simple)) { \
            ZF_LOGE("Simple is NULL"); \
            return ret; \
        } \
        if (!(simple)->fn) { \
            ZF_LOGE("%s not implemented", __func__); \
            return ret; \
        } \
    } while (0)

static inline void *simple_get_frame_info(simple_t *simple, void *paddr, int size_bits, seL4_CPtr *frame_cap,
                                          seL4_Word *ut_offset)
{
    SIMPLE_CHECK_(simple, frame_info, NULL);
    return simple->frame_info(simple->data, paddr, size_bits, frame_cap, ut_offset);
}

static inline seL4_Error simple_get_frame_cap(simple_t *simple, void *paddr, int size_bits, cspacepath_t *path)
{
    SIMPLE_CHECK_(simple, frame_cap, seL4_InvalidArgument);
    return simple->frame_cap(simple->data, paddr, size_bits, path);
}

static inline void *simple_get_frame_vaddr(simple_t *simple, void *paddr, int size_bits)
{
    SIMPLE_CHECK_(simple, frame_mapping, NULL);
    return simple->frame_mapping(simple->data, paddr, size_bits);
}

/* Put a handler cap for IRQ `irq` into path. */
static inline seL4_Error simple_get_IRQ_handler(simple_t *simple, int irq, cspacepath_t path)
{
    if (!simple) {
        ZF_LOGE("Simple is NULL");
        return seL4_InvalidArgument;
    }
    if (!simple->arch_simple.irq) {
        ZF_LOGE("%s not implemented", __func__);
        return seL4_InvalidArgument;
    }
    return simple->arch_simple.irq(simple->data, irq, path.root, path.capPtr, path.capDepth);
}

static inline seL4_Error DEPRECATED("Use simple_get_IRQ_handler")
simple_get_IRQ_control(simple_t *simple, int irq, cspacepath_t path)
{
    return simple_get_IRQ_handler(simple, irq, path);
}

static inline seL4_Error simple_ASIDPool_assign(simple_t *simple, seL4_CPtr vspace)
{
    SIMPLE_CHECK_(simple, ASID_assign, seL4_InvalidArgument);
    return simple->ASID_assign(simple->data, vspace);
}

static inline seL4_CPtr simple_get_IOPort_cap(simple_t *simple, uint16_t start_port, uint16_t end_port)
{
    if (!simple) {
        ZF_LOGE("Simple is NULL");
        return seL4_CapNull;
    }
    return arch_simple_get_IOPort_cap(&simple->arch_simple, start_port, end_port);
}

static inline int simple_get_cap_count(simple_t *simple)
{
    SIMPLE_CHECK_(simple, cap_count, -1);
    return simple->cap_count(simple->data);
}

static inline seL4_CPtr simple_get_nth_cap(simple_t *simple, int n)
{
    SIMPLE_CHECK_(simple, nth_cap, seL4_CapNull);
    return simple->nth_cap(simple->data, n);
}

static inline int simple_get_cnode_size_bits(simple_t *simple)
{
    SIMPLE_CHECK_(simple, cnode_size, -1);
    return simple->cnode_size(simple->data);
}

static inline seL4_CPtr simple_init_cap(simple_t *simple, seL4_CPtr cap)
{
    SIMPLE_CHECK_(simple, init_cap, seL4_CapNull);
    return simple->init_cap(simple->data, cap);
}

/* The initial thread's CSpace root CNode (slot 2 for a root task). */
static inline seL4_CPtr simple_get_cnode(simple_t *simple)
{
    return simple_init_cap(simple, seL4_CapInitThreadCNode);
}

static inline seL4_CPtr simple_get_tcb(simple_t *simple)
{
    return simple_init_cap(simple, seL4_CapInitThreadTCB);
}

/* The initial thread's VSpace root (slot 3 for a root task; a PML4 on x86_64). */
static inline seL4_CPtr simple_get_pd(simple_t *simple)
{
    return simple_init_cap(simple, seL4_CapInitThreadPD);
}

static inline seL4_CPtr simple_get_irq_ctrl(simple_t *simple)
{
    return simple_init_cap(simple, seL4_CapIRQControl);
}

static inline seL4_CPtr simple_get_init_cap(simple_t *simple, seL4_CPtr cap)
{
    return simple_init_cap(simple, cap);
}

static inline int simple_get_untyped_count(simple_t *simple)
{
    SIMPLE_CHECK_(simple, untyped_count, -1);
    return simple->untyped_count(simple->data);
}

static inline seL4_CPtr simple_get_nth_untyped(simple_t *simple, int n, size_t *size_bits, uintptr_t *paddr,
                                               bool *device)
{
    SIMPLE_CHECK_(simple, nth_untyped, seL4_CapNull);
    return simple->nth_untyped(simple->data, n, size_bits, paddr, device);
}

static inline int simple_get_userimage_count(simple_t *simple)
{
    SIMPLE_CHECK_(simple, userimage_count, -1);
    return simple->userimage_count(simple->data);
}

static inline seL4_CPtr simple_get_nth_userimage(simple_t *simple, int n)
{
    SIMPLE_CHECK_(simple, nth_userimage, seL4_CapNull);
    return simple->nth_userimage(simple->data, n);
}

static inline int simple_get_core_count(simple_t *simple)
{
    SIMPLE_CHECK_(simple, core_count, -1);
    return simple->core_count(simple->data);
}

static inline void simple_print(simple_t *simple)
{
    if (!simple) {
        ZF_LOGE("Simple is NULL");
        return;
    }
    if (!simple->print) {
        ZF_LOGE("%s not implemented", __func__);
        return;
    }
    simple->print(simple->data);
}

static inline seL4_Word simple_get_arch_info(simple_t *simple)
{
    SIMPLE_CHECK_(simple, arch_info, 0);
    return simple->arch_info(simple->data);
}

static inline ssize_t simple_get_extended_bootinfo_length(simple_t *simple, seL4_Word type)
{
    SIMPLE_CHECK_(simple, extended_bootinfo_len, -1);
    return simple->extended_bootinfo_len(simple->data, type);
}

static inline ssize_t simple_get_extended_bootinfo(simple_t *simple, seL4_Word type, void *dest, ssize_t max_len)
{
    SIMPLE_CHECK_(simple, extended_bootinfo, -1);
    return simple->extended_bootinfo(simple->data, type, dest, max_len);
}

/* The largest cap slot the implementation reports (so the next one is free). */
seL4_CPtr simple_last_valid_cap(simple_t *simple);
/* Whether pos is one of the untyped caps. */
int simple_is_untyped_cap(simple_t *simple, seL4_CPtr pos);
