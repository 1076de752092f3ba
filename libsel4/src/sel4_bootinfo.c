/* The only data libsel4 owns: the per-thread IPC buffer pointer and the
 * root task's boot info pointer. */
#include <sel4/sel4.h>

__thread seL4_IPCBuffer *__sel4_ipc_buffer;

static seL4_BootInfo *bootinfo;

void seL4_InitBootInfo(seL4_BootInfo *bi)
{
    bootinfo = bi;
    if (__sel4_ipc_buffer == seL4_Null && bi != seL4_Null) {
        __sel4_ipc_buffer = bi->ipcBuffer;
    }
}

seL4_BootInfo *seL4_GetBootInfo(void)
{
    return bootinfo;
}
