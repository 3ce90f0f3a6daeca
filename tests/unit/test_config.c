/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of the guest configuration's parsers (platform/xen/
 * config_parse.c, config_json.c): IPv4/IPv6 addresses, good short-form and
 * JSON configurations and what they fill in, and a table of bad ones in
 * both forms, each refused with the message it must name.
 */
#include <stdio.h>
#include <string.h>

#include "config_parse_priv.h"
#include "unit.h"

static struct config c;
static char err[160];

static int
cmdline(const char *s)
{
    config_reset(&c);
    err[0] = '\0';
    if (config_parse_cmdline(&c, s, err, sizeof(err)) != 0)
        return -1;
    config_finish(&c);
    return 0;
}

static int
json(const char *s)
{
    config_reset(&c);
    err[0] = '\0';
    if (config_parse_json(&c, s, strlen(s), err, sizeof(err)) != 0)
        return -1;
    config_finish(&c);
    return 0;
}

static int
v4(const char *s)
{
    uint8_t b[4];

    return config_ipv4(s, strlen(s), b);
}

static int
v6(const char *s, const char *want_hex)
{
    uint8_t b[16];
    char hex[33];

    if (config_ipv6(s, strlen(s), b) != 0)
        return -1;
    for (int i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", b[i]);
    return want_hex == NULL || strcmp(hex, want_hex) == 0 ? 0 : -2;
}

static void
test_addresses(void)
{
    CHECK(v4("10.11.0.1") == 0);
    CHECK(v4("0.0.0.0") == 0);
    CHECK(v4("255.255.255.255") == 0);
    CHECK(v4("256.1.1.1") != 0);
    CHECK(v4("1.2.3") != 0);
    CHECK(v4("1.2.3.4.5") != 0);
    CHECK(v4("1..3.4") != 0);
    CHECK(v4("01.2.3.4") != 0);
    CHECK(v4("1.2.3.4 ") != 0);
    CHECK(v4("") != 0);
    CHECK(v4("a.b.c.d") != 0);
    CHECK(v6("::", "00000000000000000000000000000000") == 0);
    CHECK(v6("::1", "00000000000000000000000000000001") == 0);
    CHECK(v6("fe80::1", "fe800000000000000000000000000001") == 0);
    CHECK(v6("2001:db8:0:0:0:0:0:1", "20010db8000000000000000000000001") == 0);
    CHECK(v6("2001:db8::", "20010db8000000000000000000000000") == 0);
    CHECK(v6("::ffff:10.0.0.1", "00000000000000000000ffff0a000001") == 0);
    CHECK(v6("1:2:3:4:5:6:7::", "00010002000300040005000600070000") == 0);
    CHECK(v6("1::2::3", NULL) == -1);
    CHECK(v6(":1::", NULL) == -1);
    CHECK(v6("1:2:3:4:5:6:7:8:9", NULL) == -1);
    CHECK(v6("1:2:3:4:5:6:7", NULL) == -1);
    CHECK(v6("12345::", NULL) == -1);
    CHECK(v6("g::", NULL) == -1);
    CHECK(v6("1:", NULL) == -1);
    CHECK(v6("", NULL) == -1);
    CHECK(v6("::1.2.3", NULL) == -1);
    CHECK(v6("1:2:3:4:5:6:7:1.2.3.4", NULL) == -1);
}

static void
test_good_cmdline(void)
{
    /* No "--": every word is an argument, as before. */
    CHECK(cmdline("3 RUMPXEN_VERBOSE=1") == 0);
    CHECK(c.argc == 3 && strcmp(c.argv[0], "rumpxen") == 0 &&
          strcmp(c.argv[1], "3") == 0 &&
          strcmp(c.argv[2], "RUMPXEN_VERBOSE=1") == 0 && c.argv[3] == NULL);
    CHECK(c.nnet == 0 && c.nenv == 0);
    CHECK(cmdline("") == 0 && c.argc == 1);

    CHECK(cmdline("net.xenif0=10.11.0.5/16 gw=10.11.0.1 hostname=web-1 "
                  "env.FOO=bar env.X_1=a=b net6.xenif0=fd00::5/64 "
                  "gw6=fd00::1 net.xenif1=dhcp net6.xenif1=auto "
                  "blk.xvdb=ffs:/data/x:ro blk.xvda=msdos:/m RUMP_MEMLIMIT=6m "
                  "-- a -- b") == 0);
    CHECK(c.nnet == 4);
    CHECK(strcmp(c.net[0].ifname, "xenif0") == 0 && c.net[0].unit == 0 &&
          !c.net[0].inet6 && c.net[0].method == CONFIG_STATIC &&
          strcmp(c.net[0].addr, "10.11.0.5") == 0 && c.net[0].prefix == 16);
    CHECK(c.net[1].inet6 && strcmp(c.net[1].addr, "fd00::5") == 0 &&
          c.net[1].prefix == 64);
    CHECK(c.net[2].unit == 1 && c.net[2].method == CONFIG_DHCP);
    CHECK(c.net[3].inet6 && c.net[3].method == CONFIG_AUTO);
    CHECK(strcmp(c.gw, "10.11.0.1") == 0 && strcmp(c.gw6, "fd00::1") == 0);
    CHECK(strcmp(c.hostname, "web-1") == 0);
    CHECK(c.nenv == 2 && strcmp(c.envp[0], "FOO=bar") == 0 &&
          strcmp(c.envp[1], "X_1=a=b") == 0 && c.envp[2] == NULL);
    CHECK(c.nblk == 2 && strcmp(c.blk[0].vbd, "xvdb") == 0 &&
          strcmp(c.blk[0].fstype, "ffs") == 0 &&
          strcmp(c.blk[0].mountpoint, "/data/x") == 0 && c.blk[0].readonly);
    CHECK(strcmp(c.blk[1].fstype, "msdos") == 0 && !c.blk[1].readonly);
    /* Only the first "--" splits. */
    CHECK(c.argc == 4 && strcmp(c.argv[1], "a") == 0 &&
          strcmp(c.argv[2], "--") == 0 && strcmp(c.argv[3], "b") == 0);

    /* A later setting of the same thing replaces the earlier one. */
    CHECK(cmdline("net.xenif0=10.0.0.1/8 net.xenif0=10.0.0.2/24 env.A=1 "
                  "env.A=2 --") == 0);
    CHECK(c.nnet == 1 && strcmp(c.net[0].addr, "10.0.0.2") == 0 &&
          c.net[0].prefix == 24);
    CHECK(c.nenv == 1 && strcmp(c.env[0], "A=2") == 0);
    CHECK(c.argc == 1);
    CHECK(cmdline("-- x") == 0 && c.argc == 2 && strcmp(c.argv[1], "x") == 0);
}

static void
test_good_json(void)
{
    CHECK(json("{\"cmdline\": \"httpd -p 80\", \"hostname\": \"h\","
               " \"env\": \"A=1\", \"env\": [\"B=2\"], \"env\": {\"C\": \"3\"},"
               " \"net\": {\"if\": \"xenif0\", \"type\": \"inet\","
               " \"method\": \"static\", \"addr\": \"10.0.0.2\","
               " \"mask\": \"24\", \"gw\": \"10.0.0.1\"},"
               " \"net\": [{\"if\": \"xenif0\", \"type\": \"inet6\","
               " \"method\": \"static\", \"addr\": \"fd00::2/64\"},"
               " {\"if\": \"xenif1\", \"type\": \"inet\", \"method\": "
               "\"dhcp\"}],"
               " \"blk\": {\"source\": \"etfs\", \"path\": \"blkfront:xvda\","
               " \"fstype\": \"ext2fs\", \"mountpoint\": \"/etc\"},"
               " \"blk\": [{\"source\": \"dev\", \"path\": \"xvdb\","
               " \"fstype\": \"ffs\", \"mountpoint\": \"/d\", \"options\": "
               "\"ro\"}]}") == 0);
    CHECK(c.argc == 3 && strcmp(c.argv[0], "httpd") == 0 &&
          strcmp(c.argv[2], "80") == 0);
    CHECK(strcmp(c.hostname, "h") == 0 && c.nenv == 3 &&
          strcmp(c.env[2], "C=3") == 0);
    CHECK(c.nnet == 3 && c.net[0].prefix == 24 &&
          strcmp(c.gw, "10.0.0.1") == 0);
    CHECK(c.net[1].inet6 && c.net[1].prefix == 64 &&
          strcmp(c.net[1].addr, "fd00::2") == 0);
    CHECK(c.net[2].method == CONFIG_DHCP && c.net[2].unit == 1);
    CHECK(c.nblk == 2 && strcmp(c.blk[0].vbd, "xvda") == 0 &&
          c.blk[1].readonly && strcmp(c.blk[1].fstype, "ffs") == 0);
    /* A number for mask; then the short form on top, arguments appended. */
    CHECK(json("{\"net\": {\"if\": \"xenif2\", \"method\": \"static\","
               " \"addr\": \"192.168.1.9\", \"mask\": 20},"
               " \"cmdline\": \"prog a\"}") == 0);
    CHECK(c.net[0].prefix == 20 && c.net[0].unit == 2);
    CHECK(config_parse_cmdline(&c, "net.xenif2=192.168.1.10/24 -- b", err,
                               sizeof(err)) == 0);
    config_finish(&c);
    CHECK(c.nnet == 1 && strcmp(c.net[0].addr, "192.168.1.10") == 0);
    CHECK(c.argc == 3 && strcmp(c.argv[0], "prog") == 0 &&
          strcmp(c.argv[2], "b") == 0);
    CHECK(json("{}") == 0 && c.argc == 1);
}

struct bad {
    int is_json;
    const char *input;
    const char *message; /* what the error must say, from its start */
};

#define LONG64                                                                 \
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static const struct bad bad[] = {
    {0, "foo=1 --", "foo: unknown key"},
    {0, "noequals --", "config: 'noequals' is not KEY=VALUE"},
    {0, "net.xenif0=10.0.0.1 --", "net.xenif0: no prefix length"},
    {0, "net.xenif0=10.0.0.256/24 --",
     "net.xenif0: '10.0.0.256' is not an IPv4 address"},
    {0, "net.xenif0=10.0.0.1/33 --", "net.xenif0: prefix length '33' is not"},
    {0, "net.xenif0=10.0.0.1/0 --", "net.xenif0: prefix length '0' is not"},
    {0, "net.xenif0=10.0.0.1/ --", "net.xenif0: no prefix length"},
    {0, "net.eth0=10.0.0.1/24 --", "net.eth0: unknown interface 'eth0'"},
    {0, "net.xenif=10.0.0.1/24 --", "net.xenif: unknown interface"},
    {0, "net.xenif01=10.0.0.1/24 --", "net.xenif01: unknown interface"},
    {0, "net.xenif0=auto --", "net.xenif0: auto is for IPv6"},
    {0, "net6.xenif0=dhcp --", "net6.xenif0: dhcp is for IPv4"},
    {0, "net6.xenif0=fe80::1::2/64 --",
     "net6.xenif0: 'fe80::1::2' is not an IPv6 address"},
    {0, "net6.xenif0=2001:db8::1/129 --", "net6.xenif0: prefix length '129'"},
    {0, "net6.xenif0=10.0.0.1/24 --", "net6.xenif0: '10.0.0.1' is not an IPv6"},
    {0, "net.xenif0= --", "net.xenif0: no address given"},
    {0, "gw=1.2.3 --", "gw: '1.2.3' is not an IPv4 address"},
    {0, "gw6=10.0.0.1 --", "gw6: '10.0.0.1' is not an IPv6 address"},
    {0, "hostname= --", "hostname: empty host name"},
    {0, "hostname=bad_name! --", "hostname: a host name has letters"},
    {0, "hostname=" LONG64 " --", "hostname: longer than 63 characters"},
    {0, "env.=x --", "env.: empty variable name"},
    {0, "env.1A=x --", "env.1A: bad variable name"},
    {0, "env.A-B=x --", "env.A-B: bad variable name"},
    {0, "env.A=" LONG64 LONG64 LONG64 LONG64 " --",
     "env.A: NAME=VALUE longer than 255"},
    {0, "blk.xvda=zfs:/data --",
     "blk.xvda: file system 'zfs' is not ffs, ext2fs or msdos"},
    {0, "blk.xvda=ffs:data --",
     "blk.xvda: the mount point must be an absolute path"},
    {0, "blk.xvda=ffs --", "blk.xvda: want FSTYPE:MOUNTPOINT[:ro]"},
    {0, "blk.xvda=ffs:/d:rw --", "blk.xvda: want FSTYPE:MOUNTPOINT[:ro]"},
    {0, "blk.XVDA=ffs:/d --", "blk.XVDA: bad disk name"},
    {0, "blk.xvda=ffs:/d blk.xvdb=ext2fs:/d --",
     "blk.xvdb: /d is mounted already"},
    {0, "blk.xvda=ffs:/" LONG64 LONG64 " --",
     "blk.xvda: mount point longer than 127"},
    {0, "config=file --", "config: the only source is 'xenstore'"},
    {0,
     "net.xenif0=1.1.1.1/8 net.xenif1=1.1.1.1/8 net.xenif2=1.1.1.1/8 "
     "net.xenif3=1.1.1.1/8 net.xenif4=1.1.1.1/8 net.xenif5=1.1.1.1/8 "
     "net.xenif6=1.1.1.1/8 net.xenif7=1.1.1.1/8 net.xenif8=1.1.1.1/8 --",
     "net.xenif8: more than 8 addresses"},
    {0, "net.xenif0=10.0.0.1/24x --", "net.xenif0: prefix length '24x'"},
    {1, "{", "config: not valid JSON (ends early"},
    {1, "{\"hostname\": \"a\"", "config: not valid JSON"},
    {1, "[]", "config: the JSON must be one object"},
    {1, "{} {}", "config: the JSON must be one object"},
    {1, "{\"hostname\": tru}", "hostname: not a string"},
    {1, "\"x\"", "config: the JSON must be one object"},
    {1, "{\"foo\": 1}", "config: unknown key \"foo\""},
    /* Shapes jsmn itself lets through (found by make fuzz-config). */
    {1, "{\"env\": {\"A\": \"b\": \"c\"}}", "config: not valid JSON (a key"},
    {1, "{\"env\": {\"A\": \"b\", \"C\"}}", "config: not valid JSON (a key"},
    {1, "{\"hostname\"}", "config: not valid JSON"},
    {1, "{\"net\": [[[[[[[[[[1]]]]]]]]]]}", "config: not valid JSON (a key"},
    {1, "{\"hostname\": 5}", "hostname: not a string"},
    {1, "{\"hostname\": \"a\\u0041\"}", "hostname: escapes are not supported"},
    {1, "{\"cmdline\": [\"a\"]}", "cmdline: not a string"},
    {1, "{\"net\": \"xenif0\"}", "net: want an object or an array"},
    {1, "{\"net\": [1]}", "net: not an object"},
    {1, "{\"net\": {\"type\": \"inet\", \"method\": \"dhcp\"}}",
     "net.if: missing"},
    {1,
     "{\"net\": {\"if\": \"xenif0\", \"type\": \"inet7\", \"method\": "
     "\"dhcp\"}}",
     "net.type: want inet or inet6"},
    {1, "{\"net\": {\"if\": \"xenif0\", \"method\": \"magic\"}}",
     "net.method: want static, dhcp or auto"},
    {1, "{\"net\": {\"if\": \"xenif0\"}}", "net.method: missing"},
    {1, "{\"net\": {\"if\": \"xenif0\", \"method\": \"static\"}}",
     "net.addr: no address given"},
    {1,
     "{\"net\": {\"if\": \"xenif0\", \"method\": \"static\", \"addr\": "
     "\"1.2.3.4\", \"mask\": \"40\"}}",
     "net.addr: prefix length '40' is not 1-32"},
    {1,
     "{\"net\": {\"if\": \"xenif0\", \"method\": \"static\", \"addr\": "
     "\"1.2.3.4/8\", \"mask\": \"8\"}}",
     "net.mask: given twice"},
    {1,
     "{\"net\": {\"if\": \"xenif0\", \"method\": \"dhcp\", \"gw\": "
     "\"x\"}}",
     "net.gw: 'x' is not an IPv4 address"},
    {1,
     "{\"net\": {\"if\": \"xenif0\", \"method\": \"dhcp\", \"mtu\": "
     "\"9000\"}}",
     "net.mtu: unknown key"},
    {1, "{\"net\": {\"if\": \"wm0\", \"method\": \"dhcp\"}}",
     "net.addr: unknown interface 'wm0'"},
    {1,
     "{\"blk\": {\"path\": \"xvda\", \"fstype\": \"blk\", \"mountpoint\": "
     "\"/d\"}}",
     "blk: file system 'blk' is not ffs"},
    {1,
     "{\"blk\": {\"source\": \"vnd\", \"path\": \"xvda\", \"fstype\": "
     "\"ffs\", \"mountpoint\": \"/d\"}}",
     "blk.source: want dev or etfs"},
    {1, "{\"blk\": {\"path\": \"xvda\", \"fstype\": \"ffs\"}}",
     "blk.mountpoint: missing"},
    {1, "{\"blk\": {\"fstype\": \"ffs\", \"mountpoint\": \"/d\"}}",
     "blk.path: missing"},
    {1,
     "{\"blk\": {\"path\": \"xvda\", \"fstype\": \"ffs\", \"mountpoint\": "
     "\"/d\", \"options\": \"noexec\"}}",
     "blk.options: want ro or rw"},
    {1, "{\"env\": \"FOO\"}", "env: want \"NAME=VALUE\""},
    {1, "{\"env\": 3}", "env: want a string, an array or an object"},
    {1, "{\"env\": {\"A\": 1}}", "env: not a string"},
    {1, "{\"env\": {\"9A\": \"x\"}}", "env: bad variable name"},
    {1, "{\"hostname\": \"a\tb\"}", "hostname: control character"},
};

static void
test_bad(void)
{
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int rc = bad[i].is_json ? json(bad[i].input) : cmdline(bad[i].input);

        if (rc == 0 ||
            strncmp(err, bad[i].message, strlen(bad[i].message)) != 0) {
            fprintf(stderr,
                    "bad config %zu (%s): rc %d, error \"%s\", want "
                    "\"%s...\"\n",
                    i, bad[i].input, rc, err, bad[i].message);
            CHECK(0);
        } else {
            CHECK(1);
        }
    }
    printf("unit config: %zu bad configurations refused with their message\n",
           sizeof(bad) / sizeof(bad[0]));
}

/* Arguments that do not fit are refused, never cut. */
static void
test_limits(void)
{
    static char s[4096];
    size_t n = 0;

    n += (size_t)snprintf(s, sizeof(s), "--");
    for (int i = 0; i < 70; i++)
        n += (size_t)snprintf(s + n, sizeof(s) - n, " a%d", i);
    CHECK(cmdline(s) != 0 && strncmp(err, "arguments: more than 63", 23) == 0);
    memset(s, 'x', 3000);
    memcpy(s, "-- ", 3);
    s[3000] = '\0';
    CHECK(cmdline(s) != 0 &&
          strncmp(err, "arguments: arguments longer", 27) == 0);
    /* Error messages are always terminated, however small the buffer. */
    config_reset(&c);
    CHECK(config_parse_cmdline(&c, "foo=1 --", err, 4) != 0 &&
          strlen(err) == 3);
}

int
main(void)
{
    test_addresses();
    test_good_cmdline();
    test_good_json();
    test_bad();
    test_limits();
    return unit_done("config");
}
