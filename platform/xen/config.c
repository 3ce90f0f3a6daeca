/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration at boot: the JSON of the xenstore key
 * rumpxen/config (written by dom0 while the domain is paused), then the
 * command line's short form, parsed by config_parse.c/config_json.c; the
 * devices it names must exist. Applying it is the layers' above (their
 * boot stages read config_get()); a refusal ends the guest with status
 * CONFIG_EXIT_STATUS before main().
 */
#include <rumpxen/blkfront.h>
#include <rumpxen/config.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/xs.h>

#include "config_parse_priv.h"
#include "config_priv.h"

#define CONFIG_KEY "rumpxen/config"

/* Formats the message into err and returns -1. */
#define FAIL(...) return fmt_snprintf(err, errsize, __VA_ARGS__), -1

static struct config cfg;
static unsigned int applied;
static char json[CONFIG_JSON_MAX + 1];

const struct config *
config_get(void)
{
    return &cfg;
}

char **
config_environ(void)
{
    return cfg.envp;
}

const char *
config_getenv(const char *name)
{
    size_t n = strlen(name);

    for (unsigned int i = 0; i < cfg.nenv; i++)
        if (strncmp(cfg.env[i], name, n) == 0 && cfg.env[i][n] == '=')
            return cfg.env[i] + n + 1;
    return NULL;
}

void
config_mark_applied(unsigned int what)
{
    applied |= what;
}

char **
config_args(int *argc)
{
    *argc = cfg.argc;
    return cfg.argv;
}

/* Every vif and vbd the configuration names must be the domain's. */
static int
check_devices(char *err, size_t errsize)
{
    char path[48], val[64];

    for (unsigned int i = 0; i < cfg.nnet; i++) {
        const struct config_net *n = &cfg.net[i];
        int rc;

        fmt_snprintf(path, sizeof(path), "device/vif/%u/backend", n->unit);
        rc = xs_read(XS_TX_NONE, path, val, sizeof(val));
        if (rc == -RX_ENOENT)
            FAIL("%s.%s: no such vif (device/vif/%u)",
                 n->inet6 ? "net6" : "net", n->ifname, n->unit);
        if (rc < 0)
            FAIL("%s.%s: can not read %s (error %d)", n->inet6 ? "net6" : "net",
                 n->ifname, path, -rc);
    }
    for (unsigned int i = 0; i < cfg.nblk; i++) {
        unsigned int k = 0;
        int rc;

        while ((rc = blkfront_name(k, val, sizeof(val))) == 0 &&
               strcmp(val, cfg.blk[i].vbd) != 0)
            k++;
        if (rc == -RX_ENOENT)
            FAIL("blk.%s: no such disk (vbd)", cfg.blk[i].vbd);
        if (rc < 0)
            FAIL("blk.%s: can not list the disks (error %d)", cfg.blk[i].vbd,
                 -rc);
    }
    return 0;
}

int
config_load(char *err, size_t errsize)
{
    int rc;

    config_reset(&cfg);
    rc = xs_read(XS_TX_NONE, CONFIG_KEY, json, sizeof(json));
    if (rc == -RX_ERANGE)
        FAIL("config: the xenstore key %s is longer than %d bytes", CONFIG_KEY,
             CONFIG_JSON_MAX);
    if (rc < 0 && rc != -RX_ENOENT)
        FAIL("config: can not read the xenstore key %s (error %d)", CONFIG_KEY,
             -rc);
    if (rc >= 0 && config_parse_json(&cfg, json, (size_t)rc, err, errsize) != 0)
        return -1;
    if (config_parse_cmdline(&cfg, boot_info->cmdline, err, errsize) != 0)
        return -1;
    if (cfg.from_xenstore && rc < 0)
        FAIL("config: config=xenstore, but the domain has no key %s",
             CONFIG_KEY);
    if (check_devices(err, errsize) != 0)
        return -1;
    config_finish(&cfg);
    return 0;
}

int
config_check_applied(char *err, size_t errsize)
{
    if ((cfg.nnet > 0 || cfg.gw[0] || cfg.gw6[0]) &&
        !(applied & CONFIG_APPLIED_NET))
        FAIL("%s%s: this image has no network stack (the rump kernel's "
             "\"net\" set)",
             cfg.nnet > 0 ? (cfg.net[0].inet6 ? "net6." : "net.")
                          : (cfg.gw[0] ? "gw" : "gw6"),
             cfg.nnet > 0 ? cfg.net[0].ifname : "");
    if (cfg.nblk > 0 && !(applied & CONFIG_APPLIED_BLK))
        FAIL("blk.%s: this image has no file systems (no rump kernel)",
             cfg.blk[0].vbd);
    return 0;
}
