#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Disk images for the blkfront guest tests (tests/guest/blk.c) and the
rump-fs example (examples/rump-fs), made before and checked after the
appliance run.

  blkimg.py make PATH SIZE_KIB FILL     FILL: pattern:SEED or byte:N
  blkimg.py check PATH OFFSET LEN SEED  exit 1 and say where it differs
  blkimg.py prepare DIR                 DIR/blk-{pv,pvh}-{a,b}.img and
                                        DIR/rumpfs-{pv,pvh}.img
  blkimg.py verify-blk PREFIX           what tests/guest/blk.c wrote
  blkimg.py verify-ext2 IMAGE           what examples/rump-fs wrote

The pattern is the guest's: the little-endian 64-bit word at disk offset
OFF (8-aligned) is (OFF / 8) * 0x9E3779B97F4A7C15 + SEED, modulo 2**64.
"""
import os
import subprocess
import sys
import tempfile

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


def prepare(outdir):
    """The images of the blk and rump-fs guests, PV and PVH."""
    for t in ("pv", "pvh"):
        # xvda all 0xee, so a lost write shows; xvdb (read-only) pattern 2.
        make(f"{outdir}/blk-{t}-a.img", 8192, "byte:0xee")
        make(f"{outdir}/blk-{t}-b.img", 1024, "pattern:2")
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(f"{d}/sub")
            with open(f"{d}/hello.txt", "w") as f:
                f.write("hello from the host\n")
            with open(f"{d}/sub/nested.txt", "w") as f:
                f.write("nested\n")
            make(f"{d}/big.bin", 300, "pattern:7")
            img = f"{outdir}/rumpfs-{t}.img"
            if os.path.exists(img):
                os.unlink(img)
            # Features NetBSD's ext2fs of the pinned rump kernel knows.
            subprocess.run(["mkfs.ext2", "-q", "-F", "-b", "1024", "-I",
                            "128", "-O", "none,filetype,sparse_super",
                            "-d", d, img, "8M"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def verify_blk(prefix):
    """[0, 4 MiB) of xvda pattern 1, [4, 5 MiB) pattern 3; xvdb as made."""
    bad = []
    for path, off, length, seed in ((f"{prefix}-a.img", 0, 4 << 20, 1),
                                    (f"{prefix}-a.img", 4 << 20, 1 << 20, 3),
                                    (f"{prefix}-b.img", 0, 1 << 20, 2)):
        at = first_difference(path, off, length, seed)
        if at is not None:
            bad.append(f"{path}: differs from pattern {seed} at offset {at}")
    return bad


def verify_ext2(img):
    """e2fsck finds the file system clean and the guest's files in it."""
    bad = []
    fsck = subprocess.run(["e2fsck", "-fn", img], capture_output=True,
                          text=True)
    if fsck.returncode != 0:
        bad.append(f"e2fsck -fn {img}: exit {fsck.returncode}: "
                   + fsck.stdout.strip().replace("\n", "; "))

    def debugfs(request):
        return subprocess.run(["debugfs", "-R", request, img],
                              capture_output=True).stdout

    if debugfs("cat /guest.txt") != b"written by the rumpxen guest\n":
        bad.append(f"{img}: /guest.txt missing or wrong")
    if b"newdir" not in debugfs("ls /"):
        bad.append(f"{img}: /newdir missing")
    with tempfile.TemporaryDirectory() as d:
        debugfs(f"dump /guest.bin {d}/guest.bin")
        if (not os.path.exists(f"{d}/guest.bin")
                or os.path.getsize(f"{d}/guest.bin") != 256 * 1024
                or first_difference(f"{d}/guest.bin", 0, 256 * 1024, 9)
                is not None):
            bad.append(f"{img}: /guest.bin missing or not pattern 9")
    return bad


def main(argv):
    if len(argv) == 2 and argv[0] == "prepare":
        prepare(argv[1])
        return 0
    if len(argv) == 2 and argv[0] in ("verify-blk", "verify-ext2"):
        verify = verify_blk if argv[0] == "verify-blk" else verify_ext2
        bad = verify(argv[1])
        for line in bad:
            print(line)
        return 1 if bad else 0
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
