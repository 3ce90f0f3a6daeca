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

    def test_publish_copies_tables_histories_and_plots(self):
        with tempfile.TemporaryDirectory() as tmp:
            keep, to = os.path.join(tmp, "keep"), os.path.join(tmp, "docs")
            os.makedirs(keep)
            quiet = contextlib.redirect_stdout(io.StringIO())
            # Nothing kept yet: an error, nothing made.
            with quiet:
                self.assertEqual(br.main(["publish", "--keep", keep,
                                          "--to", to]), 1)
            self.assertFalse(os.path.exists(to))
            for n in ("latest.md", "history.jsonl", "ratio-getpid_rtt.png",
                      "other.png", "latest.json"):
                with open(os.path.join(keep, n), "w") as f:
                    f.write(n)
            with contextlib.redirect_stdout(io.StringIO()):
                self.assertEqual(br.main(["publish", "--keep", keep,
                                          "--to", to]), 0)
            self.assertEqual(sorted(os.listdir(to)),
                             ["history.jsonl", "latest.md",
                              "ratio-getpid_rtt.png"])
            with open(os.path.join(to, "ratio-getpid_rtt.png")) as f:
                self.assertEqual(f.read(), "ratio-getpid_rtt.png")


def net_line(guest, label, ok=3, count=3, bad=0, rate=50.0, mbps=2.5,
             p50=1.0):
    return ("[dom0] %s: bench %s http: %d of %d ok, %d bad, 1 at once, "
            "0.50 s, %.1f/s, %.2f MB/s, latency ms p50 %.2f p90 2.00 "
            "p99 3.00 max 4.00\n" % (guest, label, ok, count, bad, rate,
                                     mbps, p50))


class Net(unittest.TestCase):
    def test_parse_fields_and_failed_runs_left_out(self):
        text = (net_line("netb-pv", "http1", rate=120.5, p50=7.25) +
                "netl-pvh: bench get4m http: 1 of 1 ok, 0 bad, 1 at once, "
                "1.00 s, 1.0/s, 4.19 MB/s, latency ms p50 1000.00 p90 "
                "1000.00 p99 1000.00 max 1000.00\r\n" +
                net_line("netb-pv", "http1", ok=2, count=3) +
                net_line("netb-pv", "http8", bad=1) +
                "netb-pv: bench connect wait: no TCP connection in 5 s\n" +
                "netb-pv: address 10.11.1.2\n")
        got = br.parse_net(text)
        self.assertEqual(got["netb-pv"]["http1"], [
            {"rate": 120.5, "mbps": 2.5, "p50": 7.25, "p90": 2.0,
             "p99": 3.0, "max": 4.0}])
        self.assertNotIn("http8", got["netb-pv"])
        self.assertEqual(got["netl-pvh"]["get4m"][0]["mbps"], 4.19)
        self.assertEqual(set(got), {"netb-pv", "netl-pvh"})

    def test_ratio_directions_and_medians(self):
        text = "".join(net_line("netl-pv", "get4m", mbps=m)
                       for m in (1.0, 9.0, 2.0))
        text += "".join(net_line("netb-pv", "get4m", mbps=m)
                        for m in (4.0, 4.0, 0.5))
        text += net_line("netl-pv", "http1", rate=100.0, p50=10.0)
        text += net_line("netb-pv", "http1", rate=50.0, p50=5.0)
        res = br.net_collect(br.parse_net(text))["pv"]
        # Medians 2.0 and 4.0: rumpxen twice the throughput.
        self.assertEqual(res["tcp_guest_to_dom0"]["ratio"], 2.0)
        # Half the rate is 0.5x; half the latency is 2x better.
        self.assertEqual(res["http_rps_1"]["ratio"], 0.5)
        self.assertEqual(res["http_p50_1"]["ratio"], 2.0)
        self.assertIsNone(res["tcp_connect_rate"]["ratio"])

    def test_net_main_keeps_and_fails_when_a_side_is_missing(self):
        with tempfile.TemporaryDirectory() as tmp:
            log, keep = os.path.join(tmp, "dom0.log"), os.path.join(tmp, "k")
            labels = sorted({m[3] for m in br.NET_METRICS})
            with open(log, "w") as f:
                for g in ("netb-pv", "netl-pv", "netb-pvh", "netl-pvh"):
                    f.write("".join(net_line(g, lb) for lb in labels))
            args = ["--dom0-log", log, "--keep", keep]
            with contextlib.redirect_stdout(io.StringIO()):
                self.assertEqual(br.main(["net"] + args), 0)
            with open(os.path.join(keep, "net-latest.json")) as f:
                run = json.load(f)
            self.assertEqual(
                run["results"]["pvh"]["http_rps_8"]["ratio"], 1.0)
            with open(log, "w") as f:
                f.write(net_line("netb-pv", "get4m"))
            with contextlib.redirect_stdout(io.StringIO()):
                self.assertEqual(br.main(["net"] + args), 1)
            with open(os.path.join(keep, "net-history.jsonl")) as f:
                self.assertEqual(len(f.readlines()), 2)


if __name__ == "__main__":
    unittest.main()
