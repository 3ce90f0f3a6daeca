# SPDX-License-Identifier: BSD-2-Clause
"""Unit tests of tests/host/blkimg.py: the pattern matches the guests'
(known words), a changed byte is found where it is, a short file fails."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blkimg  # noqa: E402


class PatternTest(unittest.TestCase):
    def test_known_words(self):
        data = blkimg.pattern(0, 16, 5)
        self.assertEqual(int.from_bytes(data[:8], "little"), 5)
        self.assertEqual(int.from_bytes(data[8:], "little"),
                         (0x9E3779B97F4A7C15 + 5) % (1 << 64))
        # An offset into the disk starts at that word.
        self.assertEqual(blkimg.pattern(8, 8, 5), data[8:])

    def test_first_difference(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "img")
            blkimg.make(path, 8, "pattern:3")
            self.assertIsNone(blkimg.first_difference(path, 0, 8192, 3))
            self.assertEqual(blkimg.first_difference(path, 0, 8192, 4), 0)
            with open(path, "r+b") as f:
                f.seek(5000)
                f.write(b"\0")
            self.assertEqual(blkimg.first_difference(path, 0, 8192, 3), 5000)
            self.assertIsNone(blkimg.first_difference(path, 0, 4096, 3))
            # Past the end of the file is a difference too.
            self.assertEqual(blkimg.first_difference(path, 4096, 8192, 3),
                             5000)
            self.assertEqual(blkimg.first_difference(path, 6144, 4096, 3),
                             8192)



class AckTest(unittest.TestCase):
    """verify_ack finds records anywhere 512-aligned, and says which of the
    acknowledged ones are missing or damaged."""

    def write(self, path, data):
        with open(path, "wb") as f:
            f.write(data)

    def test_records(self):
        with tempfile.TemporaryDirectory() as d:
            log, img, chk = (os.path.join(d, n) for n in ("log", "img", "chk"))
            self.write(log, b"rump-ack: ffs mounted\r\n" + b"".join(
                b"rump-ack: durable %d records\r\n" % i for i in (1, 2, 3))
                + b"rump-ack: durable 4")
            recs = [blkimg.ack_record(s) for s in (3, 1, 2)]
            self.write(img, b"\0" * 1024 + recs[0] + b"\1" * 512 + recs[1]
                       + recs[2])
            self.assertEqual(blkimg.verify_ack(log, img), [])
            self.write(chk, b"rump-ack: the file holds 3 valid records in "
                       b"order\n")
            self.assertEqual(blkimg.verify_ack(log, img, chk), [])
            self.write(chk, b"rump-ack: the file holds 2 valid records in "
                       b"order\n")
            self.assertIn("the file holds 2", blkimg.verify_ack(log, img,
                                                                 chk)[0])
            # One byte of record 1 changed: lost.
            bad = bytearray(open(img, "rb").read())
            bad[1024 + 1024 + 100] ^= 1
            self.write(img, bytes(bad))
            self.assertEqual(blkimg.verify_ack(log, img),
                             [f"{img}: 1 of 3 acknowledged records lost, "
                              "first 1"])
            self.write(log, b"nothing\n")
            self.assertIn("no record", blkimg.verify_ack(log, img)[0])



class FatTest(unittest.TestCase):
    """verify_fat fails on the image as the host made it and passes once
    the guest's files are in (put there with mtools here)."""

    def test_fat(self):
        with tempfile.TemporaryDirectory() as d:
            blkimg.prepare(d)
            img = os.path.join(d, "rumpfs-fat-pv.img")
            self.assertEqual(len(blkimg.verify_fat(img)), 3)
            with open(os.path.join(d, "guest.txt"), "w") as f:
                f.write("written by the rumpxen guest\n")
            blkimg.make(os.path.join(d, "guest.bin"), 256, "pattern:9")
            os.mkdir(os.path.join(d, "newdir"))
            blkimg.quiet(["mcopy", "-i", img, "-s"] + [
                os.path.join(d, n) for n in ("guest.txt", "guest.bin",
                                             "newdir")] + ["::/"],
                env=blkimg.MTOOLS_ENV)
            self.assertEqual(blkimg.verify_fat(img), [])
            # A cluster cut out of a chain (first FAT, 4 reserved sectors,
            # FAT12: cluster 4 at byte 6) is a failed fsck.vfat.
            with open(img, "r+b") as f:
                f.seek(4 * 512 + 6)
                f.write(b"\0\0")
            self.assertIn("fsck.vfat -n", blkimg.verify_fat(img)[0])



if __name__ == "__main__":
    unittest.main()
