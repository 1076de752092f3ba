/* keel IPC benchmark suite: shared declarations.
 *
 * Method: /work/shared/reference/ipc-benchmark.md, summarised in
 * docs/performance.md. Every timed region is bracketed by ts_begin()
 * (lfence; rdtsc; lfence) and ts_end() (rdtscp; lfence); under
 * `qemu -icount shift=0` a TSC delta is the number of guest instructions
 * executed in between, user and kernel alike. */
#pragma once

#include <stdint.h>
#include <sel4/sel4.h>

/* Samples per row, and the warm-up run before them. */
#define N_SAMPLES 100000
#define N_WARMUP  1000

/* Virtual layout of the root task's own additions (below 1 GiB, so the
 * boot PDPT and PD cover them). */
#define SAMPLES_VADDR 0x10000000ul  /* one 2 MiB page: sample arrays, sort scratch */
#define IPCBUF_VADDR  0x20000000ul  /* IPC buffers of the helper threads, one page each */
#define MAPBENCH_VADDR 0x20200000ul /* map_page: a page table's worth of 4 KiB slots */
#define MAPBENCH_FRAMES 512

#define MAX_THREADS 16
#define PRIO 255                    /* the root thread's priority: all threads equal */

static inline __attribute__((always_inline)) uint64_t ts_begin(void)
{
    uint32_t lo, hi;
    __asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << 32) | lo;
}

static inline __attribute__((always_inline)) uint64_t ts_end(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtscp; lfence" : "=a"(lo), "=d"(hi) :: "rcx", "memory");
    return ((uint64_t)hi << 32) | lo;
}

/* One SSE instruction: the first one after a switch raises #NM (lazy FPU). */
static inline __attribute__((always_inline)) void fpu_touch(void)
{
    __asm__ volatile("pxor %%xmm7, %%xmm7" ::: "memory");
}

/* Profiling markers (bench/profile): `nopl 0x4b45MMMM(%rax)`, a no-op that
 * bench/profile/insn-plugin.c recognises; MMMM = 2 * id opens window id,
 * 2 * id + 1 closes it. Placed around each row's measured sample loop only,
 * outside the timed brackets. */
#define MARK_INSN(code) __asm__ volatile("nopl %c0(%%rax)" ::"i"(0x4b450000 + (code)))
void mark(unsigned code);
#define MARK_BEGIN(id) mark(2 * (id))
#define MARK_END(id)   mark(2 * (id) + 1)

static inline uint32_t clamp32(uint64_t v)
{
    return v > 0xffffffffu ? 0xffffffffu : (uint32_t)v;
}

/* ---- setup.c: objects, threads, address spaces */
extern seL4_BootInfo *bi;

void setup_init(void);
seL4_CPtr alloc_obj(seL4_Word type, seL4_Word size_bits);
seL4_CPtr alloc_slot(void);
void check(seL4_Error e, const char *what);

typedef void (*thread_fn)(seL4_Word a0, seL4_Word a1);
/* A new thread at PRIO in the root CSpace and `vspace` (whose page table at
 * IPCBUF_VADDR must exist), started at fn(a0, a1). Returns its TCB cap. */
seL4_CPtr spawn(seL4_CPtr vspace, thread_fn fn, seL4_Word a0, seL4_Word a1, seL4_CPtr fault_ep);
/* A second VSpace holding the root task's image (same frames, same
 * addresses) and a page table at IPCBUF_VADDR. */
seL4_CPtr make_image_vspace(void);

/* ---- stats.c */
typedef struct {
    const char *name;
    uint32_t n;
    uint32_t min, median, p90, max;
    uint32_t mode[3], mode_count[3];   /* the most frequent values */
    int n_modes;
    uint64_t batch_total;   /* one bracket around batch_n back-to-back operations */
    uint32_t batch_n;       /* 0: no batch figure for this row */
} result_t;

/* Sorts samples[0..n) in place (radix sort; uses the scratch area). */
void stats_compute(result_t *r, uint32_t *samples, uint32_t n);
void stats_print(const result_t *r);
void fmt_fixed(char *buf, uint64_t num, uint64_t den, int decimals);

extern uint32_t *const samples_a;
extern uint32_t *const samples_b;
