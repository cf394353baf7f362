#!/usr/bin/env bash
# Scores `osprey article` on the WCXB dev split with the benchmark's word-F1.
#
#   bench/wcxb_eval.sh [OSPREY_BINARY]
#
# Data: $OSPREY_EXTRACT_DEV (default /work/shared/data/extract-dev), scorer:
# $OSPREY_WCXB_SCORER (default /work/shared/tools/score_wcxb.py). Prints
# SKIPPED and exits 0 when either is absent. Writes the predictions to
# $OSPREY_WCXB_PRED (default a temporary file) and prints the score table.
set -euo pipefail
osprey=${1:-${OSPREY:-$(dirname "$0")/../build/release/osprey}}
[[ -x "$osprey" ]] || osprey=$(dirname "$0")/../build/rel/osprey
data=${OSPREY_EXTRACT_DEV:-/work/shared/data/extract-dev}
scorer=${OSPREY_WCXB_SCORER:-/work/shared/tools/score_wcxb.py}
if [[ ! -d "$data/wcxb-dev/html" || ! -f "$scorer" ]]; then
  echo "SKIPPED: no WCXB data at $data/wcxb-dev or no scorer at $scorer"
  exit 0
fi
work=$(mktemp -d /tmp/osprey-wcxb.XXXXXX)
trap 'rm -rf "$work"' EXIT
for f in "$data"/wcxb-dev/html/*.html.gz; do
  id=$(basename "$f" .html.gz)
  gzip -dc "$f" >"$work/$id.html"
done
start=$(date +%s.%N)
"$osprey" article --format json "$work"/*.html >"$work/out.json" || true
end=$(date +%s.%N)
pages=$(ls "$work"/*.html | wc -l)
pred=${OSPREY_WCXB_PRED:-$work/pred.json}
python3 - "$work/out.json" "$pred" <<'PY'
import json, os, sys
articles = json.load(open(sys.argv[1], encoding="utf-8"))
if isinstance(articles, dict):
    articles = [articles]
pred = {os.path.basename(a["source"]).split(".")[0]: a["text"] for a in articles}
json.dump(pred, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); print(f'osprey article: {int(sys.argv[3])} pages in {t:.2f} s ({int(sys.argv[3])/t:.0f} pages/s, whole process incl. JSON output)')" "$start" "$end" "$pages"
python3 "$scorer" "$data" wcxb-dev "$pred"
