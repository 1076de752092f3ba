/* allocman: the vka_t interface over an allocman_t. */
#pragma once

#include <vka/vka.h>
#include <allocman/allocman.h>

/* Fill *vka so that it allocates from alloc (which must outlive it). */
void allocman_make_vka(vka_t *vka, allocman_t *alloc);
