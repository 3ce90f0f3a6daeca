/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration's parsers and checks (config_parse.c: the short
 * form and what both forms share; config_json.c: the JSON form). Pure:
 * no hypercall, no xenstore, no allocation, so they are unit-tested on the
 * host. Every function that can refuse input returns 0, or -1 with a
 * message "KEY: what is wrong" in err (errsize bytes, always terminated).
 */
#ifndef RUMPXEN_CONFIG_PARSE_PRIV_H
#define RUMPXEN_CONFIG_PARSE_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include <rumpxen/config.h>

/* An empty configuration: no entries, argv = { "rumpxen" }. */
void config_reset(struct config *c);

/*
 * Applies the kernel command line: with a word "--", the words before it
 * are configuration words and the words after it the program's
 * arguments; without one, every word is an argument. Arguments are
 * appended to argv.
 */
int config_parse_cmdline(struct config *c, const char *cmdline, char *err,
                         size_t errsize);

/* Applies a JSON configuration of len bytes (rumprun's schema). */
int config_parse_json(struct config *c, const char *json, size_t len, char *err,
                      size_t errsize);

/* Fills envp from env; call once both forms are applied. */
void config_finish(struct config *c);

/* Dotted-quad IPv4 (exactly four decimal parts) into out; 0 or -1. */
int config_ipv4(const char *s, size_t len, uint8_t out[4]);

/* IPv6 text (with "::" and a dotted-quad tail) into out; 0 or -1. */
int config_ipv6(const char *s, size_t len, uint8_t out[16]);

/*
 * The shared setters, KEY naming the item in messages. Values are
 * len-byte strings (not terminated).
 */
int config_set_net(struct config *c, const char *key, const char *ifname,
                   size_t iflen, int inet6, const char *val, size_t len,
                   char *err, size_t errsize);
int config_add_net(struct config *c, const char *key, const char *ifname,
                   size_t iflen, int inet6, enum config_method method,
                   const char *addr, size_t alen, const char *prefix,
                   size_t plen, char *err, size_t errsize);
int config_set_gw(struct config *c, const char *key, int inet6, const char *val,
                  size_t len, char *err, size_t errsize);
int config_set_hostname(struct config *c, const char *key, const char *val,
                        size_t len, char *err, size_t errsize);
int config_set_env(struct config *c, const char *key, const char *name,
                   size_t nlen, const char *val, size_t vlen, char *err,
                   size_t errsize);
int config_add_blk(struct config *c, const char *key, const char *vbd,
                   size_t vlen, const char *fstype, size_t flen,
                   const char *mnt, size_t mlen, int readonly, char *err,
                   size_t errsize);
int config_add_args(struct config *c, const char *key, const char *s,
                    size_t len, int first_is_name, char *err, size_t errsize);

/* Formats "KEY: message" into err; returns -1. */
int config_err(char *err, size_t errsize, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
