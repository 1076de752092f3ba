/* Regression tests for kernel bugs found by the fuzzer and the invariant
 * checker (docs/hardening.md). One case per bug, named after it; each
 * prints PASS: regress/<name> or FAIL: regress/<name>: <detail>, then
 * "N passed, N failed"; main returns the number of failures. */
#include <stdio.h>
#include <string.h>
#include <sel4/sel4.h>
#include <sel4runtime.h>

#define RC    seL4_CapInitThreadCNode
#define DEPTH seL4_WordBits

static seL4_BootInfo *bi;
static seL4_Word next_slot;
static char why[200];

#define FAIL(...) do { snprintf(why, sizeof(why), __VA_ARGS__); return; } while (0)

/* ---------------------------------------------------------------- untyped alignment */

/* Retype computed an object's alignment on its kernel-window address,
 * whose base (PPTR_BASE) is only 2^39 aligned: from a device untyped of
 * 2^46 bytes a 2^40-byte untyped came out at physical 0x408000000000, not
 * aligned to its size (the invariant checker: "object ... not aligned"). */
static void device_untyped_alignment(void)
{
    seL4_CPtr big = 0;
    seL4_Word bits = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_UntypedDesc *d = &bi->untypedList[i];
        if (d->isDevice && d->sizeBits > bits && d->sizeBits > 40) {
            bits = d->sizeBits;
            big = bi->untyped.start + i;
        }
    }
    if (!big)
        FAIL("no device untyped of more than 2^40 bytes");
    for (seL4_Word size = 40; size < bits; size++) {
        seL4_CPtr child = next_slot++, frame = next_slot++;
        seL4_Error e = seL4_Untyped_Retype(big, seL4_UntypedObject, size, RC, 0, 0, child, 1);
        if (e)
            FAIL("retype of a 2^%lu untyped: error %d", size, e);
        e = seL4_Untyped_Retype(child, seL4_X86_4K, 0, RC, 0, 0, frame, 1);
        if (e)
            FAIL("retype of a frame from the 2^%lu untyped: error %d", size, e);
        seL4_X86_Page_GetAddress_t a = seL4_X86_Page_GetAddress(frame);
        if (a.error || (a.paddr & ((1ul << size) - 1)))
            FAIL("a 2^%lu untyped starts at physical %#lx (error %d)", size, a.paddr, a.error);
        seL4_CNode_Revoke(RC, big, DEPTH);
        seL4_CNode_Delete(RC, child, DEPTH);
    }
}

/* ---------------------------------------------------------------- stranded zombies */

/* Not a kernel bug but a checker one: deleting the last cap to CNode A
 * whose last slot holds the last cap to CNode B (or TCB T) leaves B's (T's)
 * zombie stranded in B's (T's) first slot, as in seL4, until the untyped is
 * revoked. The invariant checker took that for a zombie left behind by an
 * unfinished deletion. On a checker kernel, every syscall below is checked. */
static void stranded_zombie(void)
{
    seL4_CPtr ut = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start && !ut; i++)
        if (!bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= 16)
            ut = bi->untyped.start + i;
    seL4_CPtr sub = next_slot++, a = next_slot++, b = next_slot++, t = next_slot++, ep = next_slot++;
    seL4_CPtr a2 = next_slot++;
    if (!ut || seL4_Untyped_Retype(ut, seL4_UntypedObject, 16, RC, 0, 0, sub, 1))
        FAIL("no untyped");
    if (seL4_Untyped_Retype(sub, seL4_CapTableObject, 2, RC, 0, 0, a, 1) ||
        seL4_Untyped_Retype(sub, seL4_CapTableObject, 2, RC, 0, 0, b, 1) ||
        seL4_Untyped_Retype(sub, seL4_CapTableObject, 2, RC, 0, 0, a2, 1) ||
        seL4_Untyped_Retype(sub, seL4_TCBObject, 0, RC, 0, 0, t, 1) ||
        seL4_Untyped_Retype(sub, seL4_EndpointObject, 0, RC, 0, 0, ep, 1))
        FAIL("retype");
    /* B: caps in its first and second slots; then its last cap into A's last slot */
    if (seL4_CNode_Copy(b, 0, 2, RC, ep, DEPTH, seL4_AllRights) || seL4_CNode_Copy(b, 1, 2, RC, ep, DEPTH, seL4_AllRights) ||
        seL4_CNode_Move(a, 3, 2, RC, b, DEPTH))
        FAIL("filling B");
    /* T: a CSpace and a VSpace; then its last cap into A2's last slot */
    if (seL4_TCB_Configure(t, 0, RC, 0, seL4_CapInitThreadVSpace, 0, 0, 0) || seL4_TCB_Resume(t) ||
        seL4_TCB_Suspend(t) || seL4_CNode_Move(a2, 3, 2, RC, t, DEPTH))
        FAIL("setting up T");
    if (seL4_CNode_Delete(RC, a, DEPTH) || seL4_CNode_Delete(RC, a2, DEPTH))
        FAIL("deleting A");
    /* a few more checked entries, then the untyped takes everything */
    for (int i = 0; i < 4; i++)
        seL4_Yield();
    if (seL4_CNode_Revoke(RC, sub, DEPTH) || seL4_CNode_Delete(RC, sub, DEPTH))
        FAIL("revoking the untyped");
    if (seL4_DebugCapIdentify(ep) != 0)
        FAIL("the endpoint outlived its untyped");
}

typedef struct test { const char *name; void (*fn)(void); } test_t;
static const test_t tests[] = {
    { "device_untyped_alignment", device_untyped_alignment },
    { "stranded_zombie", stranded_zombie },
    { NULL, NULL },
};

int main(void)
{
    bi = sel4runtime_bootinfo();
    next_slot = bi->empty.start;
    int passed = 0, failed = 0;
    for (const test_t *t = tests; t->name; t++) {
        why[0] = '\0';
        t->fn();
        if (why[0]) {
            printf("FAIL: regress/%s: %s\n", t->name, why);
            failed++;
        } else {
            printf("PASS: regress/%s\n", t->name);
            passed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
