/*
 * The one-word bit-field types shared by libsel4 and the kernel:
 * seL4_MessageInfo_t, seL4_CapRights_t and seL4_CNode_CapData_t.
 *
 * seL4 generates these from shared_types.bf; keel declares each field once
 * (name, lowest bit, width) and expands the same four accessors seL4 has:
 *   T_get_F(T x), T_set_F(T x, v) -> T, T_ptr_get_F(T *p), T_ptr_set_F(T *p, v).
 * Values are masked to the field width (seL4 asserts instead).
 */
#pragma once

#include <sel4/simple_types.h>

#define SEL4_BF_FIELD(type, field, shift, bits)                                        \
    static inline seL4_Uint64 CONST type##_get_##field(type##_t x)                     \
    {                                                                                  \
        return (x.words[0] >> (shift)) & ((1ull << (bits)) - 1);                       \
    }                                                                                  \
    static inline type##_t CONST type##_set_##field(type##_t x, seL4_Uint64 v)         \
    {                                                                                  \
        x.words[0] &= ~(((1ull << (bits)) - 1) << (shift));                            \
        x.words[0] |= (v & ((1ull << (bits)) - 1)) << (shift);                         \
        return x;                                                                      \
    }                                                                                  \
    static inline seL4_Uint64 PURE type##_ptr_get_##field(type##_t *p)                 \
    {                                                                                  \
        return (p->words[0] >> (shift)) & ((1ull << (bits)) - 1);                      \
    }                                                                                  \
    static inline void type##_ptr_set_##field(type##_t *p, seL4_Uint64 v)              \
    {                                                                                  \
        p->words[0] &= ~(((1ull << (bits)) - 1) << (shift));                           \
        p->words[0] |= (v & ((1ull << (bits)) - 1)) << (shift);                        \
    }

/* seL4_MessageInfo: label 63..12 | capsUnwrapped 11..9 | extraCaps 8..7 | length 6..0 */
struct seL4_MessageInfo {
    seL4_Uint64 words[1];
};
typedef struct seL4_MessageInfo seL4_MessageInfo_t;

SEL4_BF_FIELD(seL4_MessageInfo, label, 12, 52)
SEL4_BF_FIELD(seL4_MessageInfo, capsUnwrapped, 9, 3)
SEL4_BF_FIELD(seL4_MessageInfo, extraCaps, 7, 2)
SEL4_BF_FIELD(seL4_MessageInfo, length, 0, 7)

static inline seL4_MessageInfo_t CONST
seL4_MessageInfo_new(seL4_Uint64 label, seL4_Uint64 capsUnwrapped, seL4_Uint64 extraCaps,
                     seL4_Uint64 length)
{
    seL4_MessageInfo_t x = { { 0 } };
    x = seL4_MessageInfo_set_label(x, label);
    x = seL4_MessageInfo_set_capsUnwrapped(x, capsUnwrapped);
    x = seL4_MessageInfo_set_extraCaps(x, extraCaps);
    x = seL4_MessageInfo_set_length(x, length);
    return x;
}

static inline void
seL4_MessageInfo_ptr_new(seL4_MessageInfo_t *p, seL4_Uint64 label, seL4_Uint64 capsUnwrapped,
                         seL4_Uint64 extraCaps, seL4_Uint64 length)
{
    *p = seL4_MessageInfo_new(label, capsUnwrapped, extraCaps, length);
}

/* seL4_CapRights: 60 bits padding | grantReply 3 | grant 2 | read 1 | write 0 */
struct seL4_CapRights {
    seL4_Uint64 words[1];
};
typedef struct seL4_CapRights seL4_CapRights_t;

SEL4_BF_FIELD(seL4_CapRights, capAllowGrantReply, 3, 1)
SEL4_BF_FIELD(seL4_CapRights, capAllowGrant, 2, 1)
SEL4_BF_FIELD(seL4_CapRights, capAllowRead, 1, 1)
SEL4_BF_FIELD(seL4_CapRights, capAllowWrite, 0, 1)

static inline seL4_CapRights_t CONST
seL4_CapRights_new(seL4_Uint64 capAllowGrantReply, seL4_Uint64 capAllowGrant,
                   seL4_Uint64 capAllowRead, seL4_Uint64 capAllowWrite)
{
    seL4_CapRights_t x = { { 0 } };
    x = seL4_CapRights_set_capAllowGrantReply(x, capAllowGrantReply);
    x = seL4_CapRights_set_capAllowGrant(x, capAllowGrant);
    x = seL4_CapRights_set_capAllowRead(x, capAllowRead);
    x = seL4_CapRights_set_capAllowWrite(x, capAllowWrite);
    return x;
}

static inline void
seL4_CapRights_ptr_new(seL4_CapRights_t *p, seL4_Uint64 capAllowGrantReply,
                       seL4_Uint64 capAllowGrant, seL4_Uint64 capAllowRead,
                       seL4_Uint64 capAllowWrite)
{
    *p = seL4_CapRights_new(capAllowGrantReply, capAllowGrant, capAllowRead, capAllowWrite);
}

/* seL4_CNode_CapData (a CNode cap's guard, e.g. TCB_Configure's
 * cspace_root_data): guard 63..6 | guardSize 5..0 */
struct seL4_CNode_CapData {
    seL4_Uint64 words[1];
};
typedef struct seL4_CNode_CapData seL4_CNode_CapData_t;

SEL4_BF_FIELD(seL4_CNode_CapData, guard, 6, 58)
SEL4_BF_FIELD(seL4_CNode_CapData, guardSize, 0, 6)

static inline seL4_CNode_CapData_t CONST
seL4_CNode_CapData_new(seL4_Uint64 guard, seL4_Uint64 guardSize)
{
    seL4_CNode_CapData_t x = { { 0 } };
    x = seL4_CNode_CapData_set_guard(x, guard);
    x = seL4_CNode_CapData_set_guardSize(x, guardSize);
    return x;
}

static inline void
seL4_CNode_CapData_ptr_new(seL4_CNode_CapData_t *p, seL4_Uint64 guard, seL4_Uint64 guardSize)
{
    *p = seL4_CNode_CapData_new(guard, guardSize);
}
