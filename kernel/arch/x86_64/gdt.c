/* GDT and TSS. See gdt.h for why the segments sit where they do. */
#include "gdt.h"
#include "cpu.h"

typedef struct PACKED tss {
    uint32_t reserved0;
    uint64_t rsp[3];          /* RSP0: stack for entries from ring 3 */
    uint64_t reserved1;
    uint64_t ist[7];          /* IST1..IST7 */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;      /* beyond the limit: no I/O bitmap, user in/out faults */
} tss_t;
compile_assert(tss_size, sizeof(tss_t) == 104);

extern char ist_stacks[3][IST_STACK_SIZE];   /* stacks.c */

static uint64_t gdt[GDT_ENTRIES] ALIGN(16);
static tss_t tss ALIGN(16);

#define SEG_PRESENT  (1ul << 47)
#define SEG_DPL3     (3ul << 45)
#define SEG_CODEDATA (1ul << 44)
#define SEG_CODE     (1ul << 43)
#define SEG_RW       (1ul << 41)   /* data: writable; code: readable */
#define SEG_LONG     (1ul << 53)

void gdt_init(void)
{
    const uint64_t code = SEG_PRESENT | SEG_CODEDATA | SEG_CODE | SEG_RW | SEG_LONG;
    const uint64_t data = SEG_PRESENT | SEG_CODEDATA | SEG_RW;
    gdt[GDT_KERNEL_CODE] = code;
    gdt[GDT_KERNEL_DATA] = data;
    gdt[GDT_USER_DATA] = data | SEG_DPL3;
    gdt[GDT_USER_CODE] = code | SEG_DPL3;

    tss.rsp[0] = KERNEL_STACK_TOP;
    tss.ist[IST_DOUBLE_FAULT - 1] = (word_t)ist_stacks[0] + IST_STACK_SIZE;
    tss.ist[IST_NMI - 1] = (word_t)ist_stacks[1] + IST_STACK_SIZE;
    tss.ist[IST_MACHINE_CHECK - 1] = (word_t)ist_stacks[2] + IST_STACK_SIZE;
    tss.iomap_base = sizeof(tss);

    /* 16-byte system descriptor: type 9 = available 64-bit TSS. */
    word_t base = (word_t)&tss, limit = sizeof(tss) - 1;
    gdt[GDT_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x9ul << 40) | SEG_PRESENT
                 | (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    gdt[GDT_TSS + 1] = base >> 32;

    struct PACKED { uint16_t limit; uint64_t base; } desc = { sizeof(gdt) - 1, (word_t)gdt };
    __asm__ volatile(
        "lgdt %0\n\t"
        "pushq %1\n\t"               /* reload CS with a far return */
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1: movl %2, %%eax\n\t"
        "movl %%eax, %%ss\n\t"
        "ltr %w3"
        :: "m"(desc), "i"(SEL_KERNEL_CS), "i"(SEL_KERNEL_DS), "r"(SEL_TSS) : "rax", "memory");
}
