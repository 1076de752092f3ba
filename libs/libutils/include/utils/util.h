/* libutils: everything in one include (seL4 util_libs' utils/util.h). */
#pragma once

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <utils/arith.h>
#include <utils/assume.h>
#include <utils/attribute.h>
#include <utils/builtin.h>
#include <utils/compile_time.h>
#include <utils/force.h>
#include <utils/frequency.h>
#include <utils/page.h>
#include <utils/stringify.h>
#include <utils/time.h>
#include <utils/verification.h>

#ifndef ZF_LOG_LEVEL
#define ZF_LOG_LEVEL ZF_LOG_ERROR
#endif
#include <utils/zf_log.h>

/* Older names for ZF_LOGE / ZF_LOGI. */
#define LOG_ERROR(args...) ZF_LOGE(args)
#define LOG_INFO(args...) ZF_LOGI(args)
