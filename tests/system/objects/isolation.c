#include "test.h"

const test_case_t isolation_tests[] = {
    TESTS_END,
};
