# SPDX-License-Identifier: BSD-2-Clause
"""Unit tests of scripts/benchreport.py: console parsing, statistics and
the direction of each ratio (above 1: rumpxen better)."""
import contextlib
import importlib.util
import io
import json
import os
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location(
    "benchreport", os.path.join(HERE, "..", "..", "scripts",
                                "benchreport.py"))
br = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(br)


class Parse(unittest.TestCase):
    def test_lines_of_several_runs(self):
        text = ("noise\r\nrumpwork: getpid_rtt 900 ns\r\n"
                "rumpwork: platform hosted\nrumpwork: getpid_rtt 1100 ns\n"
                "rumpwork: getpid_rtt x ns\nrumpwork: PASS\n")
        self.assertEqual(br.parse_console(text), {"getpid_rtt": [900, 1100]})

    def test_stats(self):
        s = br.stats([5, 1, 3])
        self.assertEqual((s["n"], s["min"], s["median"], s["max"]),
                         (3, 1, 3, 5))
        self.assertIsNone(br.stats([]))


class Ratio(unittest.TestCase):
    def test_direction(self):
        # Times: hosted 200 ns, rumpxen 100 ns is 2x better.
        self.assertEqual(br.ratio(200, 100, False), 2.0)
        # Rates: rumpxen 100/s against hosted 200/s is 0.5x.
        self.assertEqual(br.ratio(200, 100, True), 0.5)
        self.assertIsNone(br.ratio(None, 100, True))
        self.assertIsNone(br.ratio(0, 100, True))

    def test_runs_are_paired_in_order(self):
        with tempfile.TemporaryDirectory() as out:
            for name, vals in (("x1", 100), ("x2", 400), ("h1", 200),
                               ("h2", 400)):
                with open(os.path.join(out, name + ".log"), "w") as f:
                    f.write("rumpwork: getpid_rtt %d ns\n" % vals)
            logs = {"pv": ["x1", "x2"], "pvh": []}
            row = br.collect(out, logs, {"pv": ["h1", "h2"], "pvh": []})[
                "pv"]["getpid_rtt"]
            # Pairs 2.0 and 1.0, not the ratio of medians (300/250).
            self.assertEqual(row["pair_ratios"], [2.0, 1.0])
            self.assertEqual((row["ratio"], row["ratio_min"],
                              row["ratio_max"]), (1.5, 1.0, 2.0))


class Run(unittest.TestCase):
    def test_keeps_json_history_and_table(self):
        with tempfile.TemporaryDirectory() as tmp:
            out, keep = os.path.join(tmp, "out"), os.path.join(tmp, "keep")
            os.makedirs(out)
            lines = "".join("rumpwork: %s 10 u\n" % m for m, _, _ in
                            br.METRICS)
            for name in ("x-pv", "x-pvh", "h-pv", "h-pvh"):
                with open(os.path.join(out, name + ".log"), "w") as f:
                    f.write(lines)
            args = ["--out", out, "--keep", keep, "--rumpxen-pv", "x-pv",
                    "--rumpxen-pvh", "x-pvh", "--hosted-pv", "h-pv",
                    "--hosted-pvh", "h-pvh"]
            br.plot = lambda keep, history: []
            quiet = contextlib.redirect_stdout(io.StringIO())
            with quiet:
                self.assertEqual(br.main(args), 0)
                self.assertEqual(br.main(args), 0)
            with open(os.path.join(keep, "history.jsonl")) as f:
                runs = [json.loads(line) for line in f]
            self.assertEqual(len(runs), 2)
            self.assertEqual(
                runs[1]["results"]["pvh"]["getpid_rtt"]["ratio"], 1.0)
            self.assertIn("commit", runs[0])
            # A missing side is a failure, not a silent table.
            os.remove(os.path.join(out, "h-pvh.log"))
            with contextlib.redirect_stdout(io.StringIO()):
                self.assertEqual(br.main(args), 1)


if __name__ == "__main__":
    unittest.main()
