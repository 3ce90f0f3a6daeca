/* SPDX-License-Identifier: BSD-2-Clause */
/* Interim bump allocator (never frees) until mm.c lands; to be removed. */
#include <rumpxen/mm.h>
#include <rumpxen/lib.h>
static char pool[8 * 1024 * 1024] __attribute__((aligned(4096)));
static size_t used;
void mm_init(void) {}
void *mm_alloc_pages(size_t n, size_t a) { (void)a; used = (used + 4095) & ~4095UL; if (used + n*4096 > sizeof pool) return NULL; void *p = pool + used; used += n*4096; return p; }
void mm_free_pages(void *p, size_t n) { (void)p; (void)n; }
void *mm_malloc(size_t s, size_t a) { if (!a) a = 16; used = (used + a - 1) & ~(a-1); if (used + s > sizeof pool) return NULL; void *p = pool + used; used += s; return p; }
void mm_free(void *p) { (void)p; }
int mm_guard_page(void *va, int g) { (void)va; (void)g; return 0; }
#include "internal.h"
uint64_t mm_virt_to_frame(const void *va) { uint64_t pfn = (uintptr_t)va >> 12; if (boot_is_pv()) return ((const unsigned long *)boot_state.pv_start_info->mfn_list)[pfn]; return pfn; }
void mm_get_stats(struct mm_stats *st) { st->total_pages = sizeof pool / 4096; st->free_pages = (sizeof pool - used) / 4096; }
