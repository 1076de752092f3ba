/* FPU switching (fpu.c): lazy until a thread's first FPU use, eager after.
 * The kernel itself never touches x87/SSE state. */
#pragma once
#include "types.h"

struct tcb;
void fpu_init(void);                   /* boot: CR0/CR4 already set by cpu_init */
void fpu_handle_nm(void);              /* #NM from user: give ksCurThread the FPU */
void fpu_switch_to(struct tcb *to);    /* on every switch: load its state or set CR0.TS */
