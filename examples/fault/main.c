/* A root task that reads address 0. With no fault handler, the kernel
 * prints seL4's fault report ("Caught cap fault in send phase ...",
 * "while trying to handle:", "vm fault on data at address ...", the thread
 * and "With stack:" with 16 lines) and makes the thread inactive; as no
 * thread can run any more the kernel ends the run (status 101). */
#include <stdio.h>

int main(void)
{
    printf("fault: reading address 0\n");
    volatile int *p = (volatile int *)0;
    int v = *p;
    printf("fault: read %d: this line must never appear\n", v);
    return 0;
}
