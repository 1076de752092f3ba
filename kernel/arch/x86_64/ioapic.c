/* IOAPICs: every input is programmed at boot, masked, with the vector of
 * the IRQ it serves (IRQ_VECTOR_BASE + irq) and delivered to the boot CPU.
 *
 * Default routing: GSI n serves IRQ n, ISA-style (edge, active high) below
 * 16 and PCI-style (level, active low) from 16 on. Then the MADT's interrupt
 * source overrides move ISA lines: "source s arrives on GSI g" makes g's pin
 * serve IRQ s (with the override's polarity and trigger), and s's old pin
 * serve IRQ g, so on QEMU the PIT (ISA 0) is IRQ 0 on pin 2. Later,
 * arch_ioapic_route() lets user space (IRQControl GetIOAPIC) re-point any
 * pin at any IRQ. */
#include "arch.h"
#include "apic.h"
#include "boot.h"
#include "traps.h"

#define IOAPIC_VERSION  0x01
#define IOAPIC_REDIR(p) (0x10 + 2 * (p))
#define REDIR_POLARITY_LOW (1u << 13)
#define REDIR_LEVEL        (1u << 15)
#define REDIR_MASKED       (1u << 16)
#define MAX_PINS 240

typedef struct ioapic {
    volatile uint32_t *regs;     /* IOREGSEL at +0, IOWIN at +0x10 */
    uint32_t gsi_base;
    uint32_t pins;
} ioapic_t;

static ioapic_t ioapics[MAX_IOAPICS];
static word_t num_ioapics;
static uint8_t dest_apic;

/* Which pin serves each IRQ (IRQs with no pin are MSIs or unused). */
static struct { bool valid; uint8_t ioapic, pin; } irq_pin[MAX_IRQ];

static uint32_t ioapic_read(ioapic_t *io, uint32_t reg) { io->regs[0] = reg; return io->regs[4]; }
static void ioapic_write(ioapic_t *io, uint32_t reg, uint32_t v) { io->regs[0] = reg; io->regs[4] = v; }

static void program_pin(word_t ioapic, word_t pin, word_t irq, bool level, bool active_low)
{
    ioapic_t *io = &ioapics[ioapic];
    uint32_t low = (uint32_t)(IRQ_VECTOR_BASE + irq) | REDIR_MASKED
                 | (level ? REDIR_LEVEL : 0) | (active_low ? REDIR_POLARITY_LOW : 0);
    ioapic_write(io, IOAPIC_REDIR(pin) + 1, (uint32_t)dest_apic << 24);
    ioapic_write(io, IOAPIC_REDIR(pin), low);

    /* The pin serves `irq` alone now. */
    for (word_t i = 0; i < MAX_IRQ; i++)
        if (irq_pin[i].valid && irq_pin[i].ioapic == ioapic && irq_pin[i].pin == pin)
            irq_pin[i].valid = false;
    irq_pin[irq].valid = true;
    irq_pin[irq].ioapic = ioapic;
    irq_pin[irq].pin = pin;
}

/* The IOAPIC and pin that receive a GSI; false if none does. */
static bool find_gsi(uint32_t gsi, word_t *ioapic, word_t *pin)
{
    for (word_t i = 0; i < num_ioapics; i++)
        if (gsi >= ioapics[i].gsi_base && gsi < ioapics[i].gsi_base + ioapics[i].pins) {
            *ioapic = i;
            *pin = gsi - ioapics[i].gsi_base;
            return true;
        }
    return false;
}

static void program_default(uint32_t gsi, word_t irq)
{
    word_t io, pin;
    if (irq < MAX_IRQ && find_gsi(gsi, &io, &pin))
        program_pin(io, pin, irq, gsi >= 16, gsi >= 16);
}

void ioapic_init(const acpi_info_t *acpi)
{
    dest_apic = acpi->boot_apic_id;
    for (int i = 0; i < acpi->num_ioapics && i < MAX_IOAPICS; i++) {
        paddr_t p = acpi->ioapic[i].paddr;
        kernel_window_uncache(p);
        ioapic_t *io = &ioapics[num_ioapics++];
        io->regs = ptr_from_paddr(p);
        io->gsi_base = acpi->ioapic[i].gsi_base;
        io->pins = MIN(((ioapic_read(io, IOAPIC_VERSION) >> 16) & 0xff) + 1, MAX_PINS);
        /* Mask every input first, whatever the firmware left there. */
        for (word_t pin = 0; pin < io->pins; pin++) {
            ioapic_write(io, IOAPIC_REDIR(pin), REDIR_MASKED | VEC_SPURIOUS);
            ioapic_write(io, IOAPIC_REDIR(pin) + 1, 0);
        }
    }
    for (uint32_t gsi = 0; gsi <= IRQ_IOAPIC_MAX; gsi++)
        program_default(gsi, gsi);

    for (int i = 0; i < acpi->num_isos; i++) {
        const acpi_iso_t *iso = &acpi->iso[i];
        word_t io, pin;
        if (iso->bus != 0 || iso->source > 15 || !find_gsi(iso->gsi, &io, &pin))
            continue;
        /* MPS INTI flags: 0 means "as the bus says", i.e. ISA: edge, high. */
        bool active_low = (iso->flags & 3) == 3;
        bool level = ((iso->flags >> 2) & 3) == 3;
        if (iso->gsi != iso->source && iso->gsi <= IRQ_IOAPIC_MAX)
            program_default(iso->source, iso->gsi);     /* swap the two lines */
        program_pin(io, pin, iso->source, level, active_low);
    }
}

bool arch_ioapic_route(word_t irq, word_t ioapic, word_t pin, word_t level, word_t polarity)
{
    if (irq >= MAX_IRQ || ioapic >= num_ioapics || pin >= ioapics[ioapic].pins)
        return false;
    /* The pin this IRQ used before falls silent. */
    if (irq_pin[irq].valid)
        arch_irq_set_mask(irq, true);
    program_pin(ioapic, pin, irq, level != 0, polarity != 0);
    return true;
}

void arch_irq_set_mask(word_t irq, bool masked)
{
    if (irq >= MAX_IRQ || !irq_pin[irq].valid)
        return;     /* MSI, the timer, or no pin: nothing to mask */
    ioapic_t *io = &ioapics[irq_pin[irq].ioapic];
    uint32_t reg = IOAPIC_REDIR(irq_pin[irq].pin);
    uint32_t low = ioapic_read(io, reg);
    ioapic_write(io, reg, masked ? (low | REDIR_MASKED) : (low & ~REDIR_MASKED));
}

word_t arch_num_ioapic_pins(word_t ioapic)
{
    return ioapic < num_ioapics ? ioapics[ioapic].pins : 0;
}
