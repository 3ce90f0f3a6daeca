/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target (`make fuzz-config`): the guest configuration's parsers
 * (platform/xen/config_parse.c, config_json.c) on arbitrary input, as JSON
 * and as a kernel command line. They must never read or write out of
 * bounds, and whatever they accept must be consistent: counts within their
 * limits, strings terminated, argv and envp NULL-terminated, every error
 * message terminated and naming a key ("KEY: ...").
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config_parse_priv.h"

static struct config c;
static char line[4096];

static void
check(int rc, const char *err)
{
    if (rc != 0) {
        if (strlen(err) >= 160 || strstr(err, ": ") == NULL)
            abort();
        return;
    }
    config_finish(&c);
    if (c.nnet > CONFIG_NET_MAX || c.nblk > CONFIG_BLK_MAX ||
        c.nenv > CONFIG_ENV_MAX || c.argc < 1 || c.argc > CONFIG_ARGS_MAX ||
        c.argv[c.argc] != NULL || c.envp[c.nenv] != NULL)
        abort();
    for (int i = 0; i < c.argc; i++)
        if (c.argv[i] < c.args || c.argv[i] >= c.args + sizeof(c.args))
            abort();
    for (unsigned int i = 0; i < c.nnet; i++)
        if (strnlen(c.net[i].addr, CONFIG_ADDR_MAX) == CONFIG_ADDR_MAX ||
            c.net[i].prefix > (c.net[i].inet6 ? 128u : 32u))
            abort();
    for (unsigned int i = 0; i < c.nblk; i++)
        if (c.blk[i].mountpoint[0] != '/')
            abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[160];
    size_t n = size < sizeof(line) - 1 ? size : sizeof(line) - 1;

    config_reset(&c);
    check(config_parse_json(&c, (const char *)data, size, err, sizeof(err)),
          err);
    memcpy(line, data, n);
    line[n] = '\0';
    config_reset(&c);
    check(config_parse_cmdline(&c, line, err, sizeof(err)), err);
    return 0;
}
