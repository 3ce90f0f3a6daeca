/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rumpuser(3) memory: the rump kernel's allocations, made above the
 * platform's reserve (mm_client_*) and counted, and the default memory
 * limit getparam answers for RUMP_MEMLIMIT. Not the policy that chooses
 * the limit (rumpkernel/memlimit.c).
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/time.h>

#include <rumpxen/hypercall.h>

#include "hyp.h"

static struct hypercall_mem_stats st;
static int *free_out;
/* The last allocation was refused (note_refusal() counts the streak). */
static int refusing;

/*
 * Tells the rump kernel how many pages it could still get: the smaller of
 * what its limit leaves and what the platform has above its reserve.
 */
static void
publish_free(void)
{
    struct mm_stats ms;
    size_t pages, reserve = mm_reserve();

    if (free_out == NULL)
        return;
    mm_get_stats(&ms);
    pages = ms.free_pages > reserve ? ms.free_pages - reserve : 0;
    if (st.limit != 0) {
        uint64_t left = st.used < st.limit ? st.limit - st.used : 0;

        if (left / PAGE_SIZE < pages)
            pages = (size_t)(left / PAGE_SIZE);
    }
    *free_out = pages > 0x7fffffff ? 0x7fffffff : (int)pages;
}

static void
count_alloc(size_t len)
{
    refusing = 0;
    st.used += len;
    if (st.used > st.peak)
        st.peak = st.used;
    publish_free();
}

static void
count_free(size_t len)
{
    st.used -= len < st.used ? len : st.used;
    publish_free();
}

void
hypercall_mem_set_limit(uint64_t bytes)
{
    st.limit = bytes;
    publish_free();
}

void
hypercall_mem_get_stats(struct hypercall_mem_stats *out)
{
    *out = st;
}

void
hypercall_mem_publish_free(int *free_pages)
{
    free_out = free_pages;
    publish_free();
}

int
hyp_mem_limit_param(void *buf, size_t buflen)
{
    if (st.limit == 0)
        return RX_ENOENT;
    if ((size_t)fmt_snprintf(buf, buflen, "%lu", (unsigned long)st.limit) >=
        buflen)
        return RX_E2BIG;
    return 0;
}

static void __attribute__((noreturn)) out_of_memory(const char *why)
{
    console_printf("rumpxen: out of memory: the rump kernel waits for memory "
                   "%s (%lu KiB in use, limit %lu KiB; tmpfs data and socket "
                   "buffers are not reclaimable); stopping the guest\n",
                   why, (unsigned long)(st.used / 1024),
                   (unsigned long)(st.limit / 1024));
    platform_halt(HYPERCALL_EXIT_NOMEM);
}

void
hyp_mem_watch_message(const char *fmt)
{
    static const char stuck[] = "pagedaemoness: failed to reclaim memory";
    static uint64_t used_then;
    static int rounds;

    if (strncmp(fmt, stuck, sizeof(stuck) - 1) != 0)
        return;
    rounds = rounds > 0 && st.used >= used_then ? rounds + 1 : 1;
    used_then = st.used;
    if (rounds >= HYPERCALL_NOMEM_ROUNDS)
        out_of_memory("it can not reclaim");
}

/*
 * The platform refused; when it has refused every allocation for
 * NOMEM_SECONDS, NOMEM_REFUSALS times or more, the rump kernel is spinning
 * on memory that will not come (a waiting allocation retries at once while
 * its own accounting says memory is left).
 */
#define NOMEM_SECONDS 5
#define NOMEM_REFUSALS 1000

static void
note_refusal(void)
{
    static uint64_t since, refusals;
    uint64_t now = time_now_ns();

    st.failed++;
    if (!refusing) {
        refusing = 1;
        since = now;
        refusals = 0;
    }
    if (++refusals >= NOMEM_REFUSALS &&
        now - since >= NOMEM_SECONDS * NSEC_PER_SEC)
        out_of_memory("the platform does not have");
}

int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
    void *p;

    /*
     * rumpuser(3) leaves *memp alone on failure, but the rump kernel's
     * non-waiting page allocation (vm.c rump_hypermalloc) returns it
     * without looking at the error: NULL makes that a failed allocation, not a
     * wild one.
     */
    *memp = NULL;
    if (alignment < 0 || (alignment & (alignment - 1)))
        return RX_EINVAL;
    p = mm_client_malloc(len, (size_t)alignment);
    if (p == NULL) {
        note_refusal();
        return RX_ENOMEM;
    }
    count_alloc(len);
    *memp = p;
    return 0;
}

void
rumpuser_free(void *mem, size_t len)
{
    if (mem == NULL)
        return;
    mm_free(mem);
    count_free(len);
}

int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec,
                  void **memp)
{
    size_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
    size_t align = alignbit > PAGE_SHIFT ? 1UL << (alignbit - PAGE_SHIFT) : 1;
    void *p;

    (void)prefaddr;
    /* All RAM is mapped non-executable; code can not be loaded. */
    if (exec || alignbit < 0 || alignbit > 30 || size == 0)
        return RX_EINVAL;
    p = mm_client_alloc_pages(pages, align);
    if (p == NULL) {
        note_refusal();
        return RX_ENOMEM;
    }
    memset(p, 0, pages * PAGE_SIZE);
    count_alloc(pages * PAGE_SIZE);
    *memp = p;
    return 0;
}

void
rumpuser_unmap(void *addr, size_t len)
{
    size_t pages = (len + PAGE_SIZE - 1) / PAGE_SIZE;

    mm_free_pages(addr, pages);
    count_free(pages * PAGE_SIZE);
}
