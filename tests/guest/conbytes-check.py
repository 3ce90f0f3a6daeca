#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
# conbytes-check.py TEXT LOG: exits 0 if the guest console log LOG holds the
# text of the conbytes guest test byte for byte (the guest's console turns
# each "\n" into "\r\n"); else says where the first difference is.
import sys

want = open(sys.argv[1], "rb").read().replace(b"\n", b"\r\n")
got = open(sys.argv[2], "rb").read()
if want in got:
    sys.exit(0)
start = got.find(want.split(b"\r\n", 1)[0])
if start < 0:
    print("console lacks the first line of %s" % sys.argv[1])
    sys.exit(1)
i = 0
while start + i < len(got) and i < len(want) and got[start + i] == want[i]:
    i += 1
line = want[:i].count(b"\n") + 1
print("console differs from %s at line %d: want %r, got %r" % (
    sys.argv[1], line, want[i:i + 40], got[start + i:start + i + 40]))
sys.exit(1)
