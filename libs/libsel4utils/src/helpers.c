/* sel4utils: initial registers for new threads (x86_64). */
#include <string.h>
#include <utils/util.h>
#include <sel4utils/util.h>
#include <sel4utils/helpers.h>

int sel4utils_arch_init_context(void *entry_point, void *stack_top, seL4_UserContext *context)
{
    sel4utils_set_instruction_pointer(context, (seL4_Word)entry_point);
    sel4utils_set_stack_pointer(context, (seL4_Word)stack_top);
    return 0;
}

int sel4utils_arch_init_context_with_args(sel4utils_thread_entry_fn entry_point, void *arg0, void *arg1,
                                          void *arg2, bool local_stack, void *stack_top,
                                          seL4_UserContext *context, vka_t *vka, vspace_t *local_vspace,
                                          vspace_t *remote_vspace)
{
    (void)local_stack;
    (void)vka;
    (void)local_vspace;
    (void)remote_vspace;
    if ((uintptr_t)stack_top % 16 != 0) {
        ZF_LOGE("Stack top %p is not 16-byte aligned", stack_top);
        return -1;
    }
    context->rdi = (seL4_Word)arg0;
    context->rsi = (seL4_Word)arg1;
    context->rdx = (seL4_Word)arg2;
    sel4utils_set_instruction_pointer(context, (seL4_Word)entry_point);
    /* As after a call: the return address slot is below the aligned top. */
    sel4utils_set_stack_pointer(context, (seL4_Word)stack_top - sizeof(seL4_Word));
    return 0;
}
