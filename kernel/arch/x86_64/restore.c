/* arch_restore_user_context(): leave the kernel for ksCurThread.
 *
 * SYSRET is the fast way out but restores neither RCX nor R11, so it is
 * only for threads whose last entry was SYSCALL (the ABI has those two
 * clobbered anyway) and whose resume address lies in the user half: on
 * Intel CPUs SYSRET to a non-canonical RCX raises #GP in ring 0 with the
 * user's RSP loaded. Everything else leaves by IRETQ, which restores every
 * register and lets a bad RIP fault in user mode (or see trap.c). */
#include "arch.h"
#include "object.h"
#include "context_offsets.h"
#include "cpu.h"
#include "fpu.h"
#include "traps.h"

/* Every exit runs this: no frame pointer (docs/performance.md). */
#pragma GCC optimize("omit-frame-pointer")

compile_assert(ctx_first, __builtin_offsetof(tcb_t, ctx) == 0);
#define CHECK_OFF(reg) compile_assert(ctx_##reg, CTX_##reg == REG_##reg * 8)
CHECK_OFF(RDI); CHECK_OFF(RSI); CHECK_OFF(RAX); CHECK_OFF(RBX); CHECK_OFF(RBP);
CHECK_OFF(R12); CHECK_OFF(R13); CHECK_OFF(R14); CHECK_OFF(RDX); CHECK_OFF(R10);
CHECK_OFF(R8); CHECK_OFF(R9); CHECK_OFF(R15); CHECK_OFF(FLAGS); CHECK_OFF(NEXTIP);
CHECK_OFF(ERROR); CHECK_OFF(RSP); CHECK_OFF(FAULTIP); CHECK_OFF(R11); CHECK_OFF(RCX);
CHECK_OFF(CS); CHECK_OFF(SS); CHECK_OFF(FS_BASE); CHECK_OFF(GS_BASE); CHECK_OFF(ENTRY_KIND);
compile_assert(ctx_entry_syscall, CTX_ENTRY_SYSCALL == ENTRY_SYSCALL);
compile_assert(ctx_entry_trap, CTX_ENTRY_TRAP == ENTRY_TRAP);

/* FS/GS bases last written to the MSRs (wrmsr is slow; most switches
 * keep them). Both start at 0, as the CPU does. */
static word_t loaded_fs_base, loaded_gs_base;

/* A thread loaded a selector into FS or GS, which also reloads the base
 * from the GDT: our record of the bases is stale. Go back to null
 * selectors (so nothing leaks to the next thread) and rewrite both MSRs. */
static __attribute__((noinline, cold)) void reset_tls_selectors(void)
{
    __asm__ volatile("movw %w0, %%fs; movw %w0, %%gs" :: "r"(0));
    wrmsr(MSR_FS_BASE, loaded_fs_base);
    wrmsr(MSR_GS_BASE, loaded_gs_base);
}

/* A selector load is the only way user code changes the bases behind our
 * back (no FSGSBASE), and it leaves a non-null selector: two register
 * reads find it. */
static FORCE_INLINE bool tls_selectors_loaded(void)
{
    uint32_t fs, gs;
    __asm__ volatile("movl %%fs, %0; movl %%gs, %1" : "=r"(fs), "=r"(gs));
    return fs | gs;   /* the upper halves read as 0 on every x86_64 CPU */
}

/* WRMSR of a non-canonical base raises #GP in the kernel. Every writer of
 * REG_FS_BASE / REG_GS_BASE sanitises the value (sanitiseRegister(), as
 * seL4: non-canonical becomes 0) and the invariant checker verifies it
 * for every thread, so the saved values are written as they are. */
static FORCE_INLINE void load_tls_base_msrs(const user_context_t *ctx)
{
    /* No hint: a switch between threads with their own TLS writes the FS
     * base every time (every round trip does), and the write in line
     * saves a jump back; a switch that keeps it branches either way. */
    if (ctx->r[REG_FS_BASE] != loaded_fs_base) {
        loaded_fs_base = ctx->r[REG_FS_BASE];
        wrmsr(MSR_FS_BASE, loaded_fs_base);
    }
    if (unlikely(ctx->r[REG_GS_BASE] != loaded_gs_base)) {
        loaded_gs_base = ctx->r[REG_GS_BASE];
        wrmsr(MSR_GS_BASE, loaded_gs_base);
    }
}

static FORCE_INLINE void load_tls_bases(const user_context_t *ctx)
{
    if (unlikely(tls_selectors_loaded()))
        reset_tls_selectors();
    load_tls_base_msrs(ctx);
}

/* sysret needs a thread that entered by syscall (RCX and R11 are not
 * restored) resuming in the user half (see the top of this file).
 * ENTRY_TRAP, as a word, lies above the user half, and ENTRY_SYSCALL is 0,
 * so one compare of the two words OR-ed answers both. */
compile_assert(entry_trap_not_user, (word_t)ENTRY_TRAP >= USER_TOP && ENTRY_SYSCALL == 0);
static FORCE_INLINE bool can_sysret(const user_context_t *ctx)
{
    return (ctx->r[REG_ENTRY_KIND] | ctx->r[REG_NEXTIP]) < USER_TOP;
}

static FORCE_INLINE NORETURN void restore_user_thread(tcb_t *t)
{
    load_tls_bases(&t->ctx);
    if (likely(can_sysret(&t->ctx)))
        restore_sysret(&t->ctx);
    restore_iret(&t->ctx);
}

/* CR0.TS needs no work here: fpu_switch_to() set it right on the switch
 * to this thread (fpu.c states the invariant). */
void arch_restore_user_context(void)
{
    tcb_t *t = ksCurThread;

    if (unlikely(t == ksIdleThread))
        idle_enter(t->ctx.r[REG_RSP], t->ctx.r[REG_NEXTIP]);
    restore_user_thread(t);
}

/* The FPU switches that make a call, and a thread that loaded a selector,
 * leave by this: arch_fastpath_exit() then makes no call that returns, so
 * it needs no frame. */
static __attribute__((noinline, cold)) NORETURN void fastpath_exit_slow(tcb_t *to)
{
    fpu_switch_to(to);
    restore_user_thread(to);
}

/* A jump to an exit: neither exit returns nor needs a return address, and
 * gcc calls a noreturn function rather than jumping, so a call would cost
 * arch_fastpath_exit() a frame for its alignment. */
#define JUMP_TO_EXIT(exit, ctx)                                  \
    do {                                                         \
        __asm__ volatile("jmp " #exit :: "D"(ctx) : "memory");  \
        __builtin_unreachable();                                 \
    } while (0)

/* The fast path's exit, to the user thread it has just made current. The
 * FPU switch is done here rather than in the fast path, so that no call
 * is left on its way (fpu_take() is one). */
void arch_fastpath_exit(tcb_t *to)
{
    if (likely(!to->fpu_eager)) {
        if (unlikely(!fpu_ts_set))
            fastpath_exit_slow(to);
    } else if (likely(to != fpu_owner && !fpu_ts_set)) {
        fpu_swap_live(to);
    } else {
        fastpath_exit_slow(to);
    }
    if (unlikely(tls_selectors_loaded()))
        fastpath_exit_slow(to);
    load_tls_base_msrs(&to->ctx);
    if (likely(can_sysret(&to->ctx)))
        JUMP_TO_EXIT(restore_sysret, &to->ctx);
    JUMP_TO_EXIT(restore_iret, &to->ctx);
}

void arch_switch_thread(struct tcb *from, struct tcb *to)
{
    (void)from;
    fpu_switch_to(to);
}
