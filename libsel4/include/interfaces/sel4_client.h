/*
 * Client stubs for every kernel invocation (seL4's generated
 * interfaces/sel4_client.h, non-MCS x86_64). The stubs are expanded by the
 * preprocessor from the single table in interfaces/sel4_invocations.h;
 * this file holds the expansion machinery.
 *
 * What every stub does, as seL4's generated stubs do:
 *   - put the extra caps into caps_or_badges[0..], in parameter order;
 *   - pack the other parameters into message words (MR0..3 in registers,
 *     MR4 and up in the IPC buffer);
 *   - seL4_CallWithMRs(_service, MessageInfo(label, 0, caps, words));
 *   - return the reply's label as the error; on error, copy the returned
 *     MR0..3 into the IPC buffer (the error details, e.g. for
 *     seL4_MappingFailedLookupLevel()); on success, unpack the outputs.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/functions.h>
#include <sel4/syscalls.h>
#include <sel4/invocation.h>
#include <sel4/sel4_arch/invocation.h>
#include <sel4/arch/invocation.h>

/* ------------------------------------------------------------ marshalling */

/* Message under construction / reply being read. */
typedef struct {
    seL4_Word mr[4];     /* MR0..3 (travel in registers) */
    unsigned bits;       /* bits of message words used so far */
    unsigned caps;       /* extra caps set so far */
    unsigned out_bits;   /* bits of reply words consumed so far */
} keel_msg_t;

/* Next position for a value of `size` bits: aligned to min(size, 64). */
KEEL_ALWAYS_INLINE unsigned keel_msg_place_(unsigned bits, unsigned size)
{
    unsigned align = size < 64 ? size : 64;

    return (bits + align - 1) / align * align;
}

/* Append a value of `size` bits to the message words. */
KEEL_ALWAYS_INLINE void keel_msg_pack_(keel_msg_t *m, seL4_Word v, unsigned size)
{
    unsigned pos = keel_msg_place_(m->bits, size);
    unsigned word = pos / 64, shift = pos % 64;
    seL4_Word bits = (size >= 64 ? v : v & ((1ul << size) - 1)) << shift;

    if (word < 4) {
        m->mr[word] = shift == 0 ? bits : (m->mr[word] | bits);
    } else {
        seL4_SetMR(word, shift == 0 ? bits : (seL4_GetMR(word) | bits));
    }
    m->bits = pos + size;
}

/* Take the next value of `size` bits from the reply words. */
KEEL_ALWAYS_INLINE seL4_Word keel_msg_unpack_(keel_msg_t *m, unsigned size)
{
    unsigned pos = keel_msg_place_(m->out_bits, size);
    unsigned word = pos / 64, shift = pos % 64;
    seL4_Word w = word < 4 ? m->mr[word] : seL4_GetMR(word);

    m->out_bits = pos + size;
    return size >= 64 ? w : (w >> shift) & ((1ul << size) - 1);
}

KEEL_ALWAYS_INLINE void keel_msg_pack_regs_(keel_msg_t *m, const seL4_UserContext *regs)
{
    const seL4_Word *w = (const seL4_Word *)regs;

    for (unsigned i = 0; i < sizeof(*regs) / sizeof(seL4_Word); i++) {
        keel_msg_pack_(m, w[i], 64);
    }
}

KEEL_ALWAYS_INLINE void keel_msg_unpack_regs_(keel_msg_t *m, seL4_UserContext *regs)
{
    seL4_Word *w = (seL4_Word *)regs;

    for (unsigned i = 0; i < sizeof(*regs) / sizeof(seL4_Word); i++) {
        w[i] = keel_msg_unpack_(m, 64);
    }
}

/* Send the built message to `service` and wait for the reply; returns the
 * reply's label (the error), with the error details put in the IPC buffer. */
KEEL_ALWAYS_INLINE seL4_Error keel_msg_call_(seL4_CPtr service, seL4_Word label, keel_msg_t *m)
{
    seL4_MessageInfo_t tag = seL4_MessageInfo_new(label, 0, m->caps, (m->bits + 63) / 64);
    seL4_MessageInfo_t reply = seL4_CallWithMRs(service, tag, &m->mr[0], &m->mr[1], &m->mr[2],
                                                &m->mr[3]);
    seL4_Error error = (seL4_Error)seL4_MessageInfo_get_label(reply);

    if (error != seL4_NoError) {
        for (int i = 0; i < 4; i++) {
            seL4_SetMR(i, m->mr[i]);
        }
    }
    return error;
}

/* ------------------------------------------------------------ table expansion */

/* KEEL_MAP(f, a, b, ...) -> f(a) f(b) ...  (1 to 16 items) */
#define KEEL_CAT_(a, b) a ## b
#define KEEL_CAT(a, b) KEEL_CAT_(a, b)
#define KEEL_UNPAREN(...) __VA_ARGS__
#define KEEL_NARGS_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, N, ...) N
#define KEEL_NARGS(...) \
    KEEL_NARGS_(__VA_ARGS__, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define KEEL_MAP(f, ...) KEEL_CAT(KEEL_MAP_, KEEL_NARGS(__VA_ARGS__))(f, __VA_ARGS__)
#define KEEL_MAP_1(f, a) f(a)
#define KEEL_MAP_2(f, a, ...) f(a) KEEL_MAP_1(f, __VA_ARGS__)
#define KEEL_MAP_3(f, a, ...) f(a) KEEL_MAP_2(f, __VA_ARGS__)
#define KEEL_MAP_4(f, a, ...) f(a) KEEL_MAP_3(f, __VA_ARGS__)
#define KEEL_MAP_5(f, a, ...) f(a) KEEL_MAP_4(f, __VA_ARGS__)
#define KEEL_MAP_6(f, a, ...) f(a) KEEL_MAP_5(f, __VA_ARGS__)
#define KEEL_MAP_7(f, a, ...) f(a) KEEL_MAP_6(f, __VA_ARGS__)
#define KEEL_MAP_8(f, a, ...) f(a) KEEL_MAP_7(f, __VA_ARGS__)
#define KEEL_MAP_9(f, a, ...) f(a) KEEL_MAP_8(f, __VA_ARGS__)
#define KEEL_MAP_10(f, a, ...) f(a) KEEL_MAP_9(f, __VA_ARGS__)
#define KEEL_MAP_11(f, a, ...) f(a) KEEL_MAP_10(f, __VA_ARGS__)
#define KEEL_MAP_12(f, a, ...) f(a) KEEL_MAP_11(f, __VA_ARGS__)
#define KEEL_MAP_13(f, a, ...) f(a) KEEL_MAP_12(f, __VA_ARGS__)
#define KEEL_MAP_14(f, a, ...) f(a) KEEL_MAP_13(f, __VA_ARGS__)
#define KEEL_MAP_15(f, a, ...) f(a) KEEL_MAP_14(f, __VA_ARGS__)
#define KEEL_MAP_16(f, a, ...) f(a) KEEL_MAP_15(f, __VA_ARGS__)

/* Each table item In(...), Cap(...), ... is expanded by pasting a prefix
 * onto its name: KEEL_DECL_In(...), KEEL_MARSHAL_In(...), ... */

/* Parameter declarations (each with a leading comma). */
#define KEEL_DECL(p) KEEL_DECL_ ## p
#define KEEL_DECL_In(type, bits, name) , type name
#define KEEL_DECL_Rights(name) , seL4_CapRights_t name
#define KEEL_DECL_Cap(type, name) , type name
#define KEEL_DECL_RegsIn(name) , seL4_UserContext *name
#define KEEL_DECL_RegsOut(name) , seL4_UserContext *name
#define KEEL_DECL_NoArgs

/* Building the message. */
#define KEEL_MARSHAL(p) KEEL_MARSHAL_ ## p
#define KEEL_MARSHAL_In(type, bits, name) keel_msg_pack_(&m_, (seL4_Word)(name), bits);
#define KEEL_MARSHAL_Rights(name) keel_msg_pack_(&m_, (name).words[0], 64);
#define KEEL_MARSHAL_Cap(type, name) seL4_SetCap((int)m_.caps++, (name));
#define KEEL_MARSHAL_RegsIn(name) keel_msg_pack_regs_(&m_, (name));
#define KEEL_MARSHAL_RegsOut(name)
#define KEEL_MARSHAL_NoArgs

/* Reading the reply after success. */
#define KEEL_UNMARSHAL(p) KEEL_UNMARSHAL_ ## p
#define KEEL_UNMARSHAL_In(type, bits, name)
#define KEEL_UNMARSHAL_Rights(name)
#define KEEL_UNMARSHAL_Cap(type, name)
#define KEEL_UNMARSHAL_RegsIn(name)
#define KEEL_UNMARSHAL_RegsOut(name) keel_msg_unpack_regs_(&m_, (name));
#define KEEL_UNMARSHAL_NoArgs
#define KEEL_UNMARSHAL_Out(type, bits, name) res_.name = (type)keel_msg_unpack_(&m_, bits);

/* Fields of a result struct. */
#define KEEL_FIELD(p) KEEL_FIELD_ ## p
#define KEEL_FIELD_Out(type, bits, name) type name;

/* seL4_Error iface_method(iface _service, ...) */
#define KEEL_STUB_(iface, method, label, params)                                   \
    LIBSEL4_INLINE seL4_Error iface##_##method(iface _service                      \
                                               KEEL_MAP(KEEL_DECL, KEEL_UNPAREN params)) \
    {                                                                              \
        keel_msg_t m_ = { { 0, 0, 0, 0 }, 0, 0, 0 };                               \
        seL4_Error error_;                                                         \
                                                                                   \
        KEEL_MAP(KEEL_MARSHAL, KEEL_UNPAREN params)                                \
        error_ = keel_msg_call_(_service, label, &m_);                             \
        if (error_ == seL4_NoError) {                                              \
            KEEL_MAP(KEEL_UNMARSHAL, KEEL_UNPAREN params)                          \
        }                                                                          \
        (void)m_;                                                                  \
        return error_;                                                             \
    }

/* iface_method_t iface_method(iface _service, ...) */
#define KEEL_STUB_RESULT_(iface, method, label, params, outputs)                   \
    struct iface##_##method {                                                      \
        int error;                                                                 \
        KEEL_MAP(KEEL_FIELD, KEEL_UNPAREN outputs)                                 \
    };                                                                             \
    typedef struct iface##_##method iface##_##method##_t;                          \
    LIBSEL4_INLINE iface##_##method##_t iface##_##method(iface _service            \
                                               KEEL_MAP(KEEL_DECL, KEEL_UNPAREN params)) \
    {                                                                              \
        keel_msg_t m_ = { { 0, 0, 0, 0 }, 0, 0, 0 };                               \
        iface##_##method##_t res_;                                                 \
                                                                                   \
        __builtin_memset(&res_, 0, sizeof(res_));                                  \
        KEEL_MAP(KEEL_MARSHAL, KEEL_UNPAREN params)                                \
        res_.error = keel_msg_call_(_service, label, &m_);                         \
        if (res_.error == seL4_NoError) {                                          \
            KEEL_MAP(KEEL_UNMARSHAL, KEEL_UNPAREN outputs)                         \
        }                                                                          \
        return res_;                                                               \
    }

#define KEEL_INVOCATION(iface, method, label, params) \
    KEEL_STUB_(iface, method, label, params)
#define KEEL_INVOCATION_RESULT(iface, method, label, params, outputs) \
    KEEL_STUB_RESULT_(iface, method, label, params, outputs)
#include <interfaces/sel4_invocations.h>
#undef KEEL_INVOCATION
#undef KEEL_INVOCATION_RESULT
