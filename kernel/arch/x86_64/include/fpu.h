/* Lazy FPU switching (fpu.c). The kernel never touches x87/SSE state. */
#pragma once
#include "types.h"

struct tcb;
void fpu_init(void);                   /* boot: CR0/CR4 already set by cpu_init */
void fpu_handle_nm(void);              /* #NM from user: give ksCurThread the FPU */
void fpu_update_ts(struct tcb *to);    /* CR0.TS set unless `to` owns the FPU */
