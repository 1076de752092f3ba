/* IDT: one interrupt gate per vector, each pointing at its stub in
 * traps.S. Interrupt gates (not trap gates) so every entry runs with IF
 * clear: the kernel is never interrupted. All gates are DPL 0, as in seL4's
 * default configuration: `int n` from user space raises #GP. */
#include "gdt.h"
#include "traps.h"

typedef struct PACKED idt_gate {
    uint16_t offset_low, selector;
    uint8_t ist, type_attr;
    uint16_t offset_mid;
    uint32_t offset_high, reserved;
} idt_gate_t;

static idt_gate_t idt[256] ALIGN(16);

static uint8_t ist_for(int vector)
{
    switch (vector) {
    case VEC_DOUBLE_FAULT:  return IST_DOUBLE_FAULT;
    case VEC_NMI:           return IST_NMI;
    case VEC_MACHINE_CHECK: return IST_MACHINE_CHECK;
    default:                return 0;
    }
}

void idt_init(void)
{
    for (int v = 0; v < 256; v++) {
        word_t h = trap_stubs[v];
        idt[v] = (idt_gate_t){
            .offset_low = h & 0xffff, .selector = SEL_KERNEL_CS, .ist = ist_for(v),
            .type_attr = 0x8e,   /* present, DPL 0, 64-bit interrupt gate */
            .offset_mid = (h >> 16) & 0xffff, .offset_high = h >> 32,
        };
    }
    struct PACKED { uint16_t limit; uint64_t base; } desc = { sizeof(idt) - 1, (word_t)idt };
    __asm__ volatile("lidt %0" :: "m"(desc));
}
