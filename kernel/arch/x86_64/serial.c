/* COM1 console: 115200 baud, 8N1, polled (the kernel takes no serial IRQs). */
#include "arch.h"
#include "cpu.h"
#include "boot.h"

#define COM1 0x3f8
enum { UART_DATA = 0, UART_IER = 1, UART_FCR = 2, UART_LCR = 3, UART_MCR = 4, UART_LSR = 5 };
#define LCR_DLAB   0x80
#define LCR_8N1    0x03
#define LSR_THRE   0x20      /* transmit holding register empty */

void serial_init(void)
{
    outb(COM1 + UART_IER, 0);           /* no UART interrupts */
    outb(COM1 + UART_LCR, LCR_DLAB);
    outb(COM1 + UART_DATA, 1);          /* divisor 1: 115200 baud */
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, LCR_8N1);
    outb(COM1 + UART_FCR, 0xc7);        /* enable and clear FIFOs */
    outb(COM1 + UART_MCR, 0x03);        /* DTR, RTS */
}

void arch_serial_putc(char c)
{
    /* Bounded wait: a missing UART must not hang the kernel. */
    for (int i = 0; i < 100000 && !(inb(COM1 + UART_LSR) & LSR_THRE); i++)
        ;
    outb(COM1 + UART_DATA, (uint8_t)c);
}
