/* The isolation suite (docs/hardening.md): each case checks that a thread
 * can do no more than its caps allow. Output, per case:
 *     PASS: isolation/<name>
 *     FAIL: isolation/<name>: <detail>
 * then "N passed, N failed"; main returns the number of failures.
 *
 * Every case gets a fresh 4 MiB untyped (revoked afterwards) and a range
 * of root CNode slots (emptied afterwards). Child threads run at priority
 * 100 below the root (255); run_lower() lets them run until they all block.
 * A child ends by blocking on its park endpoint (slot CHILD_PARK of its
 * CSpace); its faults go to the endpoint in CHILD_FAULT. */
#pragma once

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sel4/sel4.h>
#include <sel4runtime.h>

#define ROOT_CNODE  seL4_CapInitThreadCNode
#define ROOT_VSPACE seL4_CapInitThreadVSpace
#define ROOT_TCB    seL4_CapInitThreadTCB
#define DEPTH       seL4_WordBits
#define CHILD_PRIO  100

/* A child's CSpace: a CNode of 2^CHILD_BITS slots with a guard that makes
 * a plain slot number a valid CPtr. */
#define CHILD_BITS  4
enum { CHILD_PARK = 14, CHILD_FAULT = 15 };

/* ---------------------------------------------------------------- checks */

extern char fail_msg[256];
#define FAIL(...) do { snprintf(fail_msg, sizeof(fail_msg), __VA_ARGS__); return; } while (0)
#define CHECK(c) do { if (!(c)) FAIL("line %d: %s", __LINE__, #c); } while (0)
#define CHECK_EQ(a, b) do {                                                            \
        seL4_Word a_ = (seL4_Word)(a), b_ = (seL4_Word)(b);                            \
        if (a_ != b_) FAIL("line %d: %s = %#lx, expected %#lx", __LINE__, #a, a_, b_); \
    } while (0)
#define OK(call) do {                                                                  \
        seL4_Word e_ = (seL4_Word)(call);                                              \
        if (e_) FAIL("line %d: %s failed with error %lu", __LINE__, #call, e_);       \
    } while (0)

/* ---------------------------------------------------------------- resources */

seL4_CPtr slot(void);                      /* a free root CNode slot, emptied after the case */
/* A new object from the case's untyped, in a new slot (0 on failure). */
seL4_CPtr object(seL4_Word type, seL4_Word size_bits);
#define NEW(type, bits) ({ seL4_CPtr c_ = object((type), (bits)); if (!c_) FAIL("line %d: retype failed", __LINE__); c_; })
/* A child CSpace: CHILD_BITS slots, park and fault endpoints filled in. */
seL4_CPtr child_cnode(seL4_CPtr fault_ep);
/* The guard data that makes a child CNode's slot numbers CPtrs. */
seL4_Word child_guard(void);
/* Put a cap (copied with rights, minted with a badge if badge != 0) in a child CNode. */
seL4_Error give(seL4_CPtr cnode, seL4_Word index, seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge);
/* Map a fresh 4 KiB frame at the next scratch address of the root VSpace. */
seL4_Word scratch_page(seL4_CPtr *frame);
/* A VSpace with the root task's text and rodata mapped read-only and a page
 * table for the scratch region: a child there sees nothing of the root. */
seL4_CPtr child_vspace(void);
/* The same, with its ASID from `pool`. */
seL4_CPtr child_vspace_in(seL4_CPtr pool);

/* ---------------------------------------------------------------- threads */

typedef struct child {
    seL4_CPtr tcb;
    seL4_Word stack_top;
    seL4_Word tls;
} child_t;

/* A child in the root's VSpace, with TLS and an IPC buffer (any libsel4
 * call works), CSpace `cnode`, priority CHILD_PRIO and MCP `mcp`. */
int child_new(child_t *c, seL4_CPtr cnode, seL4_Word mcp);
/* A child in VSpace `vspace` (from child_vspace()): no TLS, no IPC buffer,
 * one page of stack mapped there and in the root at the same address. */
int child_new_in(child_t *c, seL4_CPtr cnode, seL4_CPtr vspace);
seL4_Error child_start(child_t *c, void (*fn)(seL4_Word), seL4_Word arg);
#define CHILD(c, cnode, mcp) do { if (child_new((c), (cnode), (mcp))) FAIL("line %d: child", __LINE__); } while (0)
#define START(c, fn, arg) OK(child_start((c), (void (*)(seL4_Word))(fn), (seL4_Word)(arg)))

/* Let every thread of priority >= 2 run until all of them block. */
void run_lower(void);
/* After run_lower: the fault message waiting on `ep`, if any (label 0 = none). */
seL4_MessageInfo_t take_fault(seL4_CPtr ep, seL4_Word mrs[4]);
/* A child's last act: block for ever on its park endpoint. */
void park(void) __attribute__((noreturn));

/* The cases, in isolation.c; the table ends with { NULL, NULL }. */
typedef struct test { const char *name; void (*fn)(void); } test_t;
extern const test_t isolation_tests[];

/* Words children write their results to (same VSpace only). */
extern volatile seL4_Word res[16];
