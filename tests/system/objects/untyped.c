#include "test.h"

const test_case_t untyped_tests[] = {
    TESTS_END,
};
