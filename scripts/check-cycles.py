#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Finds circles between source files: A uses a symbol B defines, and B,
directly or through others, uses one A defines. Built from what each object
defines and uses (nm), since a private header hides calls from an include
graph. A C file and an assembly file of the same name (traps.c, traps.S)
are one subsystem. Prints each circle with the symbols that close it;
exits 1 if any."""
import re
import subprocess
import sys


def symbols(obj):
    """(defined, used) global symbol sets of one object file."""
    out = subprocess.run(["nm", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            used.add(parts[1])
        elif len(parts) == 3 and parts[1].isupper() and parts[1] != "U":
            defined.add(parts[2])
    return defined, used


def unit(obj):
    """The subsystem of an object: its source path without the extension."""
    return re.sub(r"\.[cS]\.o$|\.o$", "", re.sub(r"^.*?/obj/", "", obj))


def graph(objs):
    """Edges a -> b with the symbols of b that a uses."""
    defs, uses = {}, {}
    for o in objs:
        d, u = symbols(o)
        defs.setdefault(unit(o), set()).update(d)
        uses.setdefault(unit(o), set()).update(u)
    objs = sorted(defs)
    owner = {}
    for o in objs:
        for s in defs[o]:
            owner.setdefault(s, o)
    edges = {o: {} for o in objs}
    for o in objs:
        for s in uses[o]:
            b = owner.get(s)
            if b is not None and b != o:
                edges[o].setdefault(b, set()).add(s)
    return edges


def circles(edges):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main(argv):
    if not argv:
        print("usage: check-cycles.py OBJECT...", file=sys.stderr)
        return 2
    edges = graph(argv)
    found = circles(edges)
    for comp in found:
        print("layering: circle between %d files:" % len(comp))
        members = set(comp)
        for a in comp:
            for b in sorted(edges[a]):
                if b in members:
                    syms = sorted(edges[a][b])
                    more = " ..." if len(syms) > 3 else ""
                    print("  %s -> %s (%s%s)"
                          % (a, b, ", ".join(syms[:3]), more))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
