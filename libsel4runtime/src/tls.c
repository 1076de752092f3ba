/*
 * sel4runtime: thread-local storage (x86_64, TLS variant II, local-exec).
 *
 * The linker lays the TLS image out as .tdata then .tbss (roottask.lds
 * marks both ends). For a thread pointer tp, the linker-computed offset of
 * each TLS variable places the copy of the image at
 *     tp - ROUND_UP(image size, image alignment),
 * so a thread's TLS memory holds, in address order: the image copy, then
 * at tp a small TCB whose first word is tp itself (what %fs:0 reads).
 */
#include <stdint.h>
#include <string.h>
#include <sel4runtime.h>

#include "tls.h"

/* From roottask.lds. The alignment symbol is absolute: its address is the value. */
extern unsigned char __sel4runtime_tdata_start[];
extern unsigned char __sel4runtime_tdata_end[];
extern unsigned char __sel4runtime_tbss_end[];
extern unsigned char __sel4runtime_tls_align[];

/* Bytes after the thread pointer: the self pointer and room for a TCB. */
#define TCB_SIZE 64

int __sel4runtime_tls_ready;

static uintptr_t align_up(uintptr_t v, uintptr_t a)
{
    return (v + a - 1) & ~(a - 1);
}

static uintptr_t image_align(void)
{
    uintptr_t a = (uintptr_t)__sel4runtime_tls_align;
    return a == 0 ? 1 : a;
}

/* Bytes from the start of a thread's image copy to its thread pointer. */
static uintptr_t block_size(void)
{
    uintptr_t memsz = (uintptr_t)(__sel4runtime_tbss_end - __sel4runtime_tdata_start);
    return align_up(memsz, image_align());
}

/* Alignment of a thread pointer: the image's, and at least 16. */
static uintptr_t tp_align(void)
{
    uintptr_t a = image_align();
    return a < 16 ? 16 : a;
}

sel4runtime_size_t sel4runtime_get_tls_size(void)
{
    return block_size() + tp_align() + TCB_SIZE;
}

int sel4runtime_initial_tls_enabled(void)
{
    return __sel4runtime_tls_ready;
}

sel4runtime_uintptr_t sel4runtime_get_tls_base(void)
{
    if (!__sel4runtime_tls_ready) {
        return 0;
    }
    uintptr_t tp;
    __asm__ volatile("movq %%fs:0, %0" : "=r"(tp));
    return tp;
}

sel4runtime_uintptr_t sel4runtime_write_tls_image(void *tls_memory)
{
    if (tls_memory == NULL) {
        return 0;
    }
    uintptr_t block = block_size();
    uintptr_t tp = align_up((uintptr_t)tls_memory + block, tp_align());
    unsigned char *image = (unsigned char *)(tp - block);
    size_t tdata = (size_t)(__sel4runtime_tdata_end - __sel4runtime_tdata_start);

    memcpy(image, __sel4runtime_tdata_start, tdata);
    memset(image + tdata, 0, block - tdata + TCB_SIZE);    /* .tbss, padding, TCB */
    *(uintptr_t *)tp = tp;
    return tp;
}

int __sel4runtime_write_tls_variable(sel4runtime_uintptr_t dest_tls_base,
                                     unsigned char *local_tls_dest,
                                     unsigned char *src, sel4runtime_size_t bytes)
{
    uintptr_t cur = sel4runtime_get_tls_base();
    uintptr_t addr = (uintptr_t)local_tls_dest;
    if (cur == 0 || dest_tls_base == 0 || addr < cur - block_size() || addr + bytes > cur) {
        return -1;
    }
    memcpy((unsigned char *)dest_tls_base - (cur - addr), src, bytes);
    return 0;
}
