/* Host unit tests of the kernel's CSpace addressing (kernel/kernel/cspace.c):
 * resolveAddressBits and lookupSlotForCNodeOp against synthetic CNodes,
 * by hand and against a bit-by-bit reference on random CNode trees.
 *
 * The kernel turns a cap's physical address into a pointer by adding
 * PPTR_BASE; a host object at h is named by the "physical address"
 * h - PPTR_BASE (mod 2^64), which fits the cap's 48-bit field because
 * host user addresses are below 2^47. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel.h"

syscall_error_t current_syscall_error;   /* defined in message.c in the kernel */

static int failures, checks;

static void report(int ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void report(int ok, const char *name, const char *fmt, ...)
{
    checks++;
    if (ok) {
        printf("PASS: %s\n", name);
        return;
    }
    failures++;
    printf("FAIL: %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* ---------------------------------------------------------------- synthetic CNodes */

#define POOL_SLOTS 65536
static cte_t pool[POOL_SLOTS] __attribute__((aligned(32)));
static word_t pool_used;

static cap_t cnode_cap(word_t radix, word_t guard_size, word_t guard, cte_t **slots_out)
{
    cte_t *slots = &pool[pool_used];
    pool_used += BIT(radix);
    if (pool_used > POOL_SLOTS) {
        fprintf(stderr, "pool exhausted\n");
        exit(2);
    }
    memset(slots, 0, BIT(radix) * sizeof(cte_t));
    cap_t c = cap_new(cap_cnode);
    c = cap_set_cnode_paddr_5(c, paddr_from_pptr(slots) >> 5);
    c = cap_set_cnode_radix(c, radix);
    c = cap_set_cnode_guard_size(c, guard_size);
    c = cap_set_cnode_guard(c, guard);
    if (slots_out)
        *slots_out = slots;
    return c;
}

static cap_t ep_cap(void)
{
    return cap_set_ep_paddr(cap_new(cap_endpoint), 0x1000);
}

/* ---------------------------------------------------------------- by hand */

static void hand_tests(void)
{
    cte_t *root_slots, *a_slots, *b_slots;
    pool_used = 0;

    /* a root-task-like CNode: 2^4 slots behind a 60-bit guard of 0 */
    cap_t root = cnode_cap(4, 60, 0, &root_slots);
    resolve_ret_t r = resolveAddressBits(root, 5, 64);
    report(r.status == EXCEPTION_NONE && r.slot == &root_slots[5] && r.bits_remaining == 0,
           "resolve: one level, guard 60 + radix 4 = 64 bits", "status %d slot %td left %lu",
           r.status, r.slot - root_slots, r.bits_remaining);

    r = resolveAddressBits(root, (1ul << 63) | 5, 64);
    report(r.status == EXCEPTION_LOOKUP_FAULT && current_lookup_fault.type == lookup_guard_mismatch &&
           current_lookup_fault.bits_left == 64 && current_lookup_fault.bits_found == 60 &&
           current_lookup_fault.guard_found == 0,
           "resolve: guard mismatch reports bits left, guard size and the CNode's guard",
           "status %d type %lu left %lu found %lu guard %#lx", r.status, current_lookup_fault.type,
           current_lookup_fault.bits_left, current_lookup_fault.bits_found, current_lookup_fault.guard_found);

    r = resolveAddressBits(root, 5, 10);
    report(r.status == EXCEPTION_LOOKUP_FAULT && current_lookup_fault.type == lookup_guard_mismatch &&
           current_lookup_fault.bits_left == 10 && current_lookup_fault.bits_found == 60,
           "resolve: a guard longer than the bits left is a guard mismatch", "type %lu left %lu found %lu",
           current_lookup_fault.type, current_lookup_fault.bits_left, current_lookup_fault.bits_found);

    cap_t g = cnode_cap(4, 12, 0xabc, &a_slots);
    r = resolveAddressBits(g, (0xabcul << 4) | 9, 16);
    report(r.status == EXCEPTION_NONE && r.slot == &a_slots[9], "resolve: a non-zero guard that matches",
           "status %d", r.status);
    r = resolveAddressBits(g, (0xabdul << 4) | 9, 16);
    report(r.status == EXCEPTION_LOOKUP_FAULT && current_lookup_fault.guard_found == 0xabc &&
           current_lookup_fault.bits_found == 12 && current_lookup_fault.bits_left == 16,
           "resolve: a non-zero guard that does not match", "guard %#lx", current_lookup_fault.guard_found);

    cap_t a = cnode_cap(8, 0, 0, &a_slots);
    r = resolveAddressBits(a, 1, 4);
    report(r.status == EXCEPTION_LOOKUP_FAULT && current_lookup_fault.type == lookup_depth_mismatch &&
           current_lookup_fault.bits_left == 4 && current_lookup_fault.bits_found == 8,
           "resolve: fewer bits than the level needs is a depth mismatch", "type %lu left %lu found %lu",
           current_lookup_fault.type, current_lookup_fault.bits_left, current_lookup_fault.bits_found);

    /* two levels: A[3] = B (radix 4, guard 0b10 of 2 bits) */
    cap_t b = cnode_cap(4, 2, 2, &b_slots);
    a_slots[3].cap = b;
    r = resolveAddressBits(a, (3ul << 6) | (2 << 4) | 7, 14);
    report(r.status == EXCEPTION_NONE && r.slot == &b_slots[7] && r.bits_remaining == 0,
           "resolve: two levels with a guard on the second", "status %d left %lu", r.status, r.bits_remaining);
    r = resolveAddressBits(a, (3ul << 6) | (1 << 4) | 7, 14);
    report(r.status == EXCEPTION_LOOKUP_FAULT && current_lookup_fault.type == lookup_guard_mismatch &&
           current_lookup_fault.bits_left == 6 && current_lookup_fault.guard_found == 2,
           "resolve: guard mismatch at the second level counts the bits left there", "left %lu",
           current_lookup_fault.bits_left);
    r = resolveAddressBits(a, 3, 8);
    report(r.status == EXCEPTION_NONE && r.slot == &a_slots[3] && r.bits_remaining == 0,
           "resolve: a depth that ends at a CNode cap names its slot", "status %d", r.status);

    /* stops early at a slot that holds no CNode */
    a_slots[5].cap = ep_cap();
    r = resolveAddressBits(a, (5ul << 8) | 0x12, 16);
    report(r.status == EXCEPTION_NONE && r.slot == &a_slots[5] && r.bits_remaining == 8,
           "resolve: stops at a non-CNode cap with bits remaining", "status %d left %lu", r.status,
           r.bits_remaining);
    r = resolveAddressBits(a, (6ul << 8) | 0x12, 16);   /* empty slot */
    report(r.status == EXCEPTION_NONE && r.slot == &a_slots[6] && r.bits_remaining == 8,
           "resolve: stops at an empty slot with bits remaining", "status %d left %lu", r.status,
           r.bits_remaining);

    r = resolveAddressBits(ep_cap(), 0, 64);
    report(r.status == EXCEPTION_LOOKUP_FAULT && current_lookup_fault.type == lookup_invalid_root,
           "resolve: a root that is not a CNode is an invalid root", "status %d type %lu", r.status,
           current_lookup_fault.type);

    /* the high bits of a CPtr beyond n_bits are ignored */
    r = resolveAddressBits(a, (0xfffful << 8) | 3, 8);
    report(r.status == EXCEPTION_NONE && r.slot == &a_slots[3], "resolve: bits above the depth are ignored",
           "status %d", r.status);

    /* lookupSlotForCNodeOp */
    lookup_slot_ret_t l = lookupSlotForCNodeOp(true, a, 3, 0);
    report(l.status == EXCEPTION_SYSCALL_ERROR && current_syscall_error.type == seL4_RangeError &&
           current_syscall_error.range_min == 1 && current_syscall_error.range_max == 64,
           "cnode op: depth 0 is a range error 1..64", "type %lu", current_syscall_error.type);
    l = lookupSlotForCNodeOp(true, a, 3, 65);
    report(l.status == EXCEPTION_SYSCALL_ERROR && current_syscall_error.type == seL4_RangeError,
           "cnode op: depth 65 is a range error", "type %lu", current_syscall_error.type);
    l = lookupSlotForCNodeOp(false, ep_cap(), 3, 8);
    report(l.status == EXCEPTION_SYSCALL_ERROR && current_syscall_error.type == seL4_FailedLookup &&
           !current_syscall_error.failed_lookup_was_source && current_lookup_fault.type == lookup_invalid_root,
           "cnode op: a non-CNode root is a failed lookup (invalid root)", "type %lu", current_syscall_error.type);
    l = lookupSlotForCNodeOp(true, a, (5ul << 8) | 1, 16);
    report(l.status == EXCEPTION_SYSCALL_ERROR && current_syscall_error.type == seL4_FailedLookup &&
           current_syscall_error.failed_lookup_was_source && current_lookup_fault.type == lookup_depth_mismatch &&
           current_lookup_fault.bits_left == 8 && current_lookup_fault.bits_found == 0,
           "cnode op: bits left over are a depth mismatch (bits found 0)", "type %lu left %lu found %lu",
           current_lookup_fault.type, current_lookup_fault.bits_left, current_lookup_fault.bits_found);
    l = lookupSlotForCNodeOp(true, a, (3ul << 6) | (2 << 4) | 1, 14);
    report(l.status == EXCEPTION_NONE && l.slot == &b_slots[1], "cnode op: two levels", "status %d", l.status);
}

/* ---------------------------------------------------------------- reference */

/* The seL4 manual's description, bit by bit: at each CNode take guard_size
 * bits and compare, then radix bits as the index; stop when the bits run
 * out or the slot holds something other than a CNode. */
typedef struct { int fault; word_t type, left, found, guard; cte_t *slot; word_t remaining; } ref_t;

static word_t take(word_t cptr, word_t *n, word_t k)   /* the next k bits below bit *n */
{
    word_t v = 0;
    for (word_t i = 0; i < k; i++) {
        (*n)--;
        v = (v << 1) | ((cptr >> *n) & 1);
    }
    return v;
}

static ref_t reference(cap_t node, word_t cptr, word_t n)
{
    ref_t r = { 0 };
    if (cap_get_type(node) != cap_cnode) {
        r.fault = 1;
        r.type = lookup_invalid_root;
        return r;
    }
    for (;;) {
        word_t gs = cap_cnode_guard_size(node), radix = cap_cnode_radix(node);
        if (gs > n || (gs && (cptr << (64 - n) >> (64 - gs)) != cap_cnode_guard(node))) {
            r.fault = 1;
            r.type = lookup_guard_mismatch;
            r.left = n;
            r.found = gs;
            r.guard = cap_cnode_guard(node);
            return r;
        }
        if (gs + radix > n) {
            r.fault = 1;
            r.type = lookup_depth_mismatch;
            r.left = n;
            r.found = gs + radix;
            return r;
        }
        word_t m = n;
        take(cptr, &m, gs);
        word_t index = take(cptr, &m, radix);
        cte_t *slot = cnode_slots(node) + index;
        if (m == 0 || cap_get_type(slot->cap) != cap_cnode) {
            r.slot = slot;
            r.remaining = m;
            return r;
        }
        n = m;
        node = slot->cap;
    }
}

static unsigned long long rng_state = 0x9e3779b97f4a7c15ull;
static word_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A random tree: each CNode has radix 1..6 and guard 0..(budget - radix)
 * bits; some slots hold child CNodes, some endpoints, the rest nothing. */
static cap_t random_tree(int depth, word_t budget)
{
    word_t radix = 1 + rnd() % 6;
    if (radix > budget)
        radix = budget;
    word_t gs = rnd() % 3 == 0 ? 0 : rnd() % (budget - radix + 1);
    if (gs > 20)
        gs = rnd() % 21;
    word_t guard = gs ? rnd() & MASK(gs) : 0;
    cte_t *slots;
    cap_t c = cnode_cap(radix, gs, guard, &slots);
    for (word_t i = 0; i < BIT(radix); i++) {
        word_t k = rnd() % 4;
        if (k == 0 && depth > 0 && budget > radix + gs + 1 && pool_used + 64 < POOL_SLOTS)
            slots[i].cap = random_tree(depth - 1, budget - radix - gs);
        else if (k == 1)
            slots[i].cap = ep_cap();
    }
    return c;
}

/* A CPtr that follows the tree's guards most of the time. */
static word_t guided_cptr(cap_t node, word_t n)
{
    word_t cptr = 0, used = 0;
    while (cap_get_type(node) == cap_cnode && used < n) {
        word_t gs = cap_cnode_guard_size(node), radix = cap_cnode_radix(node);
        word_t guard = rnd() % 8 ? cap_cnode_guard(node) : rnd();
        word_t index = rnd() & MASK(radix);
        word_t w = gs + radix;
        if (used + w > n)
            break;
        cptr = (cptr << w) | ((guard & MASK(gs)) << radix) | index;
        used += w;
        node = cnode_slots(node)[index].cap;
    }
    word_t rest = n - used;
    cptr = rest >= 64 ? rnd() : (cptr << rest) | (rnd() & MASK(rest));
    if (n < 64)
        cptr |= rnd() << n;   /* bits above the depth must not matter */
    return cptr;
}

static void random_tests(void)
{
    int trees = 200, per_tree = 500, bad = 0, kinds[5] = { 0 };
    char detail[200] = "";
    for (int t = 0; t < trees; t++) {
        pool_used = 0;
        word_t budget = 8 + rnd() % 57;
        cap_t root = random_tree(3, budget);
        for (int i = 0; i < per_tree; i++) {
            word_t n = 1 + rnd() % 64;
            word_t cptr = guided_cptr(root, n);
            ref_t want = reference(root, cptr, n);
            kinds[want.fault ? 1 + want.type : 0]++;
            memset(&current_lookup_fault, 0x5a, sizeof(current_lookup_fault));
            resolve_ret_t got = resolveAddressBits(root, cptr, n);
            int ok;
            if (want.fault) {
                ok = got.status == EXCEPTION_LOOKUP_FAULT && current_lookup_fault.type == want.type;
                if (ok && want.type != lookup_invalid_root)
                    ok = current_lookup_fault.bits_left == want.left && current_lookup_fault.bits_found == want.found;
                if (ok && want.type == lookup_guard_mismatch)
                    ok = current_lookup_fault.guard_found == want.guard;
            } else {
                ok = got.status == EXCEPTION_NONE && got.slot == want.slot && got.bits_remaining == want.remaining;
            }
            if (!ok && !bad++)
                snprintf(detail, sizeof(detail), "tree %d: cptr %#lx depth %lu: reference %s type %lu left %lu, "
                         "kernel status %d type %lu left %lu", t, cptr, n, want.fault ? "fault" : "slot",
                         want.type, want.fault ? want.left : want.remaining, got.status,
                         current_lookup_fault.type, got.status ? current_lookup_fault.bits_left : got.bits_remaining);
        }
    }
    report(bad == 0, "resolve: matches the bit-by-bit reference on 100000 random lookups in 200 random trees",
           "%d mismatches; first: %s", bad, detail);
    report(kinds[0] > 10000 && kinds[1 + lookup_guard_mismatch] > 1000 && kinds[1 + lookup_depth_mismatch] > 1000,
           "resolve: the random lookups cover slots, guard mismatches and depth mismatches",
           "slots %d, guard mismatches %d, depth mismatches %d", kinds[0], kinds[1 + lookup_guard_mismatch],
           kinds[1 + lookup_depth_mismatch]);
}

int main(void)
{
    hand_tests();
    random_tests();
    return failures != 0;
}
