/* sel4platsupport: the root task's boot info, from the C runtime. */
#include <sel4runtime.h>
#include <utils/util.h>
#include <sel4platsupport/bootinfo.h>

seL4_BootInfo *platsupport_get_bootinfo(void)
{
    seL4_BootInfo *bi = sel4runtime_bootinfo();
    if (bi == NULL) {
        ZF_LOGE("No boot info: the C runtime did not receive one");
    }
    return bi;
}
