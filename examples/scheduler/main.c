/* seL4_DebugNameThread and seL4_DebugDumpScheduler: rename the root thread,
 * then have the kernel print its table of threads, in which the new name
 * must appear as "running" at priority 255 (tests/expect/scheduler.expect). */
#include <stdio.h>
#include <sel4/sel4.h>

int main(void)
{
    seL4_DebugDumpScheduler();
    seL4_DebugNameThread(seL4_CapInitThreadTCB, "renamed-root");
    printf("scheduler: renamed the root thread to renamed-root\n");
    seL4_DebugDumpScheduler();
    return 0;
}
