/* Fuzzer workers: random IPC, invocations and faults.
 *
 * A worker runs in a VSpace that maps the image's text and rodata
 * read-only and its own three pages (control block, stack, IPC buffer), so
 * this file must not touch a global variable, TLS or any libsel4 function
 * that uses the IPC buffer pointer in TLS: everything goes through the
 * control block and raw syscalls. */
#include "fuzz.h"

static const seL4_Word boundary[] = {
    0, 1, 2, 3, 4, 7, 8, 15, 16, 63, 64, 65, 255, 256, 4095, 4096, 0x7fffffff, 0x80000000ul,
    0xfffffffful, 1ul << 47, (1ul << 47) - 1, 0x7fffffffffffffffl, 0x8000000000000000ul, ~0ul, ~0ul - 1,
};

static seL4_Word w_word(uint64_t *r)
{
    if (rng_chance(r, 50))
        return boundary[rng_below(r, sizeof(boundary) / sizeof(boundary[0]))];
    return rng_chance(r, 50) ? rng_below(r, 256) : rng_next(r);
}

/* Mostly the slots the root filled, sometimes anywhere, sometimes garbage. */
static seL4_Word w_cptr(uint64_t *r)
{
    uint64_t x = rng_below(r, 100);
    if (x < 55)
        return 1 + rng_below(r, WC_FIRST_FREE - 1);
    if (x < 85)   /* where the driver's copies and received caps go */
        return WC_FIRST_FREE + rng_below(r, 32);
    if (x < 95)
        return rng_below(r, 1u << WC_BITS);
    return w_word(r);
}

static seL4_Word w_info(uint64_t *r, seL4_IPCBuffer *ipc)
{
    seL4_Word label = rng_chance(r, 70) ? rng_below(r, 56) : rng_next(r);
    seL4_Word len = rng_chance(r, 80) ? rng_below(r, 9) : rng_chance(r, 50) ? 120 + rng_below(r, 3) : rng_below(r, 128);
    seL4_Word ncaps = rng_chance(r, 70) ? 0 : rng_below(r, 4);
    for (seL4_Word i = 0; i < ncaps; i++)
        ipc->caps_or_badges[i] = w_cptr(r);
    for (seL4_Word i = 4; i < len && i < seL4_MsgMaxLength; i++)
        ipc->msg[i] = w_word(r);
    return seL4_MessageInfo_new(label, 0, ncaps, len).words[0];
}

/* Faults the kernel sends to the worker's fault endpoint. */
static void w_fault(uint64_t *r, wcb_t *w)
{
    switch (rng_below(r, 8)) {
    case 0:
        (void)*(volatile seL4_Word *)0x1000;                       /* unmapped read */
        break;
    case 1:
        *(volatile seL4_Word *)w->text_start = 0;                   /* write to read-only text */
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
        seL4_Word sys = rng_chance(r, 50) ? (seL4_Word)-(long)(15 + rng_below(r, 15)) : rng_below(r, 1000);
        raw_syscall(sys, w_word(r), w_word(r), mrs, NULL);
        break;
    }
    default:
        (void)*(volatile seL4_Word *)(w_word(r) & ~7ul);           /* anywhere */
        break;
    }
}

void worker_main(wcb_t *w)
{
    seL4_IPCBuffer *ipc = (seL4_IPCBuffer *)((seL4_Word)w + 0x2000);
    uint64_t rng = w->rng;

    for (;;) {
        uint64_t *r = &rng;
        int op = (int)rng_below(r, W_NOPS);
        seL4_Word mrs[4] = { w_word(r), w_word(r), w_word(r), w_word(r) };
        seL4_Word cptr = w_cptr(r), info, badge;
        w->rng = rng;
        w->ops++;
        w->by_op[op]++;
        switch (op) {
        case W_SEND:
            raw_syscall(seL4_SysSend, cptr, w_info(r, ipc), mrs, NULL);
            break;
        case W_NBSEND:
            raw_syscall(seL4_SysNBSend, cptr, w_info(r, ipc), mrs, NULL);
            break;
        case W_CALL:
        case W_INVOKE:
            info = raw_syscall(seL4_SysCall, cptr, w_info(r, ipc), mrs, NULL);
            if (seL4_MessageInfo_get_label((seL4_MessageInfo_t){ { info } }) != 0)
                w->errors++;
            break;
        case W_RECV:
            raw_syscall(seL4_SysRecv, cptr, 0, mrs, &badge);
            break;
        case W_NBRECV:
            raw_syscall(seL4_SysNBRecv, cptr, 0, mrs, &badge);
            break;
        case W_REPLY:
            raw_syscall(seL4_SysReply, 0, w_info(r, ipc), mrs, NULL);
            break;
        case W_REPLYRECV:
            raw_syscall(seL4_SysReplyRecv, cptr, w_info(r, ipc), mrs, &badge);
            break;
        case W_YIELD:
            raw_syscall(seL4_SysYield, 0, 0, mrs, NULL);
            break;
        case W_FAULT:
            if (rng_chance(r, 30))   /* faults are slow to recover from: fewer */
                w_fault(r, w);
            break;
        default: /* W_RECVPATH */
            ipc->receiveCNode = rng_chance(r, 80) ? WC_SELF : w_cptr(r);
            ipc->receiveIndex = rng_chance(r, 80) ? WC_FIRST_FREE + rng_below(r, 32) : w_word(r);
            ipc->receiveDepth = rng_chance(r, 80) ? seL4_WordBits : w_word(r);
            break;
        }
    }
}
