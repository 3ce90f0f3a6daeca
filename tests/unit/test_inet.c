/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libc-glue's address text conversions (libc-glue/inet_text.c) against
 * the host C library's inet_pton/inet_ntop/inet_aton on a table of valid
 * and malformed inputs, both ways, and every round trip.
 */
#include <arpa/inet.h>
#include <string.h>

#include "inet_text.h"
#include "unit.h"

static const char *const v4_inputs[] = {
    "0.0.0.0", "127.0.0.1", "255.255.255.255", "10.11.0.1", "1.2.3.4",
    "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..3.4", "", "a.b.c.d",
    "1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "1.2.3.1000",
};

static const char *const v6_inputs[] = {
    "::", "::1", "1::", "fe80::1:2", "2001:db8::8:800:200c:417a",
    "1:2:3:4:5:6:7:8", "::ffff:10.1.2.3", "::10.1.2.3", "1:0:0:1:0:0:0:1",
    "1:0:0:2:0:0:3:4", "FE80::A", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
    "1:2:3:4:5:6:1.2.3.4", "1::2::3", ":::", "1:2:3:4:5:6:7:8:9", "12345::",
    "1:", ":1", "::ffff:1.2.3", "g::1", "1:2:3:4:5:6:7", "", "::ffff:0:0",
    "0:0:0:0:0:1:0:0",
};

static const char *const aton_inputs[] = {
    "1.2.3.4", "0x7f.1", "127.1", "10", "0", "010.0.0.1", "0x0a.0.0.1",
    "1.2.65535", "1.16777215", "4294967295", "4294967296", "1.2.3.256",
    "1.2.65536", "0x", "1.", ".1", "08", "1 2", "",
};

static void
test_v4(void)
{
    for (size_t i = 0; i < sizeof(v4_inputs) / sizeof(v4_inputs[0]); i++) {
        uint8_t ours[4] = {0}, host[4] = {0};
        char text[INET_TEXT_V4_MAX], htext[INET_ADDRSTRLEN];
        int ok = inet_text_to_v4(v4_inputs[i], ours);

        CHECK(ok == inet_pton(AF_INET, v4_inputs[i], host));
        if (!ok)
            continue;
        CHECK(memcmp(ours, host, 4) == 0);
        CHECK(inet_text_from_v4(ours, text, sizeof(text)) > 0);
        inet_ntop(AF_INET, host, htext, sizeof(htext));
        CHECK(strcmp(text, htext) == 0);
        CHECK(strcmp(text, v4_inputs[i]) == 0);
        /* Too small a buffer: -1, one byte for the NUL counted. */
        CHECK(inet_text_from_v4(ours, text, strlen(htext)) == -1);
        CHECK(inet_text_from_v4(ours, text, strlen(htext) + 1) ==
              (int)strlen(htext));
    }
}

static void
test_v6(void)
{
    for (size_t i = 0; i < sizeof(v6_inputs) / sizeof(v6_inputs[0]); i++) {
        uint8_t ours[16] = {0}, host[16] = {0}, back[16];
        char text[INET_TEXT_V6_MAX], htext[INET6_ADDRSTRLEN];
        int ok = inet_text_to_v6(v6_inputs[i], ours);

        CHECK(ok == inet_pton(AF_INET6, v6_inputs[i], host));
        if (ok != inet_pton(AF_INET6, v6_inputs[i], host))
            fprintf(stderr, "  input \"%s\"\n", v6_inputs[i]);
        if (!ok)
            continue;
        CHECK(memcmp(ours, host, 16) == 0);
        CHECK(inet_text_from_v6(ours, text, sizeof(text)) > 0);
        inet_ntop(AF_INET6, host, htext, sizeof(htext));
        CHECK(strcmp(text, htext) == 0);
        if (strcmp(text, htext) != 0)
            fprintf(stderr, "  ours \"%s\" host \"%s\"\n", text, htext);
        CHECK(inet_text_to_v6(text, back) && memcmp(back, ours, 16) == 0);
        CHECK(inet_text_from_v6(ours, text, strlen(htext)) == -1);
    }
}

static void
test_aton(void)
{
    for (size_t i = 0; i < sizeof(aton_inputs) / sizeof(aton_inputs[0]);
         i++) {
        uint8_t ours[4] = {0};
        struct in_addr host = {0};
        int ok = inet_text_aton(aton_inputs[i], ours);
        int hok = inet_aton(aton_inputs[i], &host);

        /* glibc accepts trailing white space ("1 2"); we do not. */
        if (strchr(aton_inputs[i], ' ') != NULL) {
            CHECK(!ok);
            continue;
        }
        CHECK(ok == hok);
        if (ok != hok)
            fprintf(stderr, "  input \"%s\"\n", aton_inputs[i]);
        if (ok && hok)
            CHECK(memcmp(ours, &host.s_addr, 4) == 0);
    }
}

int
main(void)
{
    test_v4();
    test_v6();
    test_aton();
    return unit_done("inet");
}
