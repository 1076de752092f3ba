#include "test.h"

const test_case_t ipc_tests[] = {
    TESTS_END,
};
