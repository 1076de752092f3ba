#include "test.h"

const test_case_t ioirq_tests[] = {
    TESTS_END,
};
