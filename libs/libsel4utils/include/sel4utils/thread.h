/*
 * sel4utils: threads in the caller's address space, with their resources.
 *
 * sel4utils_configure_thread* makes a TCB, a stack (with an unmapped guard
 * page below it) and an IPC buffer, mapped through the vspace `alloc`,
 * and configures the TCB: that vspace's root, the given CSpace and fault
 * endpoint, the priority and MCP if an authority TCB is given.
 * sel4utils_start_thread then gives it thread-local storage at the top of
 * its stack (with __sel4_ipc_buffer set), and starts it running
 * entry_point(arg0, arg1, ipc buffer address) with an ABI-correct stack.
 * The stack and TLS are written through the caller's own mappings, so
 * `alloc` must be the caller's address space.
 */
#pragma once

#include <stdbool.h>
#include <sel4/sel4.h>
#include <vka/vka.h>
#include <vka/object.h>
#include <vspace/vspace.h>
#include <sel4utils/helpers.h>
#include <sel4utils/thread_config.h>

typedef struct sel4utils_thread {
    vka_object_t tcb;
    void *stack_top;               /* top of the stack (its pages end here) */
    void *initial_stack_pointer;   /* where the thread's stack starts, below its TLS */
    size_t stack_size;             /* in 4 KiB pages */
    seL4_CPtr ipc_buffer;          /* frame cap of the IPC buffer (0 if none) */
    seL4_Word ipc_buffer_addr;     /* its address (0 if none) */
    bool own_sc;                   /* MCS only */
    vka_object_t sched_context;    /* MCS only */
    bool own_reply;                /* MCS only */
    vka_object_t reply;            /* MCS only */
} sel4utils_thread_t;

int sel4utils_configure_thread_config(vka_t *vka, vspace_t *parent, vspace_t *alloc,
                                      sel4utils_thread_config_t config, sel4utils_thread_t *res);

/* The same with a default configuration (no priority change). 0 on success. */
int sel4utils_configure_thread(vka_t *vka, vspace_t *parent, vspace_t *alloc, seL4_CPtr fault_endpoint,
                               seL4_CNode cspace, seL4_Word cspace_root_data, sel4utils_thread_t *res);

/* Start the thread at entry_point(arg0, arg1, ipc buffer); resume = 0 leaves it suspended. 0 on success. */
int sel4utils_start_thread(sel4utils_thread_t *thread, sel4utils_thread_entry_fn entry_point, void *arg0,
                           void *arg1, int resume);

/* Delete the TCB and free the stack and IPC buffer. */
void sel4utils_clean_up_thread(vka_t *vka, vspace_t *alloc, sel4utils_thread_t *thread);

static inline seL4_TCB sel4utils_get_tcb(sel4utils_thread_t *thread)
{
    return thread->tcb.cptr;
}

static inline int sel4utils_suspend_thread(sel4utils_thread_t *thread)
{
    return seL4_TCB_Suspend(thread->tcb.cptr);
}
