#include "test.h"

const test_case_t syscall_tests[] = {
    TESTS_END,
};
