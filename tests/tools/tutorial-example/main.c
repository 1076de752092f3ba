/* A two-task example tutorial for testing keel's tutorial tools
 * (tools/tutorial-render.sh, init --tut, check): tests/tools/*.sh. */
#include <stdio.h>

int main(void)
{
    printf("example: start\n");
    /*@ task 1 exercise @*/
    /* TODO task-1: print "example: one" */
    /*@ end @*/
/*@ task 1 solution @*/
    printf("example: one\n");
/*@ end @*/
/*@ task 2 exercise @*/
    /* TODO task-2: print "example: two" */
/*@ end @*/
/*@ task 2 solution @*/
    printf("example: two\n");
/*@ end @*/
    return 0;
}
