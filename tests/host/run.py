#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
# Runs the host tests of the Python tools (tests/host/test_*.py, standard
# unittest) and prints one "PASS host/NAME" or "FAIL host/NAME: why" line
# per test, for tests/run.sh to count. Exits 1 if any failed or none ran.
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


class LineResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.count = 0
        self.bad = 0

    @staticmethod
    def name(test):
        mod, _, rest = test.id().partition(".")
        return "host/%s/%s" % (mod.replace("test_", "", 1), rest)

    def addSuccess(self, test):
        self.count += 1
        print("PASS " + self.name(test))

    def _fail(self, test, err):
        self.count += 1
        self.bad += 1
        lines = str(err[1]).strip().splitlines()
        why = "%s: %s" % (err[0].__name__, lines[0] if lines else "")
        print("FAIL %s: %s" % (self.name(test), why))

    addFailure = _fail
    addError = _fail

    def addSkip(self, test, reason):
        print("SKIPPED %s: %s" % (self.name(test), reason))


def main():
    suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py",
                                                top_level_dir=HERE)
    result = LineResult()
    suite.run(result)
    if result.count == 0:
        print("FAIL host: no host tests found in %s" % HERE)
        return 1
    return 1 if result.bad else 0


if __name__ == "__main__":
    sys.exit(main())
