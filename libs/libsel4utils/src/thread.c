/* sel4utils: threads in the caller's address space. */
#include <string.h>
#include <sel4runtime.h>
#include <utils/util.h>
#include <sel4utils/thread.h>

int sel4utils_configure_thread_config(vka_t *vka, vspace_t *parent, vspace_t *alloc,
                                      sel4utils_thread_config_t config, sel4utils_thread_t *res)
{
    (void)parent;
    memset(res, 0, sizeof(*res));
    int error = vka_alloc_tcb(vka, &res->tcb);
    if (error) {
        ZF_LOGE("Failed to allocate a TCB");
        return -1;
    }
    if (!config.no_ipc_buffer) {
        res->ipc_buffer_addr = (seL4_Word)vspace_new_ipc_buffer(alloc, &res->ipc_buffer);
        if (res->ipc_buffer_addr == 0) {
            ZF_LOGE("Failed to make an IPC buffer");
            goto fail;
        }
    }
    res->stack_size = config.custom_stack_size ? config.stack_size
                                               : BYTES_TO_4K_PAGES(CONFIG_SEL4UTILS_STACK_SIZE);
    res->stack_top = vspace_new_sized_stack(alloc, res->stack_size);
    if (res->stack_top == NULL) {
        ZF_LOGE("Failed to make a stack of %zu pages", res->stack_size);
        goto fail;
    }
    res->initial_stack_pointer = res->stack_top;
    error = seL4_TCB_Configure(res->tcb.cptr, config.fault_endpoint, config.cspace, config.cspace_root_data,
                               vspace_get_root(alloc), seL4_NilData, res->ipc_buffer_addr, res->ipc_buffer);
    if (error) {
        ZF_LOGE("TCB_Configure failed: %d", error);
        goto fail;
    }
    if (config.sched_params.auth != seL4_CapNull) {
        error = seL4_TCB_SetSchedParams(res->tcb.cptr, config.sched_params.auth, config.sched_params.mcp,
                                        config.sched_params.priority);
        if (error) {
            ZF_LOGE("TCB_SetSchedParams failed: %d", error);
            goto fail;
        }
    }
    return 0;

fail:
    sel4utils_clean_up_thread(vka, alloc, res);
    return -1;
}

int sel4utils_configure_thread(vka_t *vka, vspace_t *parent, vspace_t *alloc, seL4_CPtr fault_endpoint,
                               seL4_CNode cspace, seL4_Word cspace_root_data, sel4utils_thread_t *res)
{
    sel4utils_thread_config_t config = { 0 };
    config = thread_config_fault_endpoint(config, fault_endpoint);
    config = thread_config_cspace(config, cspace, cspace_root_data);
    return sel4utils_configure_thread_config(vka, parent, alloc, config, res);
}

int sel4utils_start_thread(sel4utils_thread_t *thread, sel4utils_thread_entry_fn entry_point, void *arg0,
                           void *arg1, int resume)
{
    /* Thread-local storage at the top of the stack; the stack starts below it. */
    size_t tls_size = sel4runtime_get_tls_size();
    uintptr_t tls_region = ROUND_DOWN((uintptr_t)thread->stack_top - tls_size, 16);
    if (tls_size >= thread->stack_size * PAGE_SIZE_4K / 2) {
        ZF_LOGE("The stack is too small for the TLS (%zu bytes)", tls_size);
        return -1;
    }
    uintptr_t tls = sel4runtime_write_tls_image((void *)tls_region);
    if (tls == 0 || sel4runtime_set_tls_variable(tls, __sel4_ipc_buffer,
                                                 (seL4_IPCBuffer *)thread->ipc_buffer_addr) != 0) {
        ZF_LOGE("Failed to set up the thread's TLS");
        return -1;
    }
    int error = seL4_TCB_SetTLSBase(thread->tcb.cptr, tls);
    if (error) {
        ZF_LOGE("TCB_SetTLSBase failed: %d", error);
        return -1;
    }
    thread->initial_stack_pointer = (void *)tls_region;

    seL4_UserContext context = { 0 };
    error = sel4utils_arch_init_local_context(entry_point, arg0, arg1, (void *)thread->ipc_buffer_addr,
                                              thread->initial_stack_pointer, &context);
    if (error) {
        return error;
    }
    context.fs_base = tls;
    return seL4_TCB_WriteRegisters(thread->tcb.cptr, resume != 0, 0, sizeof(context) / sizeof(seL4_Word),
                                   &context);
}

void sel4utils_clean_up_thread(vka_t *vka, vspace_t *alloc, sel4utils_thread_t *thread)
{
    if (thread->tcb.cptr != 0) {
        vka_free_object(vka, &thread->tcb);
    }
    if (thread->ipc_buffer_addr != 0) {
        vspace_free_ipc_buffer(alloc, (void *)thread->ipc_buffer_addr);
    }
    if (thread->stack_top != NULL) {
        vspace_free_sized_stack(alloc, thread->stack_top, thread->stack_size);
    }
    memset(thread, 0, sizeof(*thread));
}
