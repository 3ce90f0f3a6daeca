/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the harness: prints tests/guest/conbytes.txt (lines that
 * look like Xen's output, the harness's own markers, tabs, UTF-8, a long
 * line) on its console; the host checks that its log holds them byte for
 * byte. It tests the path to the host, not the platform.
 */
#include <rumpxen/console.h>

/* The text, byte for byte, from the file the host compares against. */
extern const char conbytes_text[], conbytes_text_end[];
__asm__(".pushsection .rodata.conbytes, \"a\"\n"
        "conbytes_text:\n"
        ".incbin \"tests/guest/conbytes.txt\"\n"
        "conbytes_text_end:\n"
        ".popsection\n");

int
main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    console_write(conbytes_text, (size_t)(conbytes_text_end - conbytes_text));
    return 0;
}
