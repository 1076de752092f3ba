/* The smallest keel root task: print a greeting and return 0 (the kernel
 * reports the exit status and ends the run). */
#include <stdio.h>

int main(void)
{
    printf("Hello, World!\n");
    return 0;
}
