/* The kernel invariant checker: after a kernel entry, before the return to
 * user space, walk everything the kernel can still reach and check that its
 * data structures agree with each other. Built only with -DCONFIG_INVARIANTS
 * (kernel/include/invariants.h, docs/hardening.md).
 *
 * What is reachable: every TCB on the debug list (ksDebugTCBs) and its five
 * slots, every CNode that a cap found so far names, and every slot linked to
 * a slot found so far in the capability derivation tree. The tree links reach
 * the IRQ slots and CNodes that no CSpace names any more. Two spare low bits
 * of a slot's mdb.prev (slots are 32-byte aligned and the tree only uses bits
 * 0-1) mark slots and CNodes already found, which keeps the walk linear; the
 * marks are cleared again before the checker returns.
 *
 * The checks, each in its own function below:
 *  - derivation tree: links mutual and aligned, no null cap on a list, no
 *    cycle; a zombie survives an entry only stranded in the first slot of
 *    the object it destroys (keel is not preemptible);
 *    a child never has more rights than its parent, a badge never changes
 *    along the tree;
 *  - untyped memory: every object inside an untyped lies below its free
 *    index and inside the untyped's revoke run (so a reset never reuses live
 *    memory), and no two different objects overlap;
 *  - threads: states valid, reply caps (one at most per caller, naming a
 *    thread blocked on reply, right after its master), bound notifications,
 *    the TCB's own slots hold the cap types they may hold;
 *  - endpoint and notification queues: links mutual, each queued thread is
 *    blocked on that object in the matching state, in exactly one queue;
 *  - scheduler: every runnable thread but the current one is queued once, at
 *    its priority, and nothing else is; the current thread is running;
 *  - interrupts: every IRQ handler cap names an issued IRQ;
 *  - VSpaces: every PML4 in the ASID table has a cap with that ASID and the
 *    kernel's upper half; every present user entry at every level is backed
 *    by a cap whose mapping record names that place and that frame or table,
 *    with at least the rights the entry gives. */
#include "kernel.h"
#include "invariants.h"

#ifdef CONFIG_INVARIANTS
#include <stdarg.h>
#include "util.h"
#include "../arch/x86_64/object/paging.h"

#ifndef CONFIG_INVARIANTS_PERIOD
#define CONFIG_INVARIANTS_PERIOD 1
#endif

#define MAX_SLOTS   32768    /* non-null slots */
#define MAX_TCBS    1024
#define MAX_CNODES  4096
#define MAX_MAPS    16384    /* mapped frame and table caps */
#define MAX_POOLS   256
#define NUM_PRIOS   256
#define MAX_UTS     4096
#define MAX_OPEN_UT 64       /* untypeds whose revoke run is still open during the walk */

#define MARK_SLOT   BIT(2)   /* in mdb.prev: this slot is on slots[] */
#define MARK_CNODE  BIT(3)   /* in mdb.prev of a CNode's first slot: CNode scanned */
#define PREV_LOW    0x1ful   /* bits of mdb.prev that are not the pointer */
#define ZOMBIE_TCB  0x3f     /* zombie kind of a TCB, as in cdt.c; otherwise the CNode's radix */

extern char _bss_end[];

static word_t n_entries;
static bool overflow_reported, overflow;

/* ---------------------------------------------------------------- reporting */

static NORETURN void violation(const char *fmt, ...)
{
    va_list ap;
    tcb_t *ct = ksCurThread;
    kprintf("\nINVARIANT VIOLATION after kernel entry %lu (thread %p \"%s\"): ", n_entries, (void *)ct,
            ct ? ct->name : "");
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    arch_halt_system(INVARIANT_STATUS);
}

#define CHECK(cond, ...) do { if (unlikely(!(cond))) violation(__VA_ARGS__); } while (0)

/* A table is full: that is the checker's limit, not a kernel bug. */
static void capacity(const char *what)
{
    if (!overflow_reported)
        kprintf("keel: invariant checker: more %s than it can hold; checks skipped while so\n", what);
    overflow_reported = overflow = true;
}

/* A pointer the kernel may hold to one of its objects: inside the kernel
 * window or the kernel image, and aligned. */
static bool kptr_ok(word_t p, word_t align_bits)
{
    if (!IS_ALIGNED(p, align_bits))
        return false;
    return (p >= PPTR_BASE && p < PPTR_BASE + KERNEL_WINDOW_SIZE) ||
           (p >= KERNEL_ELF_BASE && p < (word_t)_bss_end);
}

/* ---------------------------------------------------------------- sorting */
/* Every table below is sorted by its first field, a word. */

#define KEY(b, i, size) (*(word_t *)((b) + (i) * (size)))

static void swap_elems(char *b, word_t i, word_t j, word_t size)
{
    word_t *x = (word_t *)(b + i * size), *y = (word_t *)(b + j * size);
    for (word_t k = 0; k < size / sizeof(word_t); k++) {
        word_t t = x[k];
        x[k] = y[k];
        y[k] = t;
    }
}

static void sift_down(char *b, word_t root, word_t n, word_t size)
{
    for (;;) {
        word_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && KEY(b, child, size) < KEY(b, child + 1, size))
            child++;
        if (KEY(b, root, size) >= KEY(b, child, size))
            return;
        swap_elems(b, root, child, size);
        root = child;
    }
}

static void sort_by_key(void *base, word_t n, word_t size)
{
    char *b = base;
    for (word_t i = n / 2; i-- > 0;)
        sift_down(b, i, n, size);
    for (word_t end = n; end-- > 1;) {
        swap_elems(b, 0, end, size);
        sift_down(b, 0, end, size);
    }
}

/* Index of the first element whose key is >= k. */
static word_t lower_bound(const void *base, word_t n, word_t size, word_t k)
{
    const char *b = base;
    word_t lo = 0, hi = n;
    while (lo < hi) {
        word_t mid = lo + (hi - lo) / 2;
        if (KEY(b, mid, size) < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---------------------------------------------------------------- tables */

typedef struct tinfo {
    word_t key;            /* the tcb_t pointer */
    word_t in_queues;      /* endpoint/notification queues it was found in */
    word_t reply_caps;     /* non-master reply caps naming it */
} tinfo_t;

typedef struct qobj {
    word_t key;            /* endpoint_t * or notification_t * */
    word_t type;           /* cap_endpoint or cap_notification */
    word_t named;          /* some cap names it (it is alive) */
} qobj_t;

typedef struct region {
    word_t key;            /* physical base */
    word_t end;            /* physical end (exclusive) */
    word_t type;           /* cap type */
    word_t pos;            /* position in the derivation-tree walk */
    word_t free_end;       /* untyped: base + free index */
    word_t run_end;        /* untyped: walk position where its revoke run ends */
    cte_t *slot;
} region_t;

enum { KIND_4K, KIND_2M, KIND_1G, KIND_PT, KIND_PD, KIND_PDPT, KIND_PML4, KIND_POOL };

typedef struct maprec {
    word_t key;            /* asid << 48 | vaddr (PML4: asid; pool: asid base) */
    word_t paddr;
    word_t kind;
    word_t rights;         /* frames: vm rights */
} maprec_t;

static tinfo_t tcbs[MAX_TCBS];
static word_t n_tcbs;
static cte_t *slots[MAX_SLOTS];
static word_t n_slots;
static cte_t *cnodes[MAX_CNODES];
static word_t n_cnodes;
static qobj_t qobjs[MAX_SLOTS + 2 * MAX_TCBS];
static word_t n_qobjs;
static region_t objs[MAX_SLOTS], uts[MAX_UTS];
static word_t n_objs, n_uts;
static maprec_t maps[MAX_MAPS];
static word_t n_maps;
static word_t irq_caps[MAX_IRQ + 1];

static cte_t *stack[MAX_SLOTS];   /* open ancestors during the walk */
static word_t open_uts[MAX_OPEN_UT];
static word_t n_open_uts;

static tinfo_t *find_tcb(const tcb_t *t)
{
    word_t i = lower_bound(tcbs, n_tcbs, sizeof(tinfo_t), (word_t)t);
    return i < n_tcbs && tcbs[i].key == (word_t)t ? &tcbs[i] : NULL;
}

static void add_qobj(word_t p, word_t type, bool named)
{
    if (n_qobjs == ARRAY_SIZE(qobjs)) {
        capacity("endpoints and notifications");
        return;
    }
    qobjs[n_qobjs++] = (qobj_t){ p, type, named };
}

static qobj_t *find_qobj(word_t p)
{
    word_t i = lower_bound(qobjs, n_qobjs, sizeof(qobj_t), p);
    return i < n_qobjs && qobjs[i].key == p ? &qobjs[i] : NULL;
}

static void add_map(word_t key, word_t paddr, word_t kind, word_t rights)
{
    if (n_maps == MAX_MAPS) {
        capacity("mapped frames and tables");
        return;
    }
    maps[n_maps++] = (maprec_t){ key, paddr, kind, rights };
}

static inline word_t map_key(word_t asid, vptr_t vaddr) { return asid << 48 | (vaddr & MASK(48)); }

/* ---------------------------------------------------------------- finding slots */

static inline cte_t *link_prev(const cte_t *s) { return (cte_t *)(s->mdb.prev & ~PREV_LOW); }
static inline tcb_t *cap_tcb_ptr(cap_t c) { return (tcb_t *)ptr_from_paddr(cap_tcb_paddr(c)); }

static void add_slot(cte_t *s)
{
    if (s->mdb.prev & MARK_SLOT)
        return;
    CHECK(!(s->mdb.prev & BIT(4)), "CDT: slot %p: prev link %#lx is not 32-byte aligned", (void *)s, s->mdb.prev);
    if (n_slots == MAX_SLOTS) {
        capacity("capabilities");
        return;
    }
    s->mdb.prev |= MARK_SLOT;
    slots[n_slots++] = s;
}

/* The slots of a CNode (or of an object a zombie covers), once. */
static void scan_slots(cte_t *base, word_t n)
{
    if (base->mdb.prev & MARK_CNODE)
        return;
    if (n_cnodes == MAX_CNODES) {
        capacity("CNodes");
        return;
    }
    base->mdb.prev |= MARK_CNODE;
    cnodes[n_cnodes++] = base;
    /* Only the type word of an empty slot is read: this loop is most of
     * the checker's time (the root CNode has 2^16 slots). A link to an
     * empty slot is caught from the other end (find_slots). */
    for (word_t i = 0; i < n; i++)
        if (!cap_is_null(base[i].cap))
            add_slot(&base[i]);
}

static void scan_cnode(cap_t c)
{
    word_t radix = cap_cnode_radix(c);
    cte_t *base = cnode_slots(c);
    CHECK(radix >= 1 && radix + SLOT_BITS <= MAX_UNTYPED_BITS && cap_cnode_guard_size(c) + radix <= WORD_BITS,
          "CNode cap %#lx:%#lx: radix %lu, guard size %lu", c.w[0], c.w[1], radix, cap_cnode_guard_size(c));
    CHECK(kptr_ok((word_t)base, radix + SLOT_BITS), "CNode cap %#lx: slots at %p not a kernel object",
          c.w[0], (void *)base);
    scan_slots(base, BIT(radix));
}

/* keel is not preemptible, so a zombie outlives an entry only when it is
 * stranded: when deleting a CNode's or TCB's last cap runs one level down
 * in another deletion, seL4's reduceZombie parks the zombie in the first
 * slot of the object it destroys and leaves it there (the object is then
 * unreachable, like a cycle of CNodes, until its untyped is revoked). */
static cte_t *dead_tcbs[MAX_TCBS];   /* first slots of TCBs stranded in a zombie */
static word_t n_dead_tcbs;

static void scan_zombie(cte_t *s, cap_t c)
{
    cte_t *first = ptr_from_paddr(cap_zombie_paddr(c));
    word_t kind = cap_zombie_kind(c), n = cap_zombie_number(c);
    bool tcb = kind == ZOMBIE_TCB;
    word_t count = tcb ? TCB_CNODE_ENTRIES : BIT(kind);
    CHECK(first == s, "slot %p holds a zombie (%#lx:%#lx) at the end of an entry that is not in the first slot "
          "of its object", (void *)s, c.w[0], c.w[1]);
    CHECK((tcb || (kind >= 1 && kind + SLOT_BITS <= MAX_UNTYPED_BITS)) &&
          kptr_ok((word_t)first, tcb ? TCB_BITS : kind + SLOT_BITS) && n >= 1 && n <= count,
          "zombie %#lx:%#lx in %p: kind %lu, %lu slots", c.w[0], c.w[1], (void *)s, kind, n);
    for (word_t i = n; i < count; i++)   /* a zombie clears its slots from the end */
        CHECK(cap_is_null(first[i].cap), "zombie in %p: slot %lu of %lu is not empty", (void *)s, i, n);
    if (tcb) {
        if (n_dead_tcbs == MAX_TCBS) {
            capacity("dead TCBs");
            return;
        }
        dead_tcbs[n_dead_tcbs++] = first;
    }
    scan_slots(first, count);
}

static bool is_dead_tcb(tcb_t *t)
{
    for (word_t i = 0; i < n_dead_tcbs; i++)
        if (dead_tcbs[i] == tcb_cte(t, 0))
            return true;
    return false;
}

/* The TCB list, then every slot reachable from the TCBs' slots, CNodes and
 * derivation-tree links. */
static void find_tcbs(void)
{
    tcb_t *prev = NULL;
    for (tcb_t *t = ksDebugTCBs; t; prev = t, t = t->debug_next) {
        CHECK(kptr_ok((word_t)t - TCB_OFFSET, TCB_BITS), "TCB list: %p is not a TCB", (void *)t);
        CHECK(t->debug_prev == prev, "TCB list: %p's prev is %p, not %p", (void *)t, (void *)t->debug_prev,
              (void *)prev);
        if (n_tcbs == MAX_TCBS) {
            capacity("TCBs");
            return;
        }
        tcbs[n_tcbs++] = (tinfo_t){ (word_t)t, 0, 0 };
    }
    sort_by_key(tcbs, n_tcbs, sizeof(tinfo_t));
    for (word_t i = 1; i < n_tcbs; i++)
        CHECK(tcbs[i].key != tcbs[i - 1].key, "TCB list: %p is on it twice", (void *)tcbs[i].key);
    CHECK(find_tcb(ksIdleThread), "TCB list: the idle thread is missing");
}

static void find_slots(void)
{
    for (word_t i = 0; i < n_tcbs; i++) {
        tcb_t *t = (tcb_t *)tcbs[i].key;
        if (t == ksIdleThread)
            continue;
        for (int j = 0; j < TCB_CNODE_ENTRIES; j++)
            if (!cap_is_null(tcb_cte(t, j)->cap))
                add_slot(tcb_cte(t, j));
    }
    for (word_t i = 0; i < n_slots && !overflow; i++) {
        cte_t *s = slots[i], *p = link_prev(s), *n = mdb_next(s);
        cap_t c = s->cap;
        if (p) {
            CHECK(kptr_ok((word_t)p, SLOT_BITS), "CDT: slot %p: prev %p is not a slot", (void *)s, (void *)p);
            CHECK(mdb_next(p) == s, "CDT: slot %p: prev %p's next is %p", (void *)s, (void *)p, (void *)mdb_next(p));
            CHECK(!cap_is_null(p->cap), "CDT: slot %p: prev %p is empty", (void *)s, (void *)p);
            add_slot(p);
        }
        if (n) {
            CHECK(kptr_ok((word_t)n, SLOT_BITS), "CDT: slot %p: next %p is not a slot", (void *)s, (void *)n);
            CHECK(link_prev(n) == s, "CDT: slot %p: next %p's prev is %p", (void *)s, (void *)n, (void *)link_prev(n));
            CHECK(!cap_is_null(n->cap), "CDT: slot %p: next %p is empty", (void *)s, (void *)n);
            add_slot(n);
        }
        switch (cap_get_type(c)) {
        case cap_cnode:
            scan_cnode(c);
            break;
        case cap_zombie:
            scan_zombie(s, c);
            break;
        case cap_thread:
            CHECK(find_tcb(cap_tcb_ptr(c)), "slot %p: thread cap to %p, which is not on the TCB list",
                  (void *)s, (void *)cap_tcb_ptr(c));
            break;
        default:
            break;
        }
    }
}

/* ---------------------------------------------------------------- the derivation tree */

/* As cdt.c's isMDBParentOf: whether b, following a, is a's child. */
static bool mdb_parent_of(const cte_t *a, const cte_t *b)
{
    if (!mdb_revocable(a) || !sameRegionAs(a->cap, b->cap))
        return false;
    switch (cap_get_type(a->cap)) {
    case cap_endpoint:
        return cap_ep_badge(a->cap) == 0 ||
               (cap_ep_badge(a->cap) == cap_ep_badge(b->cap) && !mdb_first_badged(b));
    case cap_notification:
        return cap_ntfn_badge(a->cap) == 0 ||
               (cap_ntfn_badge(a->cap) == cap_ntfn_badge(b->cap) && !mdb_first_badged(b));
    default:
        return true;
    }
}

static word_t ep_rights(cap_t c)
{
    return cap_ep_can_send(c) | cap_ep_can_receive(c) << 1 | cap_ep_can_grant(c) << 2 |
           cap_ep_can_grant_reply(c) << 3;
}

static word_t ntfn_rights(cap_t c) { return cap_ntfn_can_send(c) | cap_ntfn_can_receive(c) << 1; }

/* What a cap may have that its parent in the tree has too. */
static void check_against_parent(const cte_t *s, const cte_t *parent)
{
    cap_t c = s->cap, p = parent->cap;
    if (cap_get_type(c) != cap_get_type(p))
        return;
    switch (cap_get_type(c)) {
    case cap_endpoint:
        CHECK(cap_ep_badge(p) == 0 || cap_ep_badge(p) == cap_ep_badge(c),
              "CDT: endpoint cap in %p has badge %#lx, its parent in %p badge %#lx", (void *)s, cap_ep_badge(c),
              (void *)parent, cap_ep_badge(p));
        CHECK((ep_rights(c) & ~ep_rights(p)) == 0, "CDT: endpoint cap in %p has rights %#lx, its parent in %p %#lx",
              (void *)s, ep_rights(c), (void *)parent, ep_rights(p));
        break;
    case cap_notification:
        CHECK(cap_ntfn_badge(p) == 0 || cap_ntfn_badge(p) == cap_ntfn_badge(c),
              "CDT: notification cap in %p has badge %#lx, its parent in %p badge %#lx", (void *)s,
              cap_ntfn_badge(c), (void *)parent, cap_ntfn_badge(p));
        CHECK((ntfn_rights(c) & ~ntfn_rights(p)) == 0,
              "CDT: notification cap in %p has rights %#lx, its parent in %p %#lx", (void *)s, ntfn_rights(c),
              (void *)parent, ntfn_rights(p));
        break;
    case cap_frame:
        /* VMKernelOnly 1 < VMReadOnly 2 < VMReadWrite 3 */
        CHECK(cap_frame_vm_rights(c) <= cap_frame_vm_rights(p),
              "CDT: frame cap in %p has VM rights %lu, its parent in %p %lu", (void *)s, cap_frame_vm_rights(c),
              (void *)parent, cap_frame_vm_rights(p));
        break;
    case cap_reply:
        CHECK(cap_reply_master(p) && !cap_reply_master(c), "CDT: reply cap in %p under reply cap in %p",
              (void *)s, (void *)parent);
        break;
    default:
        break;
    }
}

static void add_region(cte_t *s, word_t pos)
{
    cap_t c = s->cap;
    word_t base = paddr_from_pptr(cap_object_ptr(c)), bits = cap_object_size_bits(c);
    CHECK(bits < WORD_BITS && IS_ALIGNED(base, bits), "slot %p: object at %#lx of %lu bits is not aligned",
          (void *)s, base, bits);
    region_t r = { base, base + BIT(bits), cap_get_type(c), pos, 0, 0, s };
    if (cap_get_type(c) == cap_untyped) {
        r.free_end = base + cap_ut_free_index(c);
        if (n_uts == MAX_UTS) {
            capacity("untypeds");
            return;
        }
        if (n_open_uts == MAX_OPEN_UT) {
            capacity("nested untypeds");
            return;
        }
        r.run_end = ~0ul;
        open_uts[n_open_uts++] = n_uts;
        uts[n_uts++] = r;
    } else {
        objs[n_objs++] = r;
    }
}

/* One cap, in tree order, with its parent (NULL for a root of the tree). */
static void check_cap(cte_t *s, const cte_t *parent, word_t pos)
{
    cap_t c = s->cap;
    if (parent)
        check_against_parent(s, parent);

    switch (cap_get_type(c)) {
    case cap_untyped: {
        word_t bits = cap_ut_block_bits(c);
        CHECK(bits >= MIN_UNTYPED_BITS && bits <= MAX_UNTYPED_BITS && cap_ut_free_index(c) <= BIT(bits),
              "untyped cap in %p: %lu bits, free index %#lx", (void *)s, bits, cap_ut_free_index(c));
        break;
    }
    case cap_endpoint:
        CHECK(kptr_ok((word_t)cap_object_ptr(c), ENDPOINT_BITS), "endpoint cap in %p: bad object", (void *)s);
        add_qobj((word_t)cap_object_ptr(c), cap_endpoint, true);
        break;
    case cap_notification:
        CHECK(kptr_ok((word_t)cap_object_ptr(c), NOTIFICATION_BITS), "notification cap in %p: bad object",
              (void *)s);
        add_qobj((word_t)cap_object_ptr(c), cap_notification, true);
        break;
    case cap_reply: {
        tcb_t *t = cap_tcb_ptr(c);
        tinfo_t *ti = find_tcb(t);
        if (!ti && cap_reply_master(c) && is_dead_tcb(t) && s == tcb_cte(t, TCB_REPLY))
            break;   /* the master reply cap of a TCB stranded in a zombie */
        CHECK(ti, "reply cap in %p names %p, which is not a TCB on the list", (void *)s, (void *)t);
        if (cap_reply_master(c)) {
            CHECK(s == tcb_cte(t, TCB_REPLY), "master reply cap of %p is in %p, not in its TCB", (void *)t,
                  (void *)s);
            break;
        }
        ti->reply_caps++;
        CHECK(ti->reply_caps == 1, "thread %p \"%s\" has more than one reply cap (one in %p)", (void *)t,
              t->name, (void *)s);
        CHECK(thread_state(t) == ThreadState_BlockedOnReply,
              "reply cap in %p names thread %p \"%s\" in state %lu, not blocked on reply", (void *)s, (void *)t,
              t->name, t->state);
        CHECK(link_prev(s) == tcb_cte(t, TCB_REPLY), "reply cap in %p for %p does not follow its master reply cap",
              (void *)s, (void *)t);
        break;
    }
    case cap_irq_handler:
        CHECK(cap_irq(c) <= IRQ_MSI_MAX && irq_is_issued(cap_irq(c)),
              "IRQ handler cap in %p for IRQ %lu, which is not issued", (void *)s, cap_irq(c));
        irq_caps[cap_irq(c)]++;
        break;
    case cap_io_port:
        CHECK(cap_io_first_port(c) <= cap_io_last_port(c), "IO port cap in %p: ports %lu..%lu", (void *)s,
              cap_io_first_port(c), cap_io_last_port(c));
        break;
    case cap_frame: {
        word_t size = cap_frame_size(c), bits = page_bits_for_size(size);
        vptr_t v = cap_frame_mapped_addr(c);
        CHECK(size <= X64_HugePage && cap_frame_vm_rights(c) >= VMKernelOnly, "frame cap in %p: size %lu rights %lu",
              (void *)s, size, cap_frame_vm_rights(c));
        if (cap_frame_is_mapped(c)) {
            CHECK(cap_frame_mapped_asid(c) != ASID_INVALID && IS_ALIGNED(v, bits) && v + BIT(bits) <= USER_TOP,
                  "frame cap in %p: mapped at %#lx in ASID %lu", (void *)s, v, cap_frame_mapped_asid(c));
            add_map(map_key(cap_frame_mapped_asid(c), v), frame_paddr(c), size, cap_frame_vm_rights(c));
        }
        break;
    }
    case cap_page_table:
    case cap_page_directory:
    case cap_pdpt:
        if (cap_pt_is_mapped(c))
            add_map(map_key(cap_pt_mapped_asid(c), cap_pt_mapped_addr(c)), table_paddr(c),
                    cap_get_type(c) == cap_page_table ? KIND_PT
                    : cap_get_type(c) == cap_page_directory ? KIND_PD : KIND_PDPT, 0);
        break;
    case cap_pml4:
        if (cap_pt_is_mapped(c))
            add_map(map_key(cap_pt_mapped_asid(c), 0), table_paddr(c), KIND_PML4, 0);
        break;
    case cap_asid_pool:
        add_map(map_key(cap_pool_asid_base(c), 0), cap_pool_paddr(c), KIND_POOL, 0);
        break;
    case cap_cnode:
    case cap_thread:
    case cap_zombie:
    case cap_irq_control:
    case cap_domain:
    case cap_asid_control:
    case cap_io_port_control:
        break;
    default:
        violation("slot %p holds a cap of unknown type %d (%#lx:%#lx)", (void *)s, cap_get_type(c), c.w[0], c.w[1]);
    }
    if (cap_object_ptr(c))
        add_region(s, pos);
}

/* Walk every list from its head. The parent of a cap is the nearest cap
 * before it on the stack of open ancestors that isMDBParentOf it. An
 * untyped's revoke run (what cteRevoke deletes) ends at the first cap after
 * it that is not its child. */
static void walk_tree(void)
{
    word_t pos = 0;
    for (word_t i = 0; i < n_slots && !overflow; i++) {
        if (link_prev(slots[i]))
            continue;
        word_t depth = 0;
        n_open_uts = 0;
        for (cte_t *s = slots[i]; s && !overflow; s = mdb_next(s), pos++) {
            CHECK(pos < n_slots, "CDT: the list from %p does not end", (void *)slots[i]);
            while (depth && !mdb_parent_of(stack[depth - 1], s))
                depth--;
            for (word_t k = 0; k < n_open_uts;) {
                region_t *u = &uts[open_uts[k]];
                if (!mdb_parent_of(u->slot, s)) {
                    u->run_end = pos;
                    open_uts[k] = open_uts[--n_open_uts];
                } else {
                    k++;
                }
            }
            check_cap(s, depth ? stack[depth - 1] : NULL, pos);
            stack[depth++] = s;
        }
        for (word_t k = 0; k < n_open_uts; k++)
            uts[open_uts[k]].run_end = pos;
        n_open_uts = 0;
    }
    if (!overflow)
        CHECK(pos == n_slots, "CDT: %lu of %lu caps are on no list that starts at a head (a cycle)",
              n_slots - pos, n_slots);
}

/* ---------------------------------------------------------------- untyped memory */

static bool same_object(const region_t *a, const region_t *b)
{
    return a->key == b->key && a->end == b->end && a->type == b->type;
}

static void check_memory(void)
{
    sort_by_key(objs, n_objs, sizeof(region_t));
    sort_by_key(uts, n_uts, sizeof(region_t));

    /* Different objects never share memory; an untyped is never inside
     * an object (an ASID pool covers its whole 4 KiB untyped exactly). */
    const region_t *widest = NULL;
    for (word_t i = 0; i < n_objs; i++) {
        const region_t *o = &objs[i];
        if (widest && o->key < widest->end)
            CHECK(same_object(o, widest), "memory: object %#lx..%#lx (cap type %lu, in %p) overlaps "
                  "%#lx..%#lx (cap type %lu, in %p)", o->key, o->end, o->type, (void *)o->slot, widest->key,
                  widest->end, widest->type, (void *)widest->slot);
        if (!widest || o->end > widest->end)
            widest = o;
        for (word_t j = lower_bound(uts, n_uts, sizeof(region_t), o->key); j < n_uts && uts[j].key < o->end; j++)
            CHECK(uts[j].key == o->key && uts[j].end >= o->end, "memory: untyped %#lx..%#lx (in %p) lies inside "
                  "object %#lx..%#lx (cap type %lu, in %p)", uts[j].key, uts[j].end, (void *)uts[j].slot, o->key,
                  o->end, o->type, (void *)o->slot);
    }

    /* Everything inside an untyped lies below its free index and in its
     * revoke run: revoking it deletes every cap to that memory, and a
     * retype never hands out memory that is still in use. */
    for (word_t i = 0; i < n_uts; i++) {
        const region_t *u = &uts[i];
        for (word_t j = lower_bound(objs, n_objs, sizeof(region_t), u->key); j < n_objs && objs[j].key < u->end; j++) {
            const region_t *o = &objs[j];
            CHECK(o->end <= u->free_end, "memory: object %#lx..%#lx (cap type %lu, in %p) is above the free index "
                  "%#lx of untyped %#lx..%#lx (in %p)", o->key, o->end, o->type, (void *)o->slot, u->free_end - u->key,
                  u->key, u->end, (void *)u->slot);
            CHECK(o->pos > u->pos && o->pos < u->run_end, "memory: object %#lx..%#lx (cap type %lu, in %p) lies "
                  "in untyped %#lx..%#lx (in %p) but is not its descendant", o->key, o->end, o->type,
                  (void *)o->slot, u->key, u->end, (void *)u->slot);
        }
        for (word_t j = lower_bound(uts, n_uts, sizeof(region_t), u->key); j < n_uts && uts[j].key < u->end; j++) {
            const region_t *v = &uts[j];
            if (v == u || v->pos < u->pos)
                continue;
            if (v->key == u->key && v->end == u->end) {
                /* a copy: made only while u had no children, and it made u full */
                if (v->pos < u->run_end)
                    CHECK(u->free_end == u->end, "memory: untyped %#lx..%#lx (in %p) has a copy in %p but is not "
                          "full", u->key, u->end, (void *)u->slot, (void *)v->slot);
                continue;
            }
            CHECK(v->end <= u->end && v->end <= u->free_end && v->pos < u->run_end,
                  "memory: untyped %#lx..%#lx (in %p) inside untyped %#lx..%#lx (in %p, free index %#lx) is above "
                  "its free index or not its descendant", v->key, v->end, (void *)v->slot, u->key, u->end,
                  (void *)u->slot, u->free_end - u->key);
        }
    }
}

/* ---------------------------------------------------------------- threads and queues */

static bool canonical(word_t v)
{
    sword_t top = (sword_t)v >> 47;
    return top == 0 || top == -1;
}

static void check_tcb_slots(tcb_t *t)
{
    cap_t c;
    c = tcb_cte(t, TCB_CTABLE)->cap;
    CHECK(cap_is_null(c) || cap_get_type(c) == cap_cnode, "thread %p \"%s\": CSpace root slot holds cap type %d",
          (void *)t, t->name, cap_get_type(c));
    c = tcb_cte(t, TCB_VTABLE)->cap;
    CHECK(cap_is_null(c) || cap_get_type(c) == cap_pml4, "thread %p \"%s\": VSpace root slot holds cap type %d",
          (void *)t, t->name, cap_get_type(c));
    c = tcb_cte(t, TCB_REPLY)->cap;
    CHECK(cap_is_null(c) || (cap_get_type(c) == cap_reply && cap_reply_master(c) && cap_tcb_ptr(c) == t),
          "thread %p \"%s\": master reply slot holds %#lx:%#lx", (void *)t, t->name, c.w[0], c.w[1]);
    c = tcb_cte(t, TCB_CALLER)->cap;
    CHECK(cap_is_null(c) || (cap_get_type(c) == cap_reply && !cap_reply_master(c)),
          "thread %p \"%s\": caller slot holds %#lx:%#lx", (void *)t, t->name, c.w[0], c.w[1]);
    c = tcb_cte(t, TCB_BUFFER)->cap;
    CHECK(cap_is_null(c) || cap_get_type(c) == cap_frame, "thread %p \"%s\": IPC buffer slot holds cap type %d",
          (void *)t, t->name, cap_get_type(c));
}

/* One endpoint or notification queue: links mutual, every thread on it
 * blocked on this object in the state the queue's state asks for. */
static void check_queue(const qobj_t *q)
{
    word_t *w = (word_t *)q->key;
    bool ep = q->type == cap_endpoint;
    const char *what = ep ? "endpoint" : "notification";
    word_t state = queue_state(w), n = 0;
    tcb_t *head = queue_head(w), *tail = queue_tail(w), *prev = NULL, *t;

    if (ep)
        CHECK(state <= EPState_Recv, "endpoint %p: state %lu", (void *)w, state);
    else
        CHECK(state <= NtfnState_Active, "notification %p: state %lu", (void *)w, state);
    bool waiting = ep ? state != EPState_Idle : state == NtfnState_Waiting;
    CHECK(waiting == (head != NULL) && (head == NULL) == (tail == NULL),
          "%s %p: state %lu with head %p tail %p", what, (void *)w, state, (void *)head, (void *)tail);
    word_t want = !ep ? ThreadState_BlockedOnNotification
                : state == EPState_Send ? ThreadState_BlockedOnSend : ThreadState_BlockedOnReceive;
    for (t = head; t; prev = t, t = t->ep_next) {
        tinfo_t *ti = find_tcb(t);
        CHECK(ti, "%s %p: queued %p is not a TCB on the list", what, (void *)w, (void *)t);
        CHECK(++n <= n_tcbs, "%s %p: the queue does not end", what, (void *)w);
        CHECK(t->ep_prev == prev, "%s %p: queued thread %p's prev is %p, not %p", what, (void *)w, (void *)t,
              (void *)t->ep_prev, (void *)prev);
        CHECK(thread_state(t) == want && t->blocking_object == (word_t)w,
              "%s %p: queued thread %p \"%s\" is in state %lu blocked on %#lx", what, (void *)w, (void *)t, t->name,
              t->state, t->blocking_object);
        ti->in_queues++;
    }
    CHECK(prev == tail, "%s %p: tail is %p, the last queued thread %p", what, (void *)w, (void *)tail, (void *)prev);
    if (!ep && ((notification_t *)w)->bound_tcb) {
        tcb_t *b = ((notification_t *)w)->bound_tcb;
        CHECK(find_tcb(b) && b->bound_notification == (notification_t *)w,
              "notification %p: bound to %p, which is not bound to it", (void *)w, (void *)b);
    }
}

static void check_queues(void)
{
    /* the objects threads are blocked on, whether or not a cap names them */
    for (word_t i = 0; i < n_tcbs; i++) {
        tcb_t *t = (tcb_t *)tcbs[i].key;
        if (t->state == ThreadState_BlockedOnSend || t->state == ThreadState_BlockedOnReceive) {
            CHECK(kptr_ok(t->blocking_object, ENDPOINT_BITS), "thread %p blocked on %#lx", (void *)t,
                  t->blocking_object);
            add_qobj(t->blocking_object, cap_endpoint, false);
        } else if (t->state == ThreadState_BlockedOnNotification) {
            CHECK(kptr_ok(t->blocking_object, NOTIFICATION_BITS), "thread %p blocked on %#lx", (void *)t,
                  t->blocking_object);
            add_qobj(t->blocking_object, cap_notification, false);
        }
        if (t->bound_notification) {
            CHECK(kptr_ok((word_t)t->bound_notification, NOTIFICATION_BITS), "thread %p bound to %p", (void *)t,
                  (void *)t->bound_notification);
            add_qobj((word_t)t->bound_notification, cap_notification, false);
        }
    }
    if (overflow)
        return;
    sort_by_key(qobjs, n_qobjs, sizeof(qobj_t));
    word_t n = 0;
    for (word_t i = 0; i < n_qobjs; i++) {
        if (n && qobjs[n - 1].key == qobjs[i].key) {
            CHECK(qobjs[n - 1].type == qobjs[i].type, "object %p is used as an endpoint and as a notification",
                  (void *)qobjs[i].key);
            qobjs[n - 1].named |= qobjs[i].named;
            continue;
        }
        qobjs[n++] = qobjs[i];
    }
    n_qobjs = n;
    for (word_t i = 0; i < n_qobjs; i++)
        check_queue(&qobjs[i]);
    /* a thread never waits on, or is bound to, an object that is gone */
    for (word_t i = 0; i < n_tcbs; i++) {
        tcb_t *t = (tcb_t *)tcbs[i].key;
        bool blocked = t->state == ThreadState_BlockedOnSend || t->state == ThreadState_BlockedOnReceive ||
                       t->state == ThreadState_BlockedOnNotification;
        if (blocked)
            CHECK(find_qobj(t->blocking_object)->named, "thread %p \"%s\" is blocked on %#lx, which no cap names",
                  (void *)t, t->name, t->blocking_object);
        if (t->bound_notification)
            CHECK(find_qobj((word_t)t->bound_notification)->named,
                  "thread %p \"%s\" is bound to notification %p, which no cap names", (void *)t, t->name,
                  (void *)t->bound_notification);
    }
}

static void check_threads(void)
{
    static word_t queued[NUM_PRIOS];
    static tcb_t *heads[NUM_PRIOS];
    memset(queued, 0, sizeof(queued));
    memset(heads, 0, sizeof(heads));

    CHECK(ksSchedulerAction == SCHEDULER_ACTION_RESUME_CURRENT, "scheduler action %p left at the end of an entry",
          (void *)ksSchedulerAction);
    CHECK(ksCurThread == ksIdleThread || (find_tcb(ksCurThread) && ksCurThread->state == ThreadState_Running),
          "the current thread %p is in state %lu", (void *)ksCurThread, ksCurThread->state);
    CHECK(ksIdleThread->state == ThreadState_IdleThreadState && !ksIdleThread->in_ready_queue,
          "the idle thread is in state %lu, queued %d", ksIdleThread->state, ksIdleThread->in_ready_queue);

    for (word_t i = 0; i < n_tcbs; i++) {
        tcb_t *t = (tcb_t *)tcbs[i].key;
        if (t == ksIdleThread)
            continue;
        CHECK(t->state <= ThreadState_BlockedOnNotification, "thread %p \"%s\": state %lu", (void *)t, t->name,
              t->state);
        CHECK(t->priority < NUM_PRIOS && t->mcp < NUM_PRIOS, "thread %p \"%s\": priority %lu, MCP %lu", (void *)t,
              t->name, t->priority, t->mcp);
        CHECK(t->fault.type <= fault_vm && t->fault.type != 4, "thread %p \"%s\": fault type %lu", (void *)t,
              t->name, t->fault.type);
        /* every writer sanitises them; the exit's wrmsr relies on it (restore.c) */
        CHECK(canonical(t->ctx.r[REG_FS_BASE]) && canonical(t->ctx.r[REG_GS_BASE]),
              "thread %p \"%s\": non-canonical TLS base %#lx / %#lx", (void *)t, t->name, t->ctx.r[REG_FS_BASE],
              t->ctx.r[REG_GS_BASE]);
        check_tcb_slots(t);

        bool blocked_on_object = t->state == ThreadState_BlockedOnSend || t->state == ThreadState_BlockedOnReceive ||
                                 t->state == ThreadState_BlockedOnNotification;
        CHECK(tcbs[i].in_queues == (blocked_on_object ? 1u : 0u),
              "thread %p \"%s\" in state %lu is in %lu endpoint/notification queues", (void *)t, t->name, t->state,
              tcbs[i].in_queues);
        CHECK(blocked_on_object || (!t->ep_next && !t->ep_prev),
              "thread %p \"%s\" is in no queue but has queue links %p, %p", (void *)t, t->name, (void *)t->ep_next,
              (void *)t->ep_prev);
        if (t->bound_notification)
            CHECK(t->bound_notification->bound_tcb == t, "thread %p \"%s\": bound notification %p is bound to %p",
                  (void *)t, t->name, (void *)t->bound_notification, (void *)t->bound_notification->bound_tcb);

        /* the ready queues */
        if (!t->in_ready_queue) {
            CHECK(t == ksCurThread || !isRunnable(t), "thread %p \"%s\" is runnable (state %lu) but not queued",
                  (void *)t, t->name, t->state);
            CHECK(!t->sched_next && !t->sched_prev, "thread %p \"%s\" is not queued but has ready-queue links",
                  (void *)t, t->name);
            continue;
        }
        CHECK(isRunnable(t) && t != ksCurThread, "thread %p \"%s\" in state %lu is in a ready queue%s", (void *)t,
              t->name, t->state, t == ksCurThread ? " while current" : "");
        if (t->sched_prev)
            CHECK(find_tcb(t->sched_prev) && t->sched_prev->sched_next == t && t->sched_prev->in_ready_queue &&
                  t->sched_prev->priority == t->priority,
                  "ready queue: thread %p's prev %p does not lead back to it at priority %lu", (void *)t,
                  (void *)t->sched_prev, t->priority);
        else {
            CHECK(!heads[t->priority], "ready queue %lu has two heads, %p and %p", t->priority,
                  (void *)heads[t->priority], (void *)t);
            heads[t->priority] = t;
        }
        if (t->sched_next)
            CHECK(find_tcb(t->sched_next) && t->sched_next->sched_prev == t,
                  "ready queue: thread %p's next %p does not lead back to it", (void *)t, (void *)t->sched_next);
        queued[t->priority]++;
    }
    for (word_t p = 0; p < NUM_PRIOS; p++) {
        word_t n = 0;
        for (tcb_t *t = heads[p]; t && n <= queued[p]; t = t->sched_next)
            n++;
        CHECK(n == queued[p], "ready queue %lu: %lu threads are queued at this priority, %lu reachable from its head",
              p, queued[p], n);
    }

    for (word_t irq = 0; irq <= IRQ_MSI_MAX; irq++)
        CHECK(!irq_is_issued(irq) || irq_caps[irq] > 0, "IRQ %lu is issued but no IRQ handler cap names it", irq);
}

/* ---------------------------------------------------------------- VSpaces */

/* A cap that records a mapping of `kind` at (asid, vaddr) of `paddr`, and
 * for a frame one whose rights allow what the entry lets user space do. */
static bool mapped_by_cap(word_t asid, vptr_t vaddr, word_t kind, paddr_t paddr, pte_t e)
{
    word_t key = map_key(asid, vaddr);
    for (word_t i = lower_bound(maps, n_maps, sizeof(maprec_t), key); i < n_maps && maps[i].key == key; i++) {
        const maprec_t *m = &maps[i];
        if (m->kind != kind || m->paddr != paddr)
            continue;
        if (kind > KIND_1G)
            return true;
        /* Only what user space can do counts: a VMKernelOnly entry is
         * writable but not user-accessible whatever the cap's rights. */
        if ((e & PTE_USER) && m->rights == VMKernelOnly)
            continue;
        if ((e & PTE_USER) && (e & PTE_WRITE) && m->rights != VMReadWrite)
            continue;
        return true;
    }
    return false;
}

#define CHECK_MAPPED(asid, v, kind, paddr, e, what)                                                         \
    CHECK(mapped_by_cap(asid, v, kind, paddr, e), "VSpace of ASID %lu: %s at %#lx -> %#lx (entry %#lx) has no " \
          "cap that records it", asid, what, (word_t)(v), (word_t)(paddr), (word_t)(e))

static void check_vspace(word_t asid, pte_t *pml4)
{
    pte_t *kernel = ptr_from_paddr(arch_kernel_pml4());
    for (word_t i = KERNEL_PML4_FIRST; i < PT_ENTRIES; i++)
        CHECK(pml4[i] == kernel[i], "VSpace of ASID %lu: kernel PML4 entry %lu is %#lx, not %#lx", asid, i, pml4[i],
              kernel[i]);
    for (word_t i = 0; i < KERNEL_PML4_FIRST; i++) {
        pte_t e1 = pml4[i];
        vptr_t v1 = i << PML4_SHIFT;
        if (!pte_present(e1))
            continue;
        CHECK_MAPPED(asid, v1, KIND_PDPT, pte_table_paddr(e1), e1, "PDPT");
        pte_t *pdpt = pte_table(e1);
        for (word_t j = 0; j < PT_ENTRIES; j++) {
            pte_t e2 = pdpt[j];
            vptr_t v2 = v1 | j << PDPT_SHIFT;
            if (!pte_present(e2))
                continue;
            if (pte_is_page(e2)) {
                CHECK_MAPPED(asid, v2, KIND_1G, pte_page_paddr(e2, HUGE_PAGE_BITS), e2, "1 GiB page");
                continue;
            }
            CHECK_MAPPED(asid, v2, KIND_PD, pte_table_paddr(e2), e2, "page directory");
            pte_t *pd = pte_table(e2);
            for (word_t k = 0; k < PT_ENTRIES; k++) {
                pte_t e3 = pd[k];
                vptr_t v3 = v2 | k << PD_SHIFT;
                if (!pte_present(e3))
                    continue;
                if (pte_is_page(e3)) {
                    CHECK_MAPPED(asid, v3, KIND_2M, pte_page_paddr(e3, LARGE_PAGE_BITS), e3, "2 MiB page");
                    continue;
                }
                CHECK_MAPPED(asid, v3, KIND_PT, pte_table_paddr(e3), e3, "page table");
                pte_t *pt = pte_table(e3);
                for (word_t l = 0; l < PT_ENTRIES; l++)
                    if (pte_present(pt[l]))
                        CHECK_MAPPED(asid, v3 | l << PT_SHIFT, KIND_4K, pte_page_paddr(pt[l], PAGE_BITS), pt[l],
                                     "4 KiB page");
            }
        }
    }
}

static void check_vspaces(void)
{
    sort_by_key(maps, n_maps, sizeof(maprec_t));
    for (word_t i = 0; i < N_ASID_POOLS; i++) {
        asid_pool_t *pool = x86KSASIDTable[i];
        if (!pool)
            continue;
        CHECK(kptr_ok((word_t)pool, ASID_POOL_BITS) &&
              mapped_by_cap(i << ASID_LOW_BITS, 0, KIND_POOL, paddr_from_pptr(pool), 0),
              "ASID table: pool %lu at %p has no ASID pool cap", i, (void *)pool);
        for (word_t j = 0; j < BIT(ASID_LOW_BITS); j++) {
            pte_t *pml4 = pool->pml4[j];
            word_t asid = i << ASID_LOW_BITS | j;
            if (!pml4)
                continue;
            CHECK(asid != ASID_INVALID && kptr_ok((word_t)pml4, PT_BITS) &&
                  mapped_by_cap(asid, 0, KIND_PML4, paddr_from_pptr(pml4), 0),
                  "ASID table: ASID %lu names PML4 %p, which no PML4 cap with that ASID names", asid, (void *)pml4);
            check_vspace(asid, pml4);
        }
    }
}

/* ---------------------------------------------------------------- the entry point */

static void clear_marks(void)
{
    for (word_t i = 0; i < n_slots; i++)
        slots[i]->mdb.prev &= ~MARK_SLOT;
    for (word_t i = 0; i < n_cnodes; i++)
        cnodes[i]->mdb.prev &= ~MARK_CNODE;
}

void check_invariants(void)
{
    if (n_entries++ % CONFIG_INVARIANTS_PERIOD != 0)
        return;
    if (n_entries == 1)
        kprintf("keel: invariant checker on (period: %lu kernel entries)\n",
                (word_t)CONFIG_INVARIANTS_PERIOD);
    n_tcbs = n_slots = n_cnodes = n_qobjs = n_objs = n_uts = n_maps = n_open_uts = n_dead_tcbs = 0;
    overflow = false;
    memset(irq_caps, 0, sizeof(irq_caps));

    find_tcbs();
    if (!overflow)
        find_slots();
    if (!overflow)
        walk_tree();
    clear_marks();
    if (overflow)
        return;
    check_memory();
    check_queues();
    if (overflow)
        return;
    check_threads();
    check_vspaces();
}

#endif /* CONFIG_INVARIANTS */
