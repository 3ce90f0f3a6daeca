/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration's JSON form, rumprun's schema where it overlaps
 * (cmdline, env, hostname, net, blk; net, blk and env may repeat or be
 * arrays). Tokenized by Debian's header-only jsmn (strict mode); this file
 * walks the tokens and hands every value to the checks of config_parse.c.
 * Pure: the text comes from the caller.
 */
#include <rumpxen/lib.h>

#define JSMN_STATIC
#define JSMN_STRICT
#include <jsmn.h>

#include "config_parse_priv.h"

/* Tokens of one configuration: 8 KiB of JSON holds fewer in practice. */
#define JSON_TOKENS 1024
/* Objects and arrays inside each other: the schema has 3 levels. */
#define JSON_DEPTH 8

struct json {
    const char *js;
    const jsmntok_t *t;
    int n;
    struct config *c;
    char *err;
    size_t errsize;
};

static jsmntok_t tokens[JSON_TOKENS];

/* The index just past token i and everything inside it. */
static int
json_skip(const struct json *j, int i)
{
    int left = 1;

    while (left > 0 && i < j->n) {
        left += j->t[i].size;
        left--;
        i++;
    }
    return i;
}

/*
 * Checks the shape jsmn leaves to its caller: an object's keys are strings
 * with exactly one value each, other strings and primitives have none, at
 * most JSON_DEPTH levels. Returns the index after token i's subtree, or -1.
 */
static int
json_check(const struct json *j, int i, int depth)
{
    const jsmntok_t *t = &j->t[i];
    int k = i + 1;

    if (depth > JSON_DEPTH)
        return -1;
    for (int e = 0; e < t->size && k >= 0; e++) {
        if (t->type == JSMN_OBJECT) {
            if (k >= j->n || j->t[k].type != JSMN_STRING || j->t[k].size != 1)
                return -1;
            k++;
        } else if (t->type != JSMN_ARRAY) {
            return -1;
        }
        if (k >= j->n)
            return -1;
        k = json_check(j, k, depth + 1);
    }
    return k;
}

static int
tok_len(const struct json *j, int i)
{
    return j->t[i].end - j->t[i].start;
}

static int
tok_eq(const struct json *j, int i, const char *s)
{
    size_t len = strlen(s);

    return j->t[i].type == JSMN_STRING && (size_t)tok_len(j, i) == len &&
           strncmp(j->js + j->t[i].start, s, len) == 0;
}

/* Token i as a plain string (no escapes, no control characters). */
static int
json_string(const struct json *j, int i, const char *key, const char **s,
            size_t *len)
{
    const char *p = j->js + j->t[i].start;
    int n = tok_len(j, i);

    if (j->t[i].type != JSMN_STRING)
        return config_err(j->err, j->errsize, key, "not a string");
    for (int k = 0; k < n; k++) {
        if (p[k] == '\\')
            return config_err(j->err, j->errsize, key,
                              "escapes are not supported in values");
        if ((unsigned char)p[k] < 0x20)
            return config_err(j->err, j->errsize, key,
                              "control character in the value");
    }
    *s = p;
    *len = (size_t)n;
    return 0;
}

/* One "NAME=VALUE" string of env. */
static int
json_env_word(const struct json *j, int i)
{
    const char *s, *eq = NULL;
    size_t len;

    if (json_string(j, i, "env", &s, &len) != 0)
        return -1;
    for (size_t k = 0; k < len && eq == NULL; k++)
        if (s[k] == '=')
            eq = s + k;
    if (eq == NULL)
        return config_err(j->err, j->errsize, "env",
                          "want \"NAME=VALUE\" strings or an object");
    return config_set_env(j->c, "env", s, (size_t)(eq - s), eq + 1,
                          len - (size_t)(eq - s) - 1, j->err, j->errsize);
}

/* env: "NAME=VALUE", an array of them, or an object of strings. */
static int
json_env(const struct json *j, int i)
{
    int k = i + 1;

    if (j->t[i].type == JSMN_STRING)
        return json_env_word(j, i);
    if (j->t[i].type == JSMN_ARRAY) {
        for (int e = 0; e < j->t[i].size; e++, k = json_skip(j, k))
            if (json_env_word(j, k) != 0)
                return -1;
        return 0;
    }
    if (j->t[i].type != JSMN_OBJECT)
        return config_err(j->err, j->errsize, "env",
                          "want a string, an array or an object");
    for (int e = 0; e < j->t[i].size; e++, k = json_skip(j, k + 1)) {
        const char *v;
        size_t vlen;

        if (json_string(j, k + 1, "env", &v, &vlen) != 0)
            return -1;
        if (config_set_env(j->c, "env", j->js + j->t[k].start,
                           (size_t)tok_len(j, k), v, vlen, j->err,
                           j->errsize) != 0)
            return -1;
    }
    return 0;
}

/* The fields of one net or blk object, by name. */
struct fields {
    const char *name[7];
    const char *s[7];
    size_t len[7];
};

/* Collects the string fields of object i; any other key is an error. */
static int
json_fields(const struct json *j, int i, const char *what, struct fields *f)
{
    char key[32];
    int k = i + 1;

    if (j->t[i].type != JSMN_OBJECT)
        return config_err(j->err, j->errsize, what, "not an object");
    for (int e = 0; e < j->t[i].size; e++, k = json_skip(j, k + 1)) {
        int m = 0;

        while (f->name[m] != NULL && !tok_eq(j, k, f->name[m]))
            m++;
        fmt_snprintf(key, sizeof(key), "%s.%.*s", what,
                     tok_len(j, k) > 16 ? 16 : tok_len(j, k),
                     j->js + j->t[k].start);
        if (f->name[m] == NULL)
            return config_err(j->err, j->errsize, key, "unknown key");
        /* A number is fine where a decimal string is (mask). */
        if (j->t[k + 1].type == JSMN_PRIMITIVE &&
            j->js[j->t[k + 1].start] >= '0' &&
            j->js[j->t[k + 1].start] <= '9') {
            f->s[m] = j->js + j->t[k + 1].start;
            f->len[m] = (size_t)tok_len(j, k + 1);
        } else if (json_string(j, k + 1, key, &f->s[m], &f->len[m]) != 0) {
            return -1;
        }
    }
    return 0;
}

static int
field_is(const struct fields *f, int m, const char *s)
{
    return f->s[m] != NULL && f->len[m] == strlen(s) &&
           strncmp(f->s[m], s, f->len[m]) == 0;
}

/* One net object: if, type inet|inet6, method static|dhcp|auto, addr
 * (maybe ADDR/PREFIX), mask (a prefix length), gw. */
static int
json_net_one(const struct json *j, int i)
{
    enum { IF, TYPE, METHOD, ADDR, MASK, GW };
    struct fields f = {.name = {"if", "type", "method", "addr", "mask", "gw"}};
    enum config_method method;
    const char *prefix;
    size_t alen, plen;
    int inet6;

    if (json_fields(j, i, "net", &f) != 0)
        return -1;
    if (f.s[IF] == NULL)
        return config_err(j->err, j->errsize, "net.if", "missing");
    if (field_is(&f, TYPE, "inet") || f.s[TYPE] == NULL)
        inet6 = 0;
    else if (field_is(&f, TYPE, "inet6"))
        inet6 = 1;
    else
        return config_err(j->err, j->errsize, "net.type", "want inet or inet6");
    if (field_is(&f, METHOD, "static"))
        method = CONFIG_STATIC;
    else if (field_is(&f, METHOD, "dhcp"))
        method = CONFIG_DHCP;
    else if (field_is(&f, METHOD, "auto"))
        method = CONFIG_AUTO;
    else
        return config_err(j->err, j->errsize, "net.method",
                          f.s[METHOD] ? "want static, dhcp or auto"
                                      : "missing (static, dhcp or auto)");
    alen = f.len[ADDR];
    prefix = f.s[MASK];
    plen = f.len[MASK];
    for (size_t k = 0; f.s[ADDR] && k < f.len[ADDR]; k++) {
        if (f.s[ADDR][k] != '/')
            continue;
        if (prefix != NULL)
            return config_err(j->err, j->errsize, "net.mask",
                              "given twice (addr has a /prefix)");
        alen = k;
        prefix = f.s[ADDR] + k + 1;
        plen = f.len[ADDR] - k - 1;
    }
    if (config_add_net(j->c, "net.addr", f.s[IF], f.len[IF], inet6, method,
                       f.s[ADDR], f.s[ADDR] ? alen : 0, prefix,
                       prefix ? plen : 0, j->err, j->errsize) != 0)
        return -1;
    if (f.s[GW] != NULL)
        return config_set_gw(j->c, "net.gw", inet6, f.s[GW], f.len[GW], j->err,
                             j->errsize);
    return 0;
}

/* One blk object: source dev|etfs, path (vbd, maybe "blkfront:" first),
 * fstype, mountpoint, options "ro". */
static int
json_blk_one(const struct json *j, int i)
{
    enum { SOURCE, PATH, FSTYPE, MNT, OPTIONS };
    struct fields f = {
        .name = {"source", "path", "fstype", "mountpoint", "options"}};
    const char *path;
    size_t plen;

    if (json_fields(j, i, "blk", &f) != 0)
        return -1;
    if (f.s[SOURCE] != NULL && !field_is(&f, SOURCE, "dev") &&
        !field_is(&f, SOURCE, "etfs"))
        return config_err(j->err, j->errsize, "blk.source", "want dev or etfs");
    if (f.s[OPTIONS] != NULL && !field_is(&f, OPTIONS, "ro") &&
        !field_is(&f, OPTIONS, "rw"))
        return config_err(j->err, j->errsize, "blk.options", "want ro or rw");
    if (f.s[PATH] == NULL)
        return config_err(j->err, j->errsize, "blk.path", "missing");
    if (f.s[FSTYPE] == NULL)
        return config_err(j->err, j->errsize, "blk.fstype", "missing");
    if (f.s[MNT] == NULL)
        return config_err(j->err, j->errsize, "blk.mountpoint", "missing");
    path = f.s[PATH];
    plen = f.len[PATH];
    if (plen > 9 && strncmp(path, "blkfront:", 9) == 0) {
        path += 9;
        plen -= 9;
    } else if (plen > 5 && strncmp(path, "/dev/", 5) == 0) {
        path += 5;
        plen -= 5;
    }
    return config_add_blk(j->c, "blk", path, plen, f.s[FSTYPE], f.len[FSTYPE],
                          f.s[MNT], f.len[MNT], field_is(&f, OPTIONS, "ro"),
                          j->err, j->errsize);
}

/* net or blk: one object or an array of them. */
static int
json_each(const struct json *j, int i, const char *what,
          int (*one)(const struct json *, int))
{
    int k = i + 1;

    if (j->t[i].type == JSMN_OBJECT)
        return one(j, i);
    if (j->t[i].type != JSMN_ARRAY)
        return config_err(j->err, j->errsize, what,
                          "want an object or an array of objects");
    for (int e = 0; e < j->t[i].size; e++, k = json_skip(j, k))
        if (one(j, k) != 0)
            return -1;
    return 0;
}

static int
json_key(const struct json *j, int k)
{
    const char *s;
    size_t len;
    int v = k + 1;

    if (tok_eq(j, k, "net"))
        return json_each(j, v, "net", json_net_one);
    if (tok_eq(j, k, "blk"))
        return json_each(j, v, "blk", json_blk_one);
    if (tok_eq(j, k, "env"))
        return json_env(j, v);
    if (tok_eq(j, k, "hostname"))
        return json_string(j, v, "hostname", &s, &len) ||
               config_set_hostname(j->c, "hostname", s, len, j->err,
                                   j->errsize);
    if (tok_eq(j, k, "cmdline"))
        return json_string(j, v, "cmdline", &s, &len) ||
               config_add_args(j->c, "cmdline", s, len, 1, j->err, j->errsize);
    return config_err(j->err, j->errsize, "config", "unknown key \"%.*s\"",
                      tok_len(j, k) > 32 ? 32 : tok_len(j, k),
                      j->js + j->t[k].start);
}

int
config_parse_json(struct config *c, const char *js, size_t len, char *err,
                  size_t errsize)
{
    struct json j = {
        .js = js, .t = tokens, .c = c, .err = err, .errsize = errsize};
    jsmn_parser p;
    int k;

    if (len > CONFIG_JSON_MAX)
        return config_err(err, errsize, "config", "JSON longer than %d bytes",
                          CONFIG_JSON_MAX);
    jsmn_init(&p);
    j.n = jsmn_parse(&p, js, len, tokens, JSON_TOKENS);
    if (j.n == JSMN_ERROR_NOMEM)
        return config_err(err, errsize, "config",
                          "JSON with more than %d tokens", JSON_TOKENS);
    if (j.n < 0)
        return config_err(
            err, errsize, "config", "not valid JSON (%s at byte %u)",
            j.n == JSMN_ERROR_PART ? "ends early" : "bad character", p.pos);
    if (j.n == 0 || tokens[0].type != JSMN_OBJECT || json_skip(&j, 0) != j.n)
        return config_err(err, errsize, "config",
                          "the JSON must be one object");
    if (json_check(&j, 0, 0) != j.n)
        return config_err(err, errsize, "config",
                          "not valid JSON (a key without one value, a value "
                          "where a key belongs, or nested deeper than %d)",
                          JSON_DEPTH);
    k = 1;
    for (int e = 0; e < tokens[0].size; e++, k = json_skip(&j, k + 1))
        if (json_key(&j, k) != 0)
            return -1;
    return 0;
}
