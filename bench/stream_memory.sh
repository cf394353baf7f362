#!/usr/bin/env bash
# Streaming check: osprey's peak memory on a multi-GB file vs a 64 MiB file.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/stream_memory.sh [--gb N] [--keep]

Builds an N GiB file (default 2) by repeating a 64 MiB gen_corpus.py corpus,
runs `osprey extract --format ndjson FILE > /dev/null` under /usr/bin/time -v
on the 64 MiB file and on the big file, and reports elapsed time, MB/s and
maximum resident set size. Flat memory means the extractor streams.
  --gb N    size of the big file in GiB (default 2; decimals allowed)
  --keep    keep the big file afterwards (default: delete it)
Environment: OSPREY (default build/release/osprey), BENCH_SCRATCH (default
/tmp/osprey-bench; the files are written there, never into the repository).
EOF
}

GB=2
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --gb) GB="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OSPREY="${OSPREY:-$ROOT/build/release/osprey}"
SCRATCH="${BENCH_SCRATCH:-/tmp/osprey-bench}"
CHUNK="$SCRATCH/corpus-64mb.txt"
BIG="$SCRATCH/stream-${GB}gb.txt"

if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time not found: install GNU time (apt-get install time)." >&2
  exit 1
fi
if [ ! -x "$OSPREY" ]; then
  echo "osprey binary not found at $OSPREY: build it first (scripts/setup), or set OSPREY." >&2
  exit 1
fi

mkdir -p "$SCRATCH"
if [ ! -s "$CHUNK" ]; then
  python3 "$ROOT/bench/gen_corpus.py" --mb 64 -o "$CHUNK.tmp"
  mv "$CHUNK.tmp" "$CHUNK"
fi
COPIES=$(awk -v gb="$GB" 'BEGIN { n = gb * 1024 / 64; print (n == int(n)) ? n : int(n) + 1 }')
WANT=$(( COPIES * $(stat -c %s "$CHUNK") ))
FREE=$(df --output=avail -B1 "$SCRATCH" | tail -n 1)
[ "$KEEP" = 1 ] || trap 'rm -f "$BIG"' EXIT
if [ "$(stat -c %s "$BIG" 2>/dev/null || echo 0)" != "$WANT" ]; then
  if [ "$FREE" -lt "$WANT" ]; then
    echo "not enough space in $SCRATCH: need $WANT bytes, have $FREE." >&2
    exit 1
  fi
  echo "building $BIG from $COPIES copies of $CHUNK ..." >&2
  : >"$BIG"
  for ((i = 0; i < COPIES; i++)); do cat "$CHUNK" >>"$BIG"; done
fi

# measure FILE -> prints "MB seconds MB/s maxrss_MiB"
measure() {
  local tf t0 t1; tf=$(mktemp)
  t0=$(date +%s%N)
  if ! /usr/bin/time -v -o "$tf" "$OSPREY" extract --no-entities --format ndjson "$1" >/dev/null; then
    echo "osprey failed on $1:" >&2; cat "$tf" >&2; rm -f "$tf"; return 1
  fi
  t1=$(date +%s%N)
  awk -v bytes="$(stat -c %s "$1")" -v ns=$((t1 - t0)) -F': ' '
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { mb = bytes / 1048576; s = ns / 1e9
          printf "%.1f %.3f %.1f %.1f\n", mb, s, mb / s, rss }' "$tf"
  rm -f "$tf"
}

echo "running osprey on $CHUNK ..." >&2
small=$(measure "$CHUNK")
echo "running osprey on $BIG ..." >&2
big=$(measure "$BIG")
read -r s_mb s_sec s_rate s_rss <<<"$small"
read -r b_mb b_sec b_rate b_rss <<<"$big"

printf '\n%-10s %10s %10s %10s %14s\n' "file" "MB" "seconds" "MB/s" "max RSS (MiB)"
printf '%-10s %10s %10s %10s %14s\n' "64 MiB" "$s_mb" "$s_sec" "$s_rate" "$s_rss"
printf '%-10s %10s %10s %10s %14s\n' "big" "$b_mb" "$b_sec" "$b_rate" "$b_rss"
awk -v a="$s_rss" -v b="$b_rss" 'BEGIN { printf "\npeak RSS big/small: %.2fx (close to 1 = memory is flat)\n", b / a }'
echo "(MB = MiB; seconds = wall time of the whole process, start-up included; RSS from /usr/bin/time -v)"
if [ "$KEEP" = 1 ]; then echo "kept $BIG"; fi
