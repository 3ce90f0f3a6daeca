/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration's short form (kernel command line words before
 * "--") and the checks both forms share: addresses, prefixes, interface,
 * disk, file system, host and variable names, lengths. Pure (no xenstore,
 * no device): whether a device exists is config.c's question.
 */
#include <stdarg.h>

#include <rumpxen/lib.h>

#include "config_parse_priv.h"

#define IS_DIGIT(ch) ((ch) >= '0' && (ch) <= '9')
#define IS_LOWER(ch) ((ch) >= 'a' && (ch) <= 'z')
#define IS_UPPER(ch) ((ch) >= 'A' && (ch) <= 'Z')
#define IS_BLANK(ch) ((ch) == ' ' || (ch) == '\t')

int
config_err(char *err, size_t errsize, const char *key, const char *fmt, ...)
{
    va_list ap;
    int n = fmt_snprintf(err, errsize, "%s: ", key);

    if (n < 0 || (size_t)n >= errsize)
        return -1;
    va_start(ap, fmt);
    fmt_vsnprintf(err + n, errsize - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

void
config_reset(struct config *c)
{
    memset(c, 0, sizeof(*c));
    memcpy(c->args, "rumpxen", 8);
    c->args_used = 8;
    c->argv[0] = c->args;
    c->argc = 1;
}

/* The first ch in s[0..len), or NULL. */
static const char *
find_char(const char *s, size_t len, char ch)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == ch)
            return s + i;
    return NULL;
}

/* Copies a len-byte string into dst (size bytes); 0, or -1 if too long. */
static int
copy_str(char *dst, size_t size, const char *s, size_t len)
{
    if (len >= size)
        return -1;
    memcpy(dst, s, len);
    dst[len] = '\0';
    return 0;
}

/* A decimal number of 1-3 digits up to max, filling s[0..len). */
static int
small_number(const char *s, size_t len, unsigned int max, unsigned int *out)
{
    unsigned int v = 0;

    if (len == 0 || len > 3)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (!IS_DIGIT(s[i]))
            return -1;
        v = v * 10 + (unsigned int)(s[i] - '0');
    }
    if (len > 1 && s[0] == '0')
        return -1;
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

int
config_ipv4(const char *s, size_t len, uint8_t out[4])
{
    size_t i = 0;

    for (int part = 0; part < 4; part++) {
        size_t start = i;
        unsigned int v;

        while (i < len && s[i] != '.')
            i++;
        if (small_number(s + start, i - start, 255, &v) != 0)
            return -1;
        out[part] = (uint8_t)v;
        if (part < 3) {
            if (i >= len)
                return -1;
            i++; /* the dot */
        }
    }
    return i == len ? 0 : -1;
}

static int
hex_value(char ch)
{
    if (IS_DIGIT(ch))
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

int
config_ipv6(const char *s, size_t len, uint8_t out[16])
{
    uint16_t g[8];
    int n = 0, gap = -1;
    size_t i = 0;

    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    }
    while (i < len) {
        size_t end = i;
        int v = 0, digits = 0, dot = 0;

        while (end < len && s[end] != ':')
            dot |= s[end++] == '.';
        if (dot) {
            uint8_t q[4];

            /* A dotted-quad tail: the last 32 bits. */
            if (end != len || n > 6 || config_ipv4(s + i, end - i, q) != 0)
                return -1;
            g[n++] = (uint16_t)(q[0] << 8 | q[1]);
            g[n++] = (uint16_t)(q[2] << 8 | q[3]);
            i = end;
            break;
        }
        for (; i < end; i++, digits++) {
            int h = hex_value(s[i]);

            if (h < 0 || digits == 4)
                return -1;
            v = v * 16 + h;
        }
        if (digits == 0 || n == 8)
            return -1;
        g[n++] = (uint16_t)v;
        if (i == len)
            break;
        i++; /* the colon */
        if (i < len && s[i] == ':') {
            if (gap >= 0)
                return -1;
            gap = n;
            i++;
        } else if (i == len) {
            return -1; /* a trailing single colon */
        }
    }
    if (gap < 0 ? n != 8 : n > 7)
        return -1;
    memset(out, 0, 16);
    for (int k = 0, o = 0; k < n; k++, o++) {
        if (k == gap)
            o += 8 - n;
        out[2 * o] = (uint8_t)(g[k] >> 8);
        out[2 * o + 1] = (uint8_t)g[k];
    }
    return 0;
}

/* "xenifN", N 0-999: the vif with xenstore device id N. */
static int
parse_ifname(const char *s, size_t len, unsigned int *unit)
{
    if (len <= 5 || strncmp(s, "xenif", 5) != 0)
        return -1;
    return small_number(s + 5, len - 5, 999, unit);
}

int
config_add_net(struct config *c, const char *key, const char *ifname,
               size_t iflen, int inet6, enum config_method method,
               const char *addr, size_t alen, const char *prefix, size_t plen,
               char *err, size_t errsize)
{
    struct config_net n = {.inet6 = inet6, .method = method};
    uint8_t bin[16];
    unsigned int i;

    if (parse_ifname(ifname, iflen, &n.unit) != 0 ||
        copy_str(n.ifname, sizeof(n.ifname), ifname, iflen) != 0)
        return config_err(err, errsize, key,
                          "unknown interface '%.*s' (want xenifN, N the "
                          "vif's device id)",
                          (int)(iflen > 32 ? 32 : iflen), ifname);
    if (method == CONFIG_DHCP && inet6)
        return config_err(err, errsize, key,
                          "dhcp is for IPv4; IPv6 takes auto or ADDR/PREFIX");
    if (method == CONFIG_AUTO && !inet6)
        return config_err(err, errsize, key,
                          "auto is for IPv6; IPv4 takes dhcp or ADDR/PREFIX");
    if (method == CONFIG_STATIC) {
        if (alen == 0)
            return config_err(err, errsize, key, "no address given");
        if ((inet6 ? config_ipv6(addr, alen, bin)
                   : config_ipv4(addr, alen, bin)) != 0 ||
            copy_str(n.addr, sizeof(n.addr), addr, alen) != 0)
            return config_err(err, errsize, key, "'%.*s' is not an %s address",
                              (int)(alen > 48 ? 48 : alen), addr,
                              inet6 ? "IPv6" : "IPv4");
        if (plen == 0)
            return config_err(err, errsize, key,
                              "no prefix length (want ADDR/PREFIX)");
        if (small_number(prefix, plen, inet6 ? 128 : 32, &n.prefix) != 0 ||
            n.prefix == 0)
            return config_err(
                err, errsize, key, "prefix length '%.*s' is not 1-%d",
                (int)(plen > 8 ? 8 : plen), prefix, inet6 ? 128 : 32);
    }
    /* A later setting of the same interface and family replaces it. */
    for (i = 0; i < c->nnet; i++)
        if (strcmp(c->net[i].ifname, n.ifname) == 0 && c->net[i].inet6 == inet6)
            break;
    if (i == CONFIG_NET_MAX)
        return config_err(err, errsize, key, "more than %d addresses",
                          CONFIG_NET_MAX);
    c->net[i] = n;
    if (i == c->nnet)
        c->nnet++;
    return 0;
}

int
config_set_net(struct config *c, const char *key, const char *ifname,
               size_t iflen, int inet6, const char *val, size_t len, char *err,
               size_t errsize)
{
    const char *slash = find_char(val, len, '/');
    size_t alen = slash ? (size_t)(slash - val) : len;

    if (len == 4 && strncmp(val, "dhcp", 4) == 0)
        return config_add_net(c, key, ifname, iflen, inet6, CONFIG_DHCP, NULL,
                              0, NULL, 0, err, errsize);
    if (len == 4 && strncmp(val, "auto", 4) == 0)
        return config_add_net(c, key, ifname, iflen, inet6, CONFIG_AUTO, NULL,
                              0, NULL, 0, err, errsize);
    return config_add_net(c, key, ifname, iflen, inet6, CONFIG_STATIC, val,
                          alen, slash ? slash + 1 : NULL,
                          slash ? len - alen - 1 : 0, err, errsize);
}

int
config_set_gw(struct config *c, const char *key, int inet6, const char *val,
              size_t len, char *err, size_t errsize)
{
    uint8_t bin[16];
    char *dst = inet6 ? c->gw6 : c->gw;

    if ((inet6 ? config_ipv6(val, len, bin) : config_ipv4(val, len, bin)) !=
            0 ||
        copy_str(dst, CONFIG_ADDR_MAX, val, len) != 0)
        return config_err(err, errsize, key, "'%.*s' is not an %s address",
                          (int)(len > 48 ? 48 : len), val,
                          inet6 ? "IPv6" : "IPv4");
    return 0;
}

int
config_set_hostname(struct config *c, const char *key, const char *val,
                    size_t len, char *err, size_t errsize)
{
    if (len == 0)
        return config_err(err, errsize, key, "empty host name");
    if (len >= CONFIG_HOSTNAME_MAX)
        return config_err(err, errsize, key, "longer than %d characters",
                          CONFIG_HOSTNAME_MAX - 1);
    for (size_t i = 0; i < len; i++)
        if (!IS_LOWER(val[i]) && !IS_UPPER(val[i]) && !IS_DIGIT(val[i]) &&
            val[i] != '-' && val[i] != '.')
            return config_err(err, errsize, key,
                              "a host name has letters, digits, '-' and '.' "
                              "only");
    return copy_str(c->hostname, sizeof(c->hostname), val, len);
}

int
config_set_env(struct config *c, const char *key, const char *name, size_t nlen,
               const char *val, size_t vlen, char *err, size_t errsize)
{
    unsigned int i;

    if (nlen == 0)
        return config_err(err, errsize, key, "empty variable name");
    for (size_t k = 0; k < nlen; k++)
        if (!IS_LOWER(name[k]) && !IS_UPPER(name[k]) && name[k] != '_' &&
            !(k > 0 && IS_DIGIT(name[k])))
            return config_err(err, errsize, key,
                              "bad variable name (letters, digits, '_'; not "
                              "a digit first)");
    for (size_t k = 0; k < vlen; k++)
        if ((unsigned char)val[k] < 0x20 || val[k] == 0x7f)
            return config_err(err, errsize, key,
                              "control character in the value");
    if (nlen + 1 + vlen >= CONFIG_ENV_LEN)
        return config_err(err, errsize, key, "NAME=VALUE longer than %d",
                          CONFIG_ENV_LEN - 1);
    for (i = 0; i < c->nenv; i++)
        if (strncmp(c->env[i], name, nlen) == 0 && c->env[i][nlen] == '=')
            break;
    if (i == CONFIG_ENV_MAX)
        return config_err(err, errsize, key, "more than %d variables",
                          CONFIG_ENV_MAX);
    memcpy(c->env[i], name, nlen);
    c->env[i][nlen] = '=';
    memcpy(c->env[i] + nlen + 1, val, vlen);
    c->env[i][nlen + 1 + vlen] = '\0';
    if (i == c->nenv)
        c->nenv++;
    return 0;
}

int
config_add_blk(struct config *c, const char *key, const char *vbd, size_t vlen,
               const char *fstype, size_t flen, const char *mnt, size_t mlen,
               int readonly, char *err, size_t errsize)
{
    static const char *const fstypes[] = {"ffs", "ext2fs", "msdos"};
    struct config_blk b = {.readonly = readonly};
    unsigned int i;
    int known = 0;

    if (vlen == 0 || vlen >= CONFIG_VBD_MAX || !IS_LOWER(vbd[0]))
        return config_err(err, errsize, key,
                          "bad disk name (want the vbd name, e.g. xvda)");
    for (size_t k = 0; k < vlen; k++)
        if (!IS_LOWER(vbd[k]) && !IS_DIGIT(vbd[k]))
            return config_err(err, errsize, key,
                              "bad disk name (want the vbd name, e.g. xvda)");
    for (i = 0; i < sizeof(fstypes) / sizeof(fstypes[0]); i++)
        known |= flen == strlen(fstypes[i]) &&
                 strncmp(fstype, fstypes[i], flen) == 0;
    if (!known)
        return config_err(err, errsize, key,
                          "file system '%.*s' is not ffs, ext2fs or msdos",
                          (int)(flen > 16 ? 16 : flen), fstype);
    if (mlen == 0 || mnt[0] != '/')
        return config_err(err, errsize, key,
                          "the mount point must be an absolute path");
    if (mlen >= CONFIG_PATH_MAX)
        return config_err(err, errsize, key,
                          "mount point longer than %d characters",
                          CONFIG_PATH_MAX - 1);
    for (size_t k = 0; k < mlen; k++)
        if ((unsigned char)mnt[k] <= 0x20 || mnt[k] == 0x7f)
            return config_err(err, errsize, key,
                              "blank or control character in the mount "
                              "point");
    copy_str(b.vbd, sizeof(b.vbd), vbd, vlen);
    copy_str(b.fstype, sizeof(b.fstype), fstype, flen);
    copy_str(b.mountpoint, sizeof(b.mountpoint), mnt, mlen);
    for (i = 0; i < c->nblk; i++) {
        if (strcmp(c->blk[i].vbd, b.vbd) == 0)
            break;
        if (strcmp(c->blk[i].mountpoint, b.mountpoint) == 0)
            return config_err(err, errsize, key, "%s is mounted already",
                              b.mountpoint);
    }
    if (i == CONFIG_BLK_MAX)
        return config_err(err, errsize, key, "more than %d disks",
                          CONFIG_BLK_MAX);
    c->blk[i] = b;
    if (i == c->nblk)
        c->nblk++;
    return 0;
}

int
config_add_args(struct config *c, const char *key, const char *s, size_t len,
                int first_is_name, char *err, size_t errsize)
{
    size_t i = 0;

    while (i < len) {
        size_t start;

        while (i < len && IS_BLANK(s[i]))
            i++;
        if (i == len)
            break;
        start = i;
        while (i < len && !IS_BLANK(s[i]))
            i++;
        if (first_is_name) {
            /* The program's name replaces argv[0]'s "rumpxen". */
            c->argc = 0;
            c->args_used = 0;
            first_is_name = 0;
        }
        if (c->argc == CONFIG_ARGS_MAX)
            return config_err(err, errsize, key, "more than %d arguments",
                              CONFIG_ARGS_MAX - 1);
        if (c->args_used + (i - start) + 1 > sizeof(c->args))
            return config_err(err, errsize, key,
                              "arguments longer than %d bytes",
                              CONFIG_ARGS_LEN);
        c->argv[c->argc++] = c->args + c->args_used;
        memcpy(c->args + c->args_used, s + start, i - start);
        c->args_used += (unsigned int)(i - start);
        c->args[c->args_used++] = '\0';
    }
    c->argv[c->argc] = NULL;
    return 0;
}

/* The rump kernel's own parameters (RUMP_MEMLIMIT=..., RUMPXEN_VERBOSE=1):
 * read from the whole command line by their users, accepted here. */
static int
is_param_word(const char *w, size_t len)
{
    size_t k = 0;

    if (len < 5 || strncmp(w, "RUMP", 4) != 0)
        return 0;
    while (k < len && (IS_UPPER(w[k]) || IS_DIGIT(w[k]) || w[k] == '_'))
        k++;
    return k < len && w[k] == '=';
}

/* One configuration word w[0..len) of the short form. */
static int
short_word(struct config *c, const char *w, size_t len, char *err,
           size_t errsize)
{
    const char *eq = find_char(w, len, '=');
    const char *dot;
    size_t klen, vlen;
    const char *val;
    char key[48];

    if (eq == NULL)
        return config_err(err, errsize, "config",
                          "'%.*s' is not KEY=VALUE (configuration words "
                          "come before \"--\")",
                          (int)(len > 40 ? 40 : len), w);
    klen = (size_t)(eq - w);
    val = eq + 1;
    vlen = len - klen - 1;
    fmt_snprintf(key, sizeof(key), "%.*s", (int)klen, w);
    if (klen >= sizeof(key) - 1)
        return config_err(err, errsize, key, "key too long");
    if (is_param_word(w, len))
        return 0;
    dot = find_char(w, klen, '.');
    if (dot != NULL) {
        size_t plen = (size_t)(dot - w);
        size_t nlen = klen - plen - 1;

        if (plen == 3 && strncmp(w, "net", 3) == 0)
            return config_set_net(c, key, dot + 1, nlen, 0, val, vlen, err,
                                  errsize);
        if (plen == 4 && strncmp(w, "net6", 4) == 0)
            return config_set_net(c, key, dot + 1, nlen, 1, val, vlen, err,
                                  errsize);
        if (plen == 3 && strncmp(w, "env", 3) == 0)
            return config_set_env(c, key, dot + 1, nlen, val, vlen, err,
                                  errsize);
        if (plen == 3 && strncmp(w, "blk", 3) == 0) {
            const char *colon = find_char(val, vlen, ':');
            size_t flen, mlen;
            int ro = 0;

            if (colon == NULL)
                return config_err(err, errsize, key,
                                  "want FSTYPE:MOUNTPOINT[:ro]");
            flen = (size_t)(colon - val);
            mlen = vlen - flen - 1;
            if (mlen >= 3 && strncmp(colon + 1 + mlen - 3, ":ro", 3) == 0) {
                ro = 1;
                mlen -= 3;
            }
            if (find_char(colon + 1, mlen, ':') != NULL)
                return config_err(err, errsize, key,
                                  "want FSTYPE:MOUNTPOINT[:ro]");
            return config_add_blk(c, key, dot + 1, nlen, val, flen, colon + 1,
                                  mlen, ro, err, errsize);
        }
    } else if (klen == 2 && strncmp(w, "gw", 2) == 0) {
        return config_set_gw(c, key, 0, val, vlen, err, errsize);
    } else if (klen == 3 && strncmp(w, "gw6", 3) == 0) {
        return config_set_gw(c, key, 1, val, vlen, err, errsize);
    } else if (klen == 8 && strncmp(w, "hostname", 8) == 0) {
        return config_set_hostname(c, key, val, vlen, err, errsize);
    } else if (klen == 6 && strncmp(w, "config", 6) == 0) {
        if (vlen != 8 || strncmp(val, "xenstore", 8) != 0)
            return config_err(err, errsize, key,
                              "the only source is 'xenstore'");
        c->from_xenstore = 1;
        return 0;
    }
    return config_err(err, errsize, key, "unknown key");
}

int
config_parse_cmdline(struct config *c, const char *s, char *err, size_t errsize)
{
    const char *p = s, *args = s;

    /* Is there a word "--"? */
    while (*p) {
        while (IS_BLANK(*p))
            p++;
        if (p[0] == '-' && p[1] == '-' && (p[2] == '\0' || IS_BLANK(p[2]))) {
            args = p + 2;
            break;
        }
        while (*p && !IS_BLANK(*p))
            p++;
    }
    for (p = s; args != s && p < args - 2;) {
        const char *w;

        while (p < args - 2 && IS_BLANK(*p))
            p++;
        if (p >= args - 2)
            break;
        w = p;
        while (!IS_BLANK(*p))
            p++;
        if (short_word(c, w, (size_t)(p - w), err, errsize) != 0)
            return -1;
    }
    return config_add_args(c, "arguments", args, strlen(args), 0, err, errsize);
}

void
config_finish(struct config *c)
{
    for (unsigned int i = 0; i < c->nenv; i++)
        c->envp[i] = c->env[i];
    c->envp[c->nenv] = NULL;
    c->argv[c->argc] = NULL;
}
