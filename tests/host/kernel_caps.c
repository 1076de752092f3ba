/* The kernel's cap layout (kernel/include/cap.h): every field of a cap type
 * round-trips at its full width without touching the type or another
 * field of the same cap type. */
#include "check.h"
#include "../../kernel/include/cap.h"

typedef struct field {
    const char *name;
    word_t (*get)(cap_t);
    cap_t (*set)(cap_t, word_t);
    int bits;
} field_t;

#define F(n, b) { #n, cap_##n, cap_set_##n, b }

static const struct { const char *type; enum cap_type tag; field_t f[8]; } layouts[] = {
    { "untyped", cap_untyped, { F(ut_paddr, 48), F(ut_block_bits, 6), F(ut_is_device, 1), F(ut_free_index, 48) } },
    { "endpoint", cap_endpoint, { F(ep_paddr, 48), F(ep_can_send, 1), F(ep_can_receive, 1), F(ep_can_grant, 1),
                                  F(ep_can_grant_reply, 1), F(ep_badge, 64) } },
    { "notification", cap_notification, { F(ntfn_paddr, 48), F(ntfn_can_send, 1), F(ntfn_can_receive, 1), F(ntfn_badge, 64) } },
    { "reply", cap_reply, { F(reply_tcb_paddr, 48), F(reply_master, 1), F(reply_can_grant, 1) } },
    { "cnode", cap_cnode, { F(cnode_paddr_5, 43), F(cnode_radix, 6), F(cnode_guard_size, 7), F(cnode_guard, 64) } },
    { "thread", cap_thread, { F(tcb_paddr, 48) } },
    { "irq_handler", cap_irq_handler, { F(irq, 8) } },
    { "frame", cap_frame, { F(frame_paddr_12, 40), F(frame_size, 2), F(frame_vm_rights, 2), F(frame_is_device, 1),
                            F(frame_is_mapped, 1), F(frame_mapped_addr, 48), F(frame_mapped_asid, 12) } },
    { "page_table", cap_page_table, { F(pt_paddr_12, 40), F(pt_is_mapped, 1), F(pt_mapped_addr, 48), F(pt_mapped_asid, 12) } },
    { "asid_pool", cap_asid_pool, { F(pool_paddr, 48), F(pool_asid_base, 12) } },
    { "io_port", cap_io_port, { F(io_first_port, 16), F(io_last_port, 16) } },
    { "zombie", cap_zombie, { F(zombie_paddr, 48), F(zombie_kind, 6), F(zombie_number, 64) } },
};

int main(void)
{
    char name[128];
    for (unsigned t = 0; t < sizeof(layouts) / sizeof(layouts[0]); t++) {
        for (int i = 0; layouts[t].f[i].name; i++) {
            const field_t *f = &layouts[t].f[i];
            word_t ones = f->bits >= 64 ? ~0ul : (1ul << f->bits) - 1;
            cap_t c = f->set(cap_new(layouts[t].tag), ~0ul);
            int ok = f->get(c) == ones && cap_get_type(c) == layouts[t].tag;
            for (int j = 0; layouts[t].f[j].name; j++)
                if (j != i && layouts[t].f[j].get(c) != 0)
                    ok = 0;
            snprintf(name, sizeof(name), "cap layout: %s.%s is %d bits and overlaps nothing", layouts[t].type, f->name, f->bits);
            check_report(ok, name, "get=%#lx type=%d", (unsigned long)f->get(c), (int)cap_get_type(c));
            /* and a field keeps its value when all the others are set */
            cap_t d = cap_new(layouts[t].tag);
            for (int j = 0; layouts[t].f[j].name; j++)
                if (j != i)
                    d = layouts[t].f[j].set(d, ~0ul);
            d = f->set(d, 5 & ones);
            snprintf(name, sizeof(name), "cap layout: %s.%s survives its neighbours", layouts[t].type, f->name);
            check_report(f->get(d) == (5 & ones) && cap_get_type(d) == layouts[t].tag, name, "got %#lx", (unsigned long)f->get(d));
        }
    }
    check_report(sizeof(cte_t) == 32, "cap layout: a slot is 32 bytes (seL4_SlotBits 5)", "%zu", sizeof(cte_t));
    static cte_t a[2] __attribute__((aligned(32)));
    mdb_set_prev(&a[1], &a[0]);
    mdb_set_flags(&a[1], true, false);
    check_report(mdb_prev(&a[1]) == &a[0] && mdb_revocable(&a[1]) && !mdb_first_badged(&a[1]),
                 "mdb: flags live beside the prev pointer", "prev=%p", (void *)mdb_prev(&a[1]));
    return check_failures != 0;
}
