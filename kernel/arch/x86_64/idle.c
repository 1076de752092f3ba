/* The idle thread: ring 0, interrupts enabled, HLT in a loop (traps.S
 * idle_loop). It owns a small stack of its own that interrupts land on;
 * nothing on it survives, since an interrupt never resumes the idle
 * thread but restarts it (trap.c). */
#include "arch.h"
#include "object.h"
#include "cpu.h"
#include "gdt.h"
#include "traps.h"

#define IDLE_STACK_SIZE 512
static char idle_stack[IDLE_STACK_SIZE] ALIGN(16);

void arch_init_idle_thread(struct tcb *idle)
{
    user_context_t *ctx = &idle->ctx;
    for (int i = 0; i < N_CONTEXT_REGS; i++)
        ctx->r[i] = 0;
    ctx->r[REG_NEXTIP] = ctx->r[REG_FAULTIP] = (word_t)idle_loop;
    ctx->r[REG_RSP] = (word_t)idle_stack + IDLE_STACK_SIZE;
    ctx->r[REG_FLAGS] = FLAGS_FIXED | FLAGS_IF;
    ctx->r[REG_CS] = SEL_KERNEL_CS;
    ctx->r[REG_SS] = SEL_KERNEL_DS;
    ctx->r[REG_ENTRY_KIND] = ENTRY_TRAP;
    idle->fp_root = fp_no_root;   /* as tcb_init(): the caches start empty */
    idle->vroot_cap = fp_no_root;
}
