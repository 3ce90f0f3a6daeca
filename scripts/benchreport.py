#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The rump kernel benchmark's report: reads the consoles of one appliance
run (rumpxen guests and the hosted rump kernel in Linux DomUs, PV and PVH),
prints min/median/max of each metric and the rumpxen-vs-hosted ratio of the
medians, and keeps the results: DIR/latest.json, DIR/history.jsonl (one
line per run, with commit and date), DIR/latest.md (the table) and, with
gnuplot, DIR/ratio-METRIC.png (each ratio over the runs so far).

Ratios say how many times better rumpxen is (hosted time / rumpxen time,
rumpxen rate / hosted rate): above 1 rumpxen wins. Only ratios within one
run count: the emulated machine's speed changes between runs.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

# metric, unit, True if larger is better
METRICS = [
    ("calib_loop", "us", False),
    ("rump_init", "us", False),
    ("getpid_rtt", "ns", False),
    ("getpid_rtt_bound", "ns", False),
    ("tmpfs_cycle_1t", "cycles/s", True),
    ("tmpfs_cycle_8t", "cycles/s", True),
    ("file16m_write", "MiB/s", True),
    ("file16m_read", "MiB/s", True),
    ("tcp_loopback", "MiB/s", True),
]
LINE = re.compile(r"^rumpwork: (\w+) (\d+) (\S+)\s*$")


def parse_console(text):
    """{metric: [values]} from one console (a hosted console holds several
    runs: each metric line once per run)."""
    out = {}
    for line in text.replace("\r", "").splitlines():
        m = LINE.match(line)
        if m:
            out.setdefault(m.group(1), []).append(int(m.group(2)))
    return out


def merge(samples):
    out = {}
    for s in samples:
        for k, v in s.items():
            out.setdefault(k, []).extend(v)
    return out


def stats(values):
    if not values:
        return None
    return {"n": len(values), "min": min(values),
            "median": statistics.median(values), "max": max(values)}


def ratio(hosted, rumpxen, larger_better):
    """How many times better rumpxen's value is than hosted's; None if
    either is missing or 0."""
    if not hosted or not rumpxen:
        return None
    if larger_better:
        return rumpxen / hosted
    return hosted / rumpxen


def collect(out_dir, rumpxen_logs, hosted_logs):
    """The run's result: per type (pv, pvh) per side, the stats."""
    result = {}
    for t in ("pv", "pvh"):
        sides = {}
        for side, logs in (("rumpxen", rumpxen_logs[t]),
                           ("hosted", hosted_logs[t])):
            samples = []
            for name in logs:
                try:
                    with open(os.path.join(out_dir, name + ".log"),
                              errors="replace") as f:
                        samples.append(parse_console(f.read()))
                except OSError:
                    pass
            sides[side] = merge(samples)
        rows = {}
        # How much faster the machine ran rumpxen's run than hosted's, per
        # pair (the calibration loop): each ratio divided by it is the part
        # the machine's speed does not explain.
        speed = [ratio(h, r, False) for h, r in
                 zip(sides["hosted"].get("calib_loop", []),
                     sides["rumpxen"].get("calib_loop", []))]
        for metric, unit, better in METRICS:
            hv = sides["hosted"].get(metric, [])
            rv = sides["rumpxen"].get(metric, [])
            # Run i of each side booted back to back: pair them.
            pairs = [ratio(h, r, better) for h, r in zip(hv, rv)]
            norm = [p / c for p, c in zip(pairs, speed)
                    if p is not None and c]
            pairs = [p for p in pairs if p is not None]
            spread = stats(pairs)
            rows[metric] = {"unit": unit, "hosted": stats(hv),
                            "rumpxen": stats(rv), "pair_ratios": pairs,
                            "ratio": spread["median"] if spread else None,
                            "ratio_per_speed": statistics.median(norm)
                            if norm else None,
                            "ratio_min": spread["min"] if spread else None,
                            "ratio_max": spread["max"] if spread else None}
        result[t] = rows
    return result


def fmt_stats(s):
    if not s:
        return "-"
    return "%g/%g/%g" % (s["min"], s["median"], s["max"])


def table(result):
    """The table as Markdown lines."""
    lines = ["| metric | unit | type | hosted min/med/max | "
             "rumpxen min/med/max | rumpxen vs hosted (pairs: min-max) | "
             "same / machine speed |",
             "|---|---|---|---|---|---|---|"]
    for metric, unit, _ in METRICS:
        for t in ("pv", "pvh"):
            row = result[t][metric]
            r = row["ratio"]
            n = row.get("ratio_per_speed")
            lines.append("| %s | %s | %s | %s | %s | %s | %s |"
                         % (metric, unit, t.upper(), fmt_stats(row["hosted"]),
                            fmt_stats(row["rumpxen"]),
                            "%.2f× (%.2f-%.2f)" % (r, row["ratio_min"],
                                                   row["ratio_max"])
                            if r else "-", "%.2f×" % n if n else "-"))
    return lines


def git_commit():
    r = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"],
                       capture_output=True, text=True)
    commit = r.stdout.strip() if r.returncode == 0 else "unknown"
    r = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                       capture_output=True, text=True)
    if r.returncode == 0 and r.stdout.strip():
        commit += "-dirty"
    return commit


def plot(keep_dir, history):
    """One PNG per metric: the PV and PVH ratio over the runs kept."""
    if not shutil.which("gnuplot"):
        print("benchreport: no gnuplot (Debian gnuplot-nox): no plots")
        return []
    made = []
    for metric, unit, _ in METRICS:
        data = os.path.join(keep_dir, "ratio-%s.dat" % metric)
        with open(data, "w") as f:
            for i, run in enumerate(history):
                vals = []
                for t in ("pv", "pvh"):
                    r = run["results"].get(t, {}).get(metric, {}).get("ratio")
                    vals.append("%.4f" % r if r else "NaN")
                f.write("%d %s %s %s\n" % (i + 1, run["commit"], *vals))
        png = os.path.join(keep_dir, "ratio-%s.png" % metric)
        script = (
            "set terminal png size 640,360 noenhanced\n"
            "set xrange [0.5:%g]\n%s"
            "set output '%s'\n"
            "set title '%s: rumpxen vs hosted (above 1: rumpxen "
            "better)'\n"
            "set xlabel 'bench run'\nset ylabel 'ratio'\n"
            "set yrange [0:*]\nset key left top\nset grid\n"
            "plot '%s' using 1:3 with linespoints title 'PV', "
            "'' using 1:4 with linespoints title 'PVH', "
            "1 with lines dashtype 2 notitle\n"
            % (len(history) + 0.5,
               "set xtics 1\n" if len(history) <= 20 else "", png, metric,
               data))
        r = subprocess.run(["gnuplot"], input=script, text=True,
                           capture_output=True)
        if r.returncode != 0:
            print("benchreport: gnuplot failed: %s" % r.stderr.strip()[:200])
            return made
        made.append(png)
    return made


# --- network: examples/httpd vs a Linux DomU (scripts/bench.sh) -----------
# metric, unit, True if larger is better, netclient label, field
NET_METRICS = [
    ("tcp_guest_to_dom0", "MB/s", True, "get4m", "mbps"),
    ("tcp_dom0_to_guest", "MB/s", True, "post4m", "mbps"),
    ("http_rps_1", "req/s", True, "http1", "rate"),
    ("http_p50_1", "ms", False, "http1", "p50"),
    ("http_p90_1", "ms", False, "http1", "p90"),
    ("http_p99_1", "ms", False, "http1", "p99"),
    ("http_rps_8", "req/s", True, "http8", "rate"),
    ("http_p50_8", "ms", False, "http8", "p50"),
    ("http_p99_8", "ms", False, "http8", "p99"),
    ("tcp_connect_rate", "conn/s", True, "connect", "rate"),
]
NET_LINE = re.compile(
    r"(?:^|\s)(net[bl]-pvh?): bench (\w+) \w+: (\d+) of (\d+) ok, (\d+) bad, "
    r"\d+ at once, [\d.]+ s, ([\d.]+)/s, ([\d.]+) MB/s, latency ms "
    r"p50 ([\d.]+) p90 ([\d.]+) p99 ([\d.]+) max ([\d.]+)")


def parse_net(text):
    """{guest: {label: [{field: value}]}} from dom0.log: the netclient
    lines tests/bench/net-dom0.sh logged; runs with a failure are left
    out."""
    out = {}
    for line in text.replace("\r", "").splitlines():
        m = NET_LINE.search(line)
        if not m:
            continue
        ok, count, bad = int(m.group(3)), int(m.group(4)), int(m.group(5))
        if bad or ok != count:
            continue
        vals = [float(x) for x in m.group(6, 7, 8, 9, 10, 11)]
        out.setdefault(m.group(1), {}).setdefault(m.group(2), []).append(
            dict(zip(("rate", "mbps", "p50", "p90", "p99", "max"), vals)))
    return out


def net_collect(parsed):
    """Per type (pv, pvh) per metric: linux and rumpxen (medians over
    the runs of each label) and the ratio (above 1: rumpxen better)."""
    result = {}
    for t in ("pv", "pvh"):
        rows = {}
        for metric, unit, better, label, field in NET_METRICS:
            vals = {}
            for side, guest in (("linux", "netl-" + t),
                                ("rumpxen", "netb-" + t)):
                runs = parsed.get(guest, {}).get(label, [])
                vals[side] = (statistics.median(r[field] for r in runs)
                              if runs else None)
            rows[metric] = {"unit": unit, "linux": vals["linux"],
                            "rumpxen": vals["rumpxen"],
                            "ratio": ratio(vals["linux"], vals["rumpxen"],
                                           better)}
        result[t] = rows
    return result


def net_table(result):
    lines = ["| metric | unit | type | Linux | rumpxen | ratio |",
             "|---|---|---|---|---|---|"]
    for metric, unit, _, _, _ in NET_METRICS:
        for t in ("pv", "pvh"):
            row = result[t][metric]
            lines.append("| %s | %s | %s | %s | %s | %s |" % (
                metric, unit, t.upper(),
                "%g" % row["linux"] if row["linux"] is not None else "-",
                "%g" % row["rumpxen"] if row["rumpxen"] is not None else "-",
                "%.2f×" % row["ratio"] if row["ratio"] else "-"))
    return lines


def new_run(result):
    """One run's record: results with the commit and the date (UTC)."""
    return {"commit": git_commit(),
            "date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%dT%H:%M:%SZ"),
            "results": result}


def keep_run(keep_dir, prefix, run, lines, title):
    """DIR/PREFIXlatest.json, PREFIXhistory.jsonl (appended) and
    PREFIXlatest.md; the number of runs in the history."""
    os.makedirs(keep_dir, exist_ok=True)
    with open(os.path.join(keep_dir, prefix + "latest.json"), "w") as f:
        json.dump(run, f, indent=1)
    with open(os.path.join(keep_dir, prefix + "history.jsonl"), "a") as f:
        f.write(json.dumps(run) + "\n")
    with open(os.path.join(keep_dir, prefix + "latest.md"), "w") as f:
        f.write("%s, commit %s, %s\n\n" % (title, run["commit"], run["date"]))
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(keep_dir, prefix + "history.jsonl")) as f:
        return sum(1 for line in f if line.strip())


def net_main(argv):
    p = argparse.ArgumentParser(
        prog="scripts/benchreport.py net",
        description="The network comparison: rumpxen's examples/httpd vs "
        "a Linux DomU, from the netclient lines in dom0.log; kept as "
        "KEEP/net-latest.json, net-history.jsonl, net-latest.md.")
    p.add_argument("--dom0-log", required=True, help="xenrun's dom0.log")
    p.add_argument("--keep", required=True, help="build/bench")
    a = p.parse_args(argv)
    try:
        with open(a.dom0_log, errors="replace") as f:
            parsed = parse_net(f.read())
    except OSError as e:
        print("benchreport: %s" % e)
        return 1
    result = net_collect(parsed)
    run = new_run(result)
    lines = net_table(result)
    print("\n".join(lines))
    n = keep_run(a.keep, "net-", run, lines,
                 "network: rumpxen examples/httpd vs a Linux DomU")
    print("benchreport: kept in %s (net-latest.json, net-history.jsonl: "
          "%d runs, net-latest.md)" % (a.keep, n))
    missing = [m for t in result for m, row in result[t].items()
               if row["ratio"] is None]
    return 1 if missing else 0


# What `publish` copies: the tables, the histories and the plots.
PUBLISHED = ("latest.md", "history.jsonl", "net-latest.md",
             "net-history.jsonl")


def publish_main(argv):
    p = argparse.ArgumentParser(
        prog="scripts/benchreport.py publish",
        description="Copies the kept results (tables, histories, plots) "
        "from KEEP to TO, the folder the README shows (docs/bench).")
    p.add_argument("--keep", required=True, help="build/bench")
    p.add_argument("--to", required=True, help="docs/bench")
    a = p.parse_args(argv)
    names = [n for n in PUBLISHED if os.path.exists(os.path.join(a.keep, n))]
    names += sorted(n for n in os.listdir(a.keep) if n.startswith("ratio-")
                    and n.endswith(".png")) if os.path.isdir(a.keep) else []
    if "latest.md" not in names:
        print("benchreport: %s holds no results: run make bench first"
              % a.keep)
        return 1
    os.makedirs(a.to, exist_ok=True)
    for n in names:
        shutil.copyfile(os.path.join(a.keep, n), os.path.join(a.to, n))
    print("benchreport: %d files copied to %s" % (len(names), a.to))
    return 0


def main(argv):
    if argv[:1] == ["net"]:
        return net_main(argv[1:])
    if argv[:1] == ["publish"]:
        return publish_main(argv[1:])
    p = argparse.ArgumentParser(prog="scripts/benchreport.py",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="the xenrun --out folder")
    p.add_argument("--keep", required=True,
                   help="where results are kept (build/bench)")
    p.add_argument("--rumpxen-pv", nargs="+", required=True,
                   metavar="NAME", help="guest names (their NAME.log)")
    p.add_argument("--rumpxen-pvh", nargs="+", required=True, metavar="NAME")
    p.add_argument("--hosted-pv", nargs="+", required=True, metavar="NAME")
    p.add_argument("--hosted-pvh", nargs="+", required=True, metavar="NAME")
    a = p.parse_args(argv)
    result = collect(a.out, {"pv": a.rumpxen_pv, "pvh": a.rumpxen_pvh},
                     {"pv": a.hosted_pv, "pvh": a.hosted_pvh})
    run = new_run(result)
    lines = table(result)
    print("\n".join(lines))
    keep_run(a.keep, "", run, lines, "rumpxen vs the hosted rump kernel")
    history = []
    with open(os.path.join(a.keep, "history.jsonl")) as f:
        for line in f:
            try:
                history.append(json.loads(line))
            except ValueError:
                pass
    made = plot(a.keep, history)
    print("benchreport: kept in %s (latest.json, history.jsonl: %d runs, "
          "latest.md, %d plots)" % (a.keep, len(history), len(made)))
    missing = [m for t in result for m, row in result[t].items()
               if row["ratio"] is None]
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
