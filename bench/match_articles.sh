#!/usr/bin/env bash
# Entity recognition speed on real article text: the main text of WCXB's
# article pages (general news, as written by people, not made up for the
# benchmark), repeated to 32 MiB, matched in 8 KiB pieces by
# BM_MatchEntities.
#
#   bench/match_articles.sh [--runs 3]
#
# Data: $OSPREY_EXTRACT_DEV (default /work/shared/data/extract-dev). Prints
# SKIPPED and exits 0 when it is absent. The corpus is written to the
# scratch folder (${BENCH_SCRATCH:-/tmp/osprey-bench}).
set -euo pipefail
runs=3
[[ "${1:-}" == "--runs" ]] && runs=$2
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${OSPREY_BENCH:-$root/build/release/bench/osprey_bench}
data=${OSPREY_EXTRACT_DEV:-/work/shared/data/extract-dev}
scratch=${BENCH_SCRATCH:-/tmp/osprey-bench}
if [[ ! -d "$data/wcxb-dev/ground-truth" ]]; then
  echo "SKIPPED: no WCXB data at $data/wcxb-dev"
  exit 0
fi
[[ -x "$bench" ]] || { echo "error: $bench is missing (run scripts/setup)" >&2; exit 1; }
mkdir -p "$scratch"
corpus=$scratch/wcxb-articles-32mb.txt
if [[ ! -s "$corpus" ]]; then
  python3 - "$data/wcxb-dev/ground-truth" "$corpus" <<'PY'
import glob, json, os, sys
texts = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    page = json.load(open(path, encoding="utf-8"))
    if page.get("_internal", {}).get("page_type", {}).get("primary") == "article":
        text = page["ground_truth"].get("main_content") or ""
        if text:
            texts.append(text)
one = "\n\n".join(texts).encode("utf-8")
out = bytearray()
while len(out) < 32 << 20:
    out += one + b"\n\n"
open(sys.argv[2], "wb").write(out[: 32 << 20])
print(f"{len(texts)} article pages, {len(one)} bytes, repeated to 32 MiB", file=sys.stderr)
PY
fi
OSPREY_BENCH_CORPUS=$corpus "$bench" --benchmark_filter='^BM_MatchEntities$' \
  --benchmark_repetitions="$runs" --benchmark_report_aggregates_only=true
