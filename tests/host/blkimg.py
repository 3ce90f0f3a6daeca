#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Disk images for the blkfront guest tests (tests/guest/blk.c).

  blkimg.py make PATH SIZE_KIB FILL     FILL: pattern:SEED or byte:N
  blkimg.py check PATH OFFSET LEN SEED  exit 1 and say where it differs

The pattern is the guest's: the little-endian 64-bit word at disk offset
OFF (8-aligned) is (OFF / 8) * 0x9E3779B97F4A7C15 + SEED, modulo 2**64.
"""
import sys

GOLDEN = 0x9E3779B97F4A7C15
MASK = (1 << 64) - 1


def pattern(offset, length, seed):
    """The pattern's bytes of [offset, offset + length), both 8-aligned."""
    first = offset // 8
    words = ((((first + i) * GOLDEN) + seed) & MASK for i in range(length // 8))
    return b"".join(w.to_bytes(8, "little") for w in words)


def make(path, size_kib, fill):
    size = size_kib * 1024
    kind, _, value = fill.partition(":")
    if kind == "pattern":
        data = pattern(0, size, int(value, 0))
    elif kind == "byte":
        data = bytes([int(value, 0)]) * size
    else:
        raise SystemExit(f"blkimg: unknown fill {fill}")
    with open(path, "wb") as f:
        f.write(data)


def first_difference(path, offset, length, seed):
    """Offset of the first byte that differs from the pattern, or None."""
    with open(path, "rb") as f:
        f.seek(offset)
        got = f.read(length)
    want = pattern(offset, length, seed)
    if got == want:
        return None
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return offset + i
    return offset + min(len(got), len(want))


def main(argv):
    if len(argv) == 4 and argv[0] == "make":
        make(argv[1], int(argv[2]), argv[3])
        return 0
    if len(argv) == 5 and argv[0] == "check":
        at = first_difference(argv[1], int(argv[2], 0), int(argv[3], 0),
                              int(argv[4], 0))
        if at is not None:
            print(f"{argv[1]}: differs from pattern {argv[4]} at offset {at}")
            return 1
        return 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
