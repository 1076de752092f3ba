/* I/O port access for IOPort invocations (the generic kernel checks the
 * capability's range first). */
#include "arch.h"
#include "cpu.h"

word_t arch_port_in(word_t port, int size)
{
    switch (size) {
    case 1:  return inb((uint16_t)port);
    case 2:  return inw((uint16_t)port);
    default: return inl((uint16_t)port);
    }
}

void arch_port_out(word_t port, word_t value, int size)
{
    switch (size) {
    case 1:  outb((uint16_t)port, (uint8_t)value); break;
    case 2:  outw((uint16_t)port, (uint16_t)value); break;
    default: outl((uint16_t)port, (uint32_t)value); break;
    }
}
