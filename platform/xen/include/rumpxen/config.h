/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration: network addresses, gateways, mounts, hostname,
 * environment and the program's arguments, from the xenstore key
 * rumpxen/config (JSON, rumprun's schema where it overlaps) and then the
 * kernel command line's short form (words before a word "--"). Read and
 * validated by the platform before the constructors run; applied by the
 * layers above in their boot stages; main() gets the arguments. The
 * README's "Guest configuration" section is the user's documentation.
 */
#ifndef RUMPXEN_CONFIG_H
#define RUMPXEN_CONFIG_H

#include <stdint.h>

/* Exit status of a guest whose configuration is refused (EX_CONFIG). */
#define CONFIG_EXIT_STATUS 78

#define CONFIG_NET_MAX 8
#define CONFIG_BLK_MAX 8
#define CONFIG_ENV_MAX 32
#define CONFIG_ARGS_MAX 64
#define CONFIG_IFNAME_MAX 16   /* with the NUL */
#define CONFIG_ADDR_MAX 46     /* an IPv6 address as text, with the NUL */
#define CONFIG_HOSTNAME_MAX 64 /* with the NUL */
#define CONFIG_PATH_MAX 128    /* a mount point, with the NUL */
#define CONFIG_VBD_MAX 16      /* a vbd name, with the NUL */
#define CONFIG_FSTYPE_MAX 8    /* ffs, ext2fs, msdos, with the NUL */
#define CONFIG_ENV_LEN 256     /* NAME=VALUE, with the NUL */
#define CONFIG_ARGS_LEN 2048   /* every argument, with their NULs */
#define CONFIG_JSON_MAX 8192   /* the xenstore value */

enum config_method {
    CONFIG_STATIC,
    CONFIG_DHCP, /* IPv4 only */
    CONFIG_AUTO, /* IPv6 only: router advertisements */
};

/* One address of an interface. */
struct config_net {
    char ifname[CONFIG_IFNAME_MAX]; /* "xenifN" */
    unsigned int unit;              /* N: the vif's xenstore device id */
    int inet6;                      /* 0: IPv4, 1: IPv6 */
    enum config_method method;
    char addr[CONFIG_ADDR_MAX]; /* static: the address, without prefix */
    unsigned int prefix;        /* static: 0-32 or 0-128 */
};

/* A disk mounted before main. */
struct config_blk {
    char vbd[CONFIG_VBD_MAX];         /* "xvda" */
    char fstype[CONFIG_FSTYPE_MAX];   /* "ffs", "ext2fs" or "msdos" */
    char mountpoint[CONFIG_PATH_MAX]; /* absolute */
    int readonly;
};

struct config {
    struct config_net net[CONFIG_NET_MAX];
    unsigned int nnet;
    char gw[CONFIG_ADDR_MAX];  /* IPv4 default route, "" if none */
    char gw6[CONFIG_ADDR_MAX]; /* IPv6 default route, "" if none */
    struct config_blk blk[CONFIG_BLK_MAX];
    unsigned int nblk;
    char hostname[CONFIG_HOSTNAME_MAX];       /* "" if none */
    char env[CONFIG_ENV_MAX][CONFIG_ENV_LEN]; /* "NAME=VALUE" */
    unsigned int nenv;
    char *envp[CONFIG_ENV_MAX + 1]; /* env's entries, then NULL */
    char args[CONFIG_ARGS_LEN];     /* the arguments' text */
    unsigned int args_used;
    char *argv[CONFIG_ARGS_MAX + 1]; /* argv[0] is the program's name */
    int argc;
    int from_xenstore; /* "config=xenstore" said: the key must exist */
};

/*
 * The configuration of this boot, complete before the constructors and
 * the boot stages run; never NULL then. Read-only for the layers above.
 */
const struct config *config_get(void);

/* The environment as "NAME=VALUE" strings, NULL-terminated. */
char **config_environ(void);

/* The value of environment variable name, or NULL. */
const char *config_getenv(const char *name);

/* What the layers above applied; config_check_applied() wants them all. */
#define CONFIG_APPLIED_NET 1u
#define CONFIG_APPLIED_BLK 2u
void config_mark_applied(unsigned int what);

/*
 * Prints "rumpxen: config: " and the message, then ends the guest with
 * CONFIG_EXIT_STATUS. For a configuration the layers above can not apply
 * (thread context, before main). Never returns.
 */
void config_fail(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

#endif
