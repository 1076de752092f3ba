#include "test.h"

const test_case_t vspace_tests[] = {
    TESTS_END,
};
