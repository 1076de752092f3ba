/* The legacy 8259 PICs: keel uses the IOAPIC, so they are only silenced.
 * They are first reprogrammed to vectors 0xe0..0xef, away from the CPU
 * exceptions (their power-on vectors 8..15 collide with them) and from the
 * IRQ vectors, so even a spurious 8259 interrupt cannot be mistaken for
 * anything (trap.c ignores those vectors). Then every line is masked. */
#include "apic.h"
#include "cpu.h"
#include "traps.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

void pic_disable(void)
{
    outb(PIC1_CMD, 0x11);                 /* ICW1: init, ICW4 follows */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, VEC_PIC_BASE);        /* ICW2: vector base */
    outb(PIC2_DATA, VEC_PIC_BASE + 8);
    outb(PIC1_DATA, 0x04);                /* ICW3: slave on line 2 */
    outb(PIC2_DATA, 0x02);
    outb(PIC1_DATA, 0x01);                /* ICW4: 8086 mode */
    outb(PIC2_DATA, 0x01);
    outb(PIC1_DATA, 0xff);                /* mask everything */
    outb(PIC2_DATA, 0xff);
}
