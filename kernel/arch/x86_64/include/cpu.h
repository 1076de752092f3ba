/* x86_64 CPU access: port I/O, MSRs, control registers, CPUID.
 * Thin inline wrappers so the rest of the arch layer reads as C. */
#pragma once

/* Control register bits we use. */
#define CR0_PE   (1u << 0)
#define CR0_MP   (1u << 1)    /* WAIT/FWAIT honour TS */
#define CR0_EM   (1u << 2)    /* must be 0: we have a real FPU */
#define CR0_TS   (1u << 3)    /* next FPU/SSE use traps with #NM (lazy switch) */
#define CR0_NE   (1u << 5)    /* x87 errors as #MF, not the legacy IRQ 13 */
#define CR0_WP   (1u << 16)   /* ring 0 honours read-only pages too */
#define CR0_PG   (1u << 31)
#define CR4_PAE        (1u << 5)
#define CR4_PGE        (1u << 7)
#define CR4_OSFXSR     (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)

#define MSR_EFER          0xc0000080
#define MSR_STAR          0xc0000081
#define MSR_LSTAR         0xc0000082
#define MSR_CSTAR         0xc0000083
#define MSR_SFMASK        0xc0000084
#define MSR_FS_BASE       0xc0000100
#define MSR_GS_BASE       0xc0000101
#define MSR_APIC_BASE     0x1b
#define EFER_SCE   (1u << 0)
#define EFER_LME   (1u << 8)

/* RFLAGS bits. */
#define FLAGS_CF   0x1
#define FLAGS_FIXED 0x2       /* bit 1 always reads as one */
#define FLAGS_PF   0x4
#define FLAGS_AF   0x10
#define FLAGS_ZF   0x40
#define FLAGS_SF   0x80
#define FLAGS_TF   0x100
#define FLAGS_IF   0x200
#define FLAGS_DF   0x400
#define FLAGS_OF   0x800
#define FLAGS_NT   0x4000
#define FLAGS_AC   0x40000
#define FLAGS_ID   0x200000

#ifndef __ASSEMBLY__
#include "types.h"

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint16_t inw(uint16_t port) { uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint32_t inl(uint16_t port) { uint32_t v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

#define CR_ACCESSORS(n)                                                              \
    static inline word_t read_cr##n(void)                                            \
    { word_t v; __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v)); return v; }        \
    static inline void write_cr##n(word_t v)                                         \
    { __asm__ volatile("mov %0, %%cr" #n :: "r"(v) : "memory"); }
CR_ACCESSORS(0)
CR_ACCESSORS(2)
CR_ACCESSORS(3)
CR_ACCESSORS(4)

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline void invlpg(word_t vaddr) { __asm__ volatile("invlpg (%0)" :: "r"(vaddr) : "memory"); }
static inline void cli_hlt_forever(void) { for (;;) __asm__ volatile("cli; hlt"); }

/* cpu.c: control registers, features and the SYSCALL MSRs. */
void cpu_init(void);
word_t cpu_tsc_khz(void);
#endif
