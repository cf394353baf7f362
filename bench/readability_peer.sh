#!/usr/bin/env bash
# Speed of `osprey article` against Mozilla Readability (jsdom) on the same
# pages in the same run, on one core each.
#
#   bench/readability_peer.sh [OSPREY_BINARY] [PAGES]
#
# Pages: the first PAGES (default 150) WCXB dev pages under $OSPREY_EXTRACT_DEV
# (default /work/shared/data/extract-dev). Installs @mozilla/readability and
# jsdom with npm into $PEER_DIR (default /tmp/osprey-readability-peer).
# Prints SKIPPED when the data is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
osprey=${1:-${OSPREY:-$here/../build/release/osprey}}
[[ -x "$osprey" ]] || osprey=$here/../build/rel/osprey
count=${2:-150}
data=${OSPREY_EXTRACT_DEV:-/work/shared/data/extract-dev}
export PEER_DIR=${PEER_DIR:-/tmp/osprey-readability-peer}
if [[ ! -d "$data/wcxb-dev/html" ]]; then
  echo "SKIPPED: no WCXB data at $data/wcxb-dev"
  exit 0
fi
if [[ ! -d "$PEER_DIR/node_modules/@mozilla/readability" || ! -d "$PEER_DIR/node_modules/jsdom" ]]; then
  mkdir -p "$PEER_DIR"
  (cd "$PEER_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund @mozilla/readability jsdom >/dev/null)
fi
work=$(mktemp -d /tmp/osprey-peer.XXXXXX)
trap 'rm -rf "$work"' EXIT
for f in $(ls "$data"/wcxb-dev/html/*.html.gz | head -n "$count"); do
  gzip -dc "$f" >"$work/$(basename "$f" .gz)"
done
pages=$(ls "$work"/*.html | wc -l)
mb=$(du -cb "$work"/*.html | tail -1 | awk '{printf "%.1f", $1/1e6}')
echo "pages: $pages ($mb MB)"
# CPU seconds (user + system), not wall time: the machine may be shared.
# osprey: best of three runs of one process over all pages, pinned to one core.
best=""
for _ in 1 2 3; do
  /usr/bin/time -o "$work/time" -f "%U %S" taskset -c 0 "$osprey" article --format json \
    "$work"/*.html >/dev/null 2>&1 || true
  t=$(awk '{print $1 + $2}' "$work/time")
  if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
done
osprey_rate=$(echo "$pages / $best" | bc -l)
printf 'osprey: %d pages, CPU %.2f s = %.1f pages/s (%.1f MB/s), whole process incl. file reading and JSON output\n' \
  "$pages" "$best" "$osprey_rate" "$(echo "$mb / $best" | bc -l)"
peer=$(taskset -c 0 node "$here/readability_peer.mjs" "$work"/*.html 2>/dev/null | grep '^readability:')
echo "$peer"
peer_rate=$(echo "$peer" | sed -n 's/.*= \([0-9.]*\) pages\/s.*/\1/p')
printf 'ratio: osprey is %.1fx Readability\n' "$(echo "$osprey_rate / $peer_rate" | bc -l)"
