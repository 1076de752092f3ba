/* The seL4 system calls (non-MCS). The stubs are in
 * sel4/sel4_arch/syscalls.h; this file adds the wrappers that are not
 * kernel syscalls of their own. */
#pragma once

#include <autoconf.h>
#include <sel4/functions.h>
#include <sel4/sel4_arch/syscalls.h>

/* Wait for a signal on a notification (non-MCS: a Recv). */
LIBSEL4_INLINE_FUNC void seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    seL4_Recv(src, sender);
}

/* keel addition (seL4 has this only on MCS): Wait with MR0..3 returned
 * through pointers. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_WaitWithMRs(seL4_CPtr src, seL4_Word *sender,
                                                        seL4_Word *mr0, seL4_Word *mr1,
                                                        seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_RecvWithMRs(src, sender, mr0, mr1, mr2, mr3);
}

/* Poll a notification without blocking (non-MCS: an NBRecv). */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBRecv(src, sender);
}
