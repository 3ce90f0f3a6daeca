#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Disk images for the blkfront guest tests (tests/guest/blk.c) and the
rump-fs example (examples/rump-fs), made before and checked after the
appliance run.

  blkimg.py make PATH SIZE_KIB FILL     FILL: pattern:SEED or byte:N
  blkimg.py check PATH OFFSET LEN SEED  exit 1 and say where it differs
  blkimg.py prepare DIR                 DIR/blk-{pv,pvh}-{a,b}.img and
                                        DIR/rumpfs{,-ffs,-fat}-{pv,pvh}.img
  blkimg.py verify-blk PREFIX           what tests/guest/blk.c wrote
  blkimg.py verify-ext2 IMAGE           what examples/rump-fs wrote
  blkimg.py verify-fat IMAGE            the same, on FAT
  blkimg.py prepare-ack DIR NAME...     DIR/NAME.img: empty FFS, 16 MiB
  blkimg.py prepare-cfg DIR             DIR/cfg-{ffs,ext2}.img: hello.txt
                                        ("hello from the ffs/ext2 disk")
                                        and sub/, for tests/guest/rumpcfg.c
  blkimg.py verify-ack LOG IMAGE [CHECKLOG]
                                        every record examples/rump-ack said
                                        durable in LOG is in IMAGE, and the
                                        read-only boot's CHECKLOG found them
                                        in its file

The FFS images have no host checker (Debian has no fsck_ffs): a second
guest mounts them read-only and checks them (rump-fs ffs-check).

The pattern is the guest's: the little-endian 64-bit word at disk offset
OFF (8-aligned) is (OFF / 8) * 0x9E3779B97F4A7C15 + SEED, modulo 2**64.
"""
import os
import re
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


def quiet(cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, **kw)


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
            img, ffs, fat = (f"{outdir}/rumpfs{k}-{t}.img"
                             for k in ("", "-ffs", "-fat"))
            for path in (img, ffs, fat):
                if os.path.exists(path):
                    os.unlink(path)
            # Features NetBSD's ext2fs of the pinned rump kernel knows.
            quiet(["mkfs.ext2", "-q", "-F", "-b", "1024", "-I", "128", "-O",
                   "none,filetype,sparse_super", "-d", d, img, "8M"])
            # Room for the guest's files: makefs sizes inodes to the tree.
            quiet(["makefs", "-t", "ffs", "-B", "le", "-s", "8m", "-o",
                   "version=1", "-f", "64", ffs, d])
            quiet(["mkfs.vfat", "-C", fat, "8192"])
            quiet(["mcopy", "-i", fat, "-s", f"{d}/hello.txt", f"{d}/big.bin",
                   f"{d}/sub", "::/"], env=MTOOLS_ENV)


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


MTOOLS_ENV = dict(os.environ, MTOOLS_SKIP_CHECK="1")


def verify_fat(img):
    """fsck.vfat finds the file system clean and mtools the guest's files."""
    bad = []
    fsck = subprocess.run(["fsck.vfat", "-n", img], capture_output=True,
                          text=True)
    if fsck.returncode != 0:
        bad.append(f"fsck.vfat -n {img}: exit {fsck.returncode}: "
                   + fsck.stdout.strip().replace("\n", "; "))

    def mtools(*cmd):
        return subprocess.run(list(cmd), capture_output=True,
                              env=MTOOLS_ENV).stdout

    if mtools("mtype", "-i", img, "::/guest.txt") != \
            b"written by the rumpxen guest\n":
        bad.append(f"{img}: /guest.txt missing or wrong")
    if b"newdir" not in mtools("mdir", "-b", "-i", img, "::/").lower():
        bad.append(f"{img}: /newdir missing")
    with tempfile.TemporaryDirectory() as d:
        mtools("mcopy", "-i", img, "::/guest.bin", f"{d}/guest.bin")
        if (not os.path.exists(f"{d}/guest.bin")
                or os.path.getsize(f"{d}/guest.bin") != 256 * 1024
                or first_difference(f"{d}/guest.bin", 0, 256 * 1024, 9)
                is not None):
            bad.append(f"{img}: /guest.bin missing or not pattern 9")
    return bad


ACK_MAGIC = 0x4b43412d504d5552  # "RUMP-ACK", little-endian
ACK_SIZE = 512


def prepare_cfg(outdir):
    """Two small file systems the configuration guests mount read-only."""
    for fs in ("ffs", "ext2"):
        img = f"{outdir}/cfg-{fs}.img"
        if os.path.exists(img):
            os.unlink(img)
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(f"{d}/sub")
            with open(f"{d}/hello.txt", "w") as f:
                f.write(f"hello from the {fs} disk\n")
            if fs == "ffs":
                quiet(["makefs", "-t", "ffs", "-B", "le", "-s", "4m", "-o",
                       "version=1", img, d])
            else:
                quiet(["mkfs.ext2", "-q", "-F", "-b", "1024", "-I", "128",
                       "-O", "none,filetype,sparse_super", "-d", d, img,
                       "4M"])


def ack_record(seq):
    """examples/rump-ack's record SEQ."""
    words = [ACK_MAGIC, seq] + [((i * GOLDEN) + seq) & MASK
                                for i in range(2, ACK_SIZE // 8)]
    return b"".join(w.to_bytes(8, "little") for w in words)


def prepare_ack(outdir, names):
    with tempfile.TemporaryDirectory() as d:
        for name in names:
            img = f"{outdir}/{name}.img"
            if os.path.exists(img):
                os.unlink(img)
            quiet(["makefs", "-t", "ffs", "-B", "le", "-s", "16m", "-o",
                   "version=1", "-f", "64", img, d])


def last_number(path, prefix):
    """N of the last whole console line "PREFIX N ..." (a guest
    destroyed mid-line leaves a cut one, which does not count)."""
    n = None
    line_re = re.compile(re.escape(prefix) + r"([0-9]+) ")
    with open(path, "rb") as f:
        for line in f:
            m = line_re.match(line.decode("utf-8", "replace"))
            if m and line.endswith(b"\n"):
                n = int(m.group(1))
    return n


def verify_ack(log, img, checklog=None):
    """Records 1..N, N the last count LOG acknowledged, are whole somewhere
    in IMAGE (512-byte aligned: the file system writes whole fragments),
    and CHECKLOG's read-only boot found at least N in the file."""
    acked = last_number(log, "rump-ack: durable ")
    if acked is None:
        return [f"{log}: no record acknowledged"]
    found = set()
    magic = ACK_MAGIC.to_bytes(8, "little")
    with open(img, "rb") as f:
        data = f.read()
    for off in range(0, len(data) - ACK_SIZE + 1, ACK_SIZE):
        if data[off:off + 8] == magic:
            seq = int.from_bytes(data[off + 8:off + 16], "little")
            if seq <= acked and data[off:off + ACK_SIZE] == ack_record(seq):
                found.add(seq)
    bad = []
    lost = [s for s in range(1, acked + 1) if s not in found]
    if lost:
        bad.append(f"{img}: {len(lost)} of {acked} acknowledged records "
                   f"lost, first {lost[0]}")
    if checklog is not None:
        held = last_number(checklog, "rump-ack: the file holds ")
        if held is None or held < acked:
            bad.append(f"{checklog}: the file holds {held} records in order, "
                       f"{acked} were acknowledged")
    return bad


VERIFY = {"verify-blk": verify_blk, "verify-ext2": verify_ext2,
          "verify-fat": verify_fat}


def main(argv):
    if len(argv) == 2 and argv[0] == "prepare":
        prepare(argv[1])
        return 0
    if len(argv) == 2 and argv[0] in VERIFY:
        bad = VERIFY[argv[0]](argv[1])
        for line in bad:
            print(line)
        return 1 if bad else 0
    if len(argv) == 2 and argv[0] == "prepare-cfg":
        prepare_cfg(argv[1])
        return 0
    if len(argv) >= 3 and argv[0] == "prepare-ack":
        prepare_ack(argv[1], argv[2:])
        return 0
    if len(argv) in (3, 4) and argv[0] == "verify-ack":
        bad = verify_ack(*argv[1:])
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
