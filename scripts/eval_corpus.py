#!/usr/bin/env python3
"""Precision and recall of `osprey extract` on the hand-written corpus.

usage: scripts/eval_corpus.py [--osprey PATH] [--corpus DIR] [-v]
Compares (type, value) pairs with each .expected.json; `absent` values must
not be reported as any type. Prints misses (-v) and the totals per type.
"""
import argparse, json, pathlib, subprocess, sys
from collections import Counter

root = pathlib.Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--osprey", default=str(root / "build/release/osprey"))
ap.add_argument("--corpus", default=str(root / "tests/fixtures/corpus"))
ap.add_argument("-v", "--verbose", action="store_true")
args = ap.parse_args()

tp, fp, fn = Counter(), Counter(), Counter()
absent_hits = 0
for txt in sorted(pathlib.Path(args.corpus).glob("*.txt")):
    expected = json.loads(txt.with_suffix(".expected.json").read_text())
    out = subprocess.run([args.osprey, "extract", "--format", "json", str(txt)],
                         capture_output=True, text=True, check=True)
    got = {(o["type"], o["value"]) for o in json.loads(out.stdout)["observables"]}
    want = {(o["type"], o["value"]) for o in expected["observables"]}
    for t, v in got & want: tp[t] += 1
    for t, v in got - want:
        fp[t] += 1
        if args.verbose: print(f"{txt.name}: extra   {t} {v}")
    for t, v in want - got:
        fn[t] += 1
        if args.verbose: print(f"{txt.name}: missing {t} {v}")
    values = {v for _, v in got}
    for a in expected.get("absent", []):
        if a in values:
            absent_hits += 1
            if args.verbose: print(f"{txt.name}: trap reported: {a}")

def pr(t, f, n):
    p = t / (t + f) if t + f else 1.0
    r = t / (t + n) if t + n else 1.0
    return p, r
print(f"{'type':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}")
for t in sorted(set(tp) | set(fp) | set(fn)):
    p, r = pr(tp[t], fp[t], fn[t])
    print(f"{t:<18}{tp[t]:>5}{fp[t]:>5}{fn[t]:>5}{p:>8.3f}{r:>8.3f}")
T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
p, r = pr(T, F, N)
print(f"{'ALL':<18}{T:>5}{F:>5}{N:>5}{p:>8.3f}{r:>8.3f}   traps reported: {absent_hits}")
