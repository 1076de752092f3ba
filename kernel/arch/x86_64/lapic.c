/* The local APIC: interrupt acknowledgement and the kernel's timer.
 *
 * The timer runs periodically on vector IRQ_VECTOR_BASE + KERNEL_TIMER_IRQ
 * every TIMER_PERIOD_US. QEMU's emulated LAPIC counts at 1 GHz of guest
 * time divided by the divide register (under -icount shift=0 one guest
 * instruction is 1 ns), so the count is a constant; on other hardware it
 * would need calibrating against the PIT or the TSC. */
#include "arch.h"
#include "apic.h"
#include "boot.h"
#include "cpu.h"
#include "traps.h"

enum {
    LAPIC_ID = 0x20, LAPIC_TPR = 0x80, LAPIC_EOI = 0xb0, LAPIC_SVR = 0xf0,
    LAPIC_ESR = 0x280, LAPIC_LVT_TIMER = 0x320, LAPIC_LVT_THERMAL = 0x330,
    LAPIC_LVT_PERF = 0x340, LAPIC_LVT_LINT0 = 0x350, LAPIC_LVT_LINT1 = 0x360,
    LAPIC_LVT_ERROR = 0x370, LAPIC_TIMER_INIT = 0x380, LAPIC_TIMER_DIV = 0x3e0,
};
#define LVT_MASKED       (1u << 16)
#define LVT_PERIODIC     (1u << 17)
#define LVT_NMI          (4u << 8)
#define SVR_ENABLE       (1u << 8)
#define APIC_BASE_ENABLE (1ul << 11)
#define APIC_BASE_X2APIC (1ul << 10)

#define TIMER_DIV_16     0x3
#define TIMER_HZ_AT_DIV1 1000000000ul        /* QEMU: 1 tick per ns */
#define TIMER_COUNT      (TIMER_HZ_AT_DIV1 / 16 / 1000000 * TIMER_PERIOD_US)

static volatile uint32_t *lapic;

static uint32_t lapic_read(uint32_t reg) { return lapic[reg / 4]; }
static void lapic_write(uint32_t reg, uint32_t v) { lapic[reg / 4] = v; }

void lapic_init(paddr_t lapic_paddr)
{
    /* Use the address the CPU itself reports, in xAPIC (MMIO) mode. */
    word_t base = rdmsr(MSR_APIC_BASE);
    if ((base & ~0xffful) != lapic_paddr && lapic_paddr)
        base = (base & 0xfff) | lapic_paddr;
    wrmsr(MSR_APIC_BASE, (base | APIC_BASE_ENABLE) & ~APIC_BASE_X2APIC);
    paddr_t paddr = base & ~0xffful & MASK(52);
    kernel_window_uncache(paddr);
    lapic = ptr_from_paddr(paddr);

    lapic_write(LAPIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
    lapic_write(LAPIC_TPR, 0);                       /* accept every priority */
    /* LINT0 carried the 8259s in virtual-wire mode: off. LINT1 is NMI. */
    lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
    lapic_write(LAPIC_LVT_LINT1, LVT_NMI);
    lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
    lapic_write(LAPIC_LVT_PERF, LVT_MASKED);
    lapic_write(LAPIC_LVT_THERMAL, LVT_MASKED);
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
    lapic_write(LAPIC_ESR, 0);
    lapic_write(LAPIC_EOI, 0);                       /* drop anything in service */
}

uint8_t lapic_id(void)
{
    return lapic_read(LAPIC_ID) >> 24;
}

void lapic_timer_start(void)
{
    lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
    lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | (IRQ_VECTOR_BASE + KERNEL_TIMER_IRQ));
    lapic_write(LAPIC_TIMER_INIT, TIMER_COUNT);
}

/* Every IRQ, the timer included, is acknowledged at the LAPIC; for a level
 * triggered IOAPIC input the EOI is also what lets it fire again. */
void arch_irq_ack(word_t irq)
{
    (void)irq;
    lapic_write(LAPIC_EOI, 0);
}
