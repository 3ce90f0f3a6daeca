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


if __name__ == "__main__":
    unittest.main()
