/* libutils: time-unit conversion constants. */
#pragma once

#define SEC_IN_MINUTE 60llu
#define NS_IN_MINUTE (SEC_IN_MINUTE * NS_IN_S)

#define MS_IN_S 1000llu

#define US_IN_MS 1000llu
#define US_IN_S  1000000llu

#define NS_IN_US 1000llu
#define NS_IN_MS 1000000llu
#define NS_IN_S  1000000000llu

#define PS_IN_NS 1000llu
#define PS_IN_US 1000000llu
#define PS_IN_MS 1000000000llu
#define PS_IN_S  1000000000000llu

#define FS_IN_PS 1000llu
#define FS_IN_NS 1000000llu
#define FS_IN_US 1000000000llu
#define FS_IN_MS 1000000000000llu
#define FS_IN_S  1000000000000000llu
