/* Capabilities: two words each, with one accessor pair per field.
 *
 * Object code never shifts cap bits by hand: it uses cap_<field>() and
 * cap_set_<field>(), all generated below from one table. The cap type lives
 * in the top five bits of word 0 and uses seL4's x86_64 type numbers (so
 * seL4_DebugCapIdentify can return it as it is). Object pointers are stored
 * as physical addresses (see types.h for the kernel window). */
#pragma once
#include "types.h"

typedef struct cap { word_t w[2]; } cap_t;

/* seL4's x86_64 cap tags (structures.bf): generic even, arch odd. */
enum cap_type {
    cap_null = 0, cap_frame = 1, cap_untyped = 2, cap_page_table = 3,
    cap_endpoint = 4, cap_page_directory = 5, cap_notification = 6,
    cap_pdpt = 7, cap_reply = 8, cap_pml4 = 9, cap_cnode = 10,
    cap_asid_control = 11, cap_thread = 12, cap_asid_pool = 13,
    cap_irq_control = 14, cap_io_space = 15, cap_irq_handler = 16,
    cap_zombie = 18, cap_io_port = 19, cap_domain = 20,
    cap_io_port_control = 31,
};

#define CAP_FIELD_MASK(bits) ((bits) >= 64 ? ~0ul : MASK(bits))
#define CAP_FIELD(name, word, shift, bits)                                        \
    static inline word_t cap_##name(cap_t c)                                      \
    { return (c.w[word] >> (shift)) & CAP_FIELD_MASK(bits); }                     \
    static inline cap_t cap_set_##name(cap_t c, word_t v)                         \
    { c.w[word] = (c.w[word] & ~(CAP_FIELD_MASK(bits) << (shift)))                \
                | ((v & CAP_FIELD_MASK(bits)) << (shift)); return c; }

/*         name                word shift bits */
CAP_FIELD(type,                 0, 59,  5)
/* untyped: memory [paddr, paddr + 2^block_bits); free_index = bytes used so far */
CAP_FIELD(ut_paddr,             0,  0, 48)
CAP_FIELD(ut_block_bits,        0, 48,  6)
CAP_FIELD(ut_is_device,         0, 54,  1)
CAP_FIELD(ut_free_index,        1,  0, 48)
/* endpoint */
CAP_FIELD(ep_paddr,             0,  0, 48)
CAP_FIELD(ep_can_send,          0, 48,  1)
CAP_FIELD(ep_can_receive,       0, 49,  1)
CAP_FIELD(ep_can_grant,         0, 50,  1)
CAP_FIELD(ep_can_grant_reply,   0, 51,  1)
CAP_FIELD(ep_badge,             1,  0, 64)
/* notification */
CAP_FIELD(ntfn_paddr,           0,  0, 48)
CAP_FIELD(ntfn_can_send,        0, 48,  1)
CAP_FIELD(ntfn_can_receive,     0, 49,  1)
CAP_FIELD(ntfn_badge,           1,  0, 64)
/* reply (non-MCS: made by Call, lives in the callee's caller slot) */
CAP_FIELD(reply_tcb_paddr,      0,  0, 48)
CAP_FIELD(reply_master,         0, 48,  1)
CAP_FIELD(reply_can_grant,      0, 49,  1)
/* cnode: 2^radix slots of 32 bytes; guard_size bits of guard are skipped first */
CAP_FIELD(cnode_paddr_5,        0,  0, 43)   /* paddr >> 5 */
CAP_FIELD(cnode_radix,          0, 43,  6)
CAP_FIELD(cnode_guard_size,     0, 49,  7)
CAP_FIELD(cnode_guard,          1,  0, 64)
/* thread */
CAP_FIELD(tcb_paddr,            0,  0, 48)   /* paddr of the tcb_t (object + TCB_OFFSET) */
/* irq handler */
CAP_FIELD(irq,                  0,  0,  8)
/* frame: size 0 = 4K, 1 = 2M, 2 = 1G; vm_rights as seL4 (1 kernel only, 2 RO, 3 RW) */
CAP_FIELD(frame_paddr_12,       0,  0, 40)
CAP_FIELD(frame_size,           0, 40,  2)
CAP_FIELD(frame_vm_rights,      0, 42,  2)
CAP_FIELD(frame_is_device,      0, 44,  1)
CAP_FIELD(frame_is_mapped,      0, 45,  1)
CAP_FIELD(frame_mapped_addr,    1,  0, 48)
CAP_FIELD(frame_mapped_asid,    1, 48, 12)
/* page table, page directory, pdpt, pml4 (same shape) */
CAP_FIELD(pt_paddr_12,          0,  0, 40)
CAP_FIELD(pt_is_mapped,         0, 40,  1)
CAP_FIELD(pt_mapped_addr,       1,  0, 48)
CAP_FIELD(pt_mapped_asid,       1, 48, 12)
/* asid pool: covers ASIDs [asid_base, asid_base + 512) */
CAP_FIELD(pool_paddr,           0,  0, 48)
CAP_FIELD(pool_asid_base,       1,  0, 12)
/* io ports [first, last] */
CAP_FIELD(io_first_port,        0,  0, 16)
CAP_FIELD(io_last_port,         0, 16, 16)
/* zombie: an object being finalised (see kernel/kernel/delete.c) */
CAP_FIELD(zombie_paddr,         0,  0, 48)
CAP_FIELD(zombie_kind,          0, 48,  6)   /* cap type of the original cap */
CAP_FIELD(zombie_number,        1,  0, 64)   /* slots still to clear */

static inline cap_t cap_new(enum cap_type t) { cap_t c = {{0, 0}}; return cap_set_type(c, t); }
static inline enum cap_type cap_get_type(cap_t c) { return (enum cap_type)cap_type(c); }
static inline bool cap_is_null(cap_t c) { return cap_get_type(c) == cap_null; }
static const cap_t null_cap = {{0, 0}};

/* Capability derivation tree links and flags. Slots are 32-byte aligned, so
 * the low bits of the prev pointer carry the flags. */
typedef struct mdb_node { word_t prev; word_t next; } mdb_node_t;
#define MDB_REVOCABLE    BIT(0)
#define MDB_FIRST_BADGED BIT(1)
#define MDB_FLAGS        (MDB_REVOCABLE | MDB_FIRST_BADGED)

typedef struct cte {
    cap_t cap;
    mdb_node_t mdb;
} cte_t;
compile_assert(cte_size, sizeof(cte_t) == 32);   /* seL4_SlotBits = 5 */

static inline cte_t *mdb_prev(const cte_t *s) { return (cte_t *)(s->mdb.prev & ~MDB_FLAGS); }
static inline cte_t *mdb_next(const cte_t *s) { return (cte_t *)s->mdb.next; }
static inline void mdb_set_prev(cte_t *s, cte_t *p) { s->mdb.prev = (word_t)p | (s->mdb.prev & MDB_FLAGS); }
static inline void mdb_set_next(cte_t *s, cte_t *n) { s->mdb.next = (word_t)n; }
static inline bool mdb_revocable(const cte_t *s) { return s->mdb.prev & MDB_REVOCABLE; }
static inline bool mdb_first_badged(const cte_t *s) { return s->mdb.prev & MDB_FIRST_BADGED; }
static inline void mdb_set_flags(cte_t *s, bool revocable, bool first_badged)
{
    s->mdb.prev = (s->mdb.prev & ~MDB_FLAGS) | (revocable ? MDB_REVOCABLE : 0) | (first_badged ? MDB_FIRST_BADGED : 0);
}
