/* Fuzzer workers: random IPC, invocations and faults.
 *
 * A worker's VSpace maps only this file's code (the section
 * fuzz_worker_text, page aligned, mapped read-only) and the worker's own
 * three pages (control block, stack, IPC buffer). Random registers written
 * by the driver can therefore only run this code: never the root task's
 * (whose abort() would end the run through keel_DebugExit). So this file
 * touches no global variable, no .rodata (compiled without jump tables, see
 * the Makefile), no TLS, and calls nothing outside the section: everything
 * goes through the control block and raw syscalls. */
#include "fuzz.h"

#define WTEXT __attribute__((section("fuzz_worker_text"), noinline))

static inline __attribute__((always_inline)) uint64_t w_rng(uint64_t *s)   /* xorshift64* */
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dul;
}

static inline __attribute__((always_inline)) uint64_t w_below(uint64_t *s, uint64_t n) { return w_rng(s) % n; }
static inline __attribute__((always_inline)) int w_chance(uint64_t *s, unsigned pc) { return w_below(s, 100) < pc; }

static inline __attribute__((always_inline)) seL4_Word w_sys(seL4_Word sys, seL4_Word cptr, seL4_Word info,
                                                             const seL4_Word *mrs, seL4_Word *badge)
{
    seL4_Word m0 = mrs[0], m1 = mrs[1], m2 = mrs[2], m3 = mrs[3];
    keel_x64_syscall(sys, &cptr, &info, &m0, &m1, &m2, &m3);
    if (badge)
        *badge = cptr;
    return info;
}

/* Boundary values without a table: 2^k, 2^k - 1, -2^k, small. */
static WTEXT seL4_Word w_word(uint64_t *r)
{
    uint64_t x = w_rng(r), k = (x >> 8) & 63;
    switch (x & 7) {
    case 0: return 1ul << k;
    case 1: return (1ul << k) - 1;
    case 2: return -(1ul << k);
    case 3: return x >> 32;
    case 4: return w_rng(r);
    default: return (x >> 16) & 0xff;
    }
}

/* Mostly the slots the root filled, sometimes anywhere, sometimes garbage. */
static WTEXT seL4_Word w_cptr(uint64_t *r)
{
    uint64_t x = w_below(r, 100);
    if (x < 55)
        return 1 + w_below(r, WC_FIRST_FREE - 1);
    if (x < 85)   /* where the driver's copies and received caps go */
        return WC_FIRST_FREE + w_below(r, 32);
    if (x < 95)
        return w_below(r, 1u << WC_BITS);
    return w_word(r);
}

/* A MessageInfo word (label, capsUnwrapped, extraCaps, length), with the
 * extra caps and message words beyond MR3 filled in. */
static WTEXT seL4_Word w_info(uint64_t *r, seL4_IPCBuffer *ipc)
{
    seL4_Word label = w_chance(r, 70) ? w_below(r, 56) : w_rng(r);
    seL4_Word len = w_chance(r, 80) ? w_below(r, 9) : w_chance(r, 50) ? 120 + w_below(r, 3) : w_below(r, 128);
    seL4_Word ncaps = w_chance(r, 70) ? 0 : w_below(r, 4);
    for (seL4_Word i = 0; i < ncaps; i++)
        ipc->caps_or_badges[i] = w_cptr(r);
    for (seL4_Word i = 4; i < len && i < seL4_MsgMaxLength; i++)
        ipc->msg[i] = w_word(r);
    return label << 12 | (ncaps & 3) << 7 | (len & 0x7f);
}

/* Faults the kernel sends to the worker's fault endpoint. */
static WTEXT void w_fault(uint64_t *r, wcb_t *w)
{
    switch (w_below(r, 8)) {
    case 0:
        (void)*(volatile seL4_Word *)0x1000;                       /* unmapped read */
        break;
    case 1:
        *(volatile seL4_Word *)w->text_start = 0;                   /* write to read-only code */
        break;
    case 2:
        __asm__ volatile("ud2");                                    /* invalid opcode */
        break;
    case 3:
        __asm__ volatile("int3");                                   /* breakpoint */
        break;
    case 4: {
        seL4_Word zero = 0, a = 1, d = 0;
        __asm__ volatile("divq %2" : "+a"(a), "+d"(d) : "r"(zero));   /* divide error */
        break;
    }
    case 5:
        __asm__ volatile("hlt");                                    /* privileged: #GP */
        break;
    case 6: {                                                       /* unknown syscall */
        seL4_Word mrs[4] = { w_word(r), w_word(r), w_word(r), w_word(r) };
        seL4_Word sys = w_chance(r, 50) ? (seL4_Word)-(long)(15 + w_below(r, 15)) : w_below(r, 1000);
        w_sys(sys, w_word(r), w_word(r), mrs, NULL);
        break;
    }
    default:
        (void)*(volatile seL4_Word *)(w_word(r) & ~7ul);           /* anywhere */
        break;
    }
}

/* The page alignment makes the section start on a page of its own. */
__attribute__((section("fuzz_worker_text"), aligned(4096))) void worker_main(wcb_t *w)
{
    seL4_IPCBuffer *ipc = (seL4_IPCBuffer *)((seL4_Word)w + 0x2000);
    uint64_t rng = w->rng;

    for (;;) {
        uint64_t *r = &rng;
        int op = w_chance(r, 30) ? W_SERVE : (int)w_below(r, W_NOPS - 1);
        seL4_Word mrs[4] = { w_word(r), w_word(r), w_word(r), w_word(r) };
        seL4_Word cptr = w_cptr(r), info, badge;
        w->rng = rng;
        w->ops++;
        w->by_op[op]++;
        switch (op) {
        case W_SEND:
            w_sys(seL4_SysSend, cptr, w_info(r, ipc), mrs, NULL);
            break;
        case W_NBSEND:
            w_sys(seL4_SysNBSend, cptr, w_info(r, ipc), mrs, NULL);
            break;
        case W_CALL:
        case W_INVOKE:
            info = w_sys(seL4_SysCall, cptr, w_info(r, ipc), mrs, NULL);
            if (info >> 12)   /* an error label */
                w->errors++;
            break;
        case W_RECV:
            w_sys(seL4_SysRecv, cptr, 0, mrs, &badge);
            break;
        case W_NBRECV:
            w_sys(seL4_SysNBRecv, cptr, 0, mrs, &badge);
            break;
        case W_REPLY:
            w_sys(seL4_SysReply, 0, w_info(r, ipc), mrs, NULL);
            break;
        case W_REPLYRECV:
            w_sys(seL4_SysReplyRecv, cptr, w_info(r, ipc), mrs, &badge);
            break;
        case W_YIELD:
            w_sys(seL4_SysYield, 0, 0, mrs, NULL);
            break;
        case W_FAULT:
            if (w_chance(r, 30))   /* faults are slow to recover from: fewer */
                w_fault(r, w);
            break;
        case W_SERVE:   /* answer the last caller and wait for the next: short, no caps */
            w_sys(seL4_SysReplyRecv, WC_SERVER, w_below(r, 5), mrs, &badge);
            break;
        default: /* W_RECVPATH */
            ipc->receiveCNode = w_chance(r, 80) ? WC_SELF : w_cptr(r);
            ipc->receiveIndex = w_chance(r, 80) ? WC_FIRST_FREE + w_below(r, 32) : w_word(r);
            ipc->receiveDepth = w_chance(r, 80) ? seL4_WordBits : w_word(r);
            break;
        }
    }
}
