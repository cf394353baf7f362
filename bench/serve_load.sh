#!/usr/bin/env bash
# Load on `osprey serve` over a synthetic store, with wrk (Debian's package):
# the story list, a search, an entity page and TAXII object pages of 1,000
# objects, each with 64 concurrent connections; then a mixed load for
# MEMORY_SECONDS while the server's resident memory is sampled.
#
#   bench/serve_load.sh [ARTICLES=100000] [SECONDS_PER_ENDPOINT=20] [MEMORY_SECONDS=120]
#
# The store is built once by build/release/bench/osprey_store_gen into
# /tmp/osprey-bench/serve-ARTICLES.db and reused. Prints wrk's latency
# distribution per endpoint and the RSS samples.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-100000}
SECONDS_PER_ENDPOINT=${2:-20}
MEMORY_SECONDS=${3:-120}
OSPREY=build/release/osprey
GEN=build/release/bench/osprey_store_gen

if ! command -v wrk >/dev/null; then
  echo "serve_load: SKIPPED: wrk is not installed (apt-get install wrk)"
  exit 0
fi
[ -x "$OSPREY" ] && [ -x "$GEN" ] || { echo "serve_load: build first (scripts/setup)" >&2; exit 1; }

mkdir -p /tmp/osprey-bench
DB=/tmp/osprey-bench/serve-$ARTICLES.db
"$GEN" "$DB" "$ARTICLES"
TOKEN=$("$OSPREY" token create --db "$DB" --role reader --name load-bench | tail -n 1)
PORT=$((20000 + RANDOM % 20000))
"$OSPREY" serve --db "$DB" --listen "127.0.0.1:$PORT" --no-poll >/tmp/osprey-bench/serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break
  sleep 0.1
done

BASE="http://127.0.0.1:$PORT"
AUTH="Authorization: Bearer $TOKEN"
TAXII="Accept: application/taxii+json;version=2.1"
# Anonymous memory: the store's pages mapped by each connection count in VmRSS
# once per mapping and are the kernel's page cache, not the server's heap.
rss() { awk '/RssAnon/ {print $2 " kB anonymous"}' "/proc/$SERVER/status"; }

# An entity the store names, for its page.
ENTITY=$(curl -fs -H "$AUTH" "$BASE/api/v1/entities?since=2000-01-01&type=intrusion-set&limit=1" |
  python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["entities"][0]["name"]))')

run() {  # NAME PATH [HEADER]
  echo "== $1: $2"
  local extra=()
  [ $# -ge 3 ] && extra=(-H "$3")
  wrk -t2 -c64 -d"${SECONDS_PER_ENDPOINT}s" --timeout 10s --latency -H "$AUTH" "${extra[@]}" "$BASE$2" |
    grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx|Socket errors"
}

echo "store: $ARTICLES articles; server RSS at start: $(rss)"
# Warm-up, not measured: the first requests open a store connection per
# request thread.
wrk -t2 -c64 -d5s --timeout 10s -H "$AUTH" "$BASE/api/v1/stories?limit=20" >/dev/null
run "story list" "/api/v1/stories?limit=50"
run "story list, last 30 days" "/api/v1/stories?limit=50&since=30d"
run "entities seen lately" "/api/v1/entities?limit=50"
run "search" "/api/v1/search?q=ransomware%20hospitals&limit=50"
run "search with a filter" "/api/v1/search?q=cve:CVE-2024-10042&limit=50"
run "entity" "/api/v1/entities/$ENTITY?limit=20"
# The first TAXII request exports the collection (kept until the store changes).
echo "== TAXII: first export of the collection: $(curl -fs -o /dev/null -w '%{time_total}' \
  -H "$AUTH" -H "$TAXII" "$BASE/taxii2/api/collections/all/objects/?limit=1000") s"
run "TAXII objects, 1000 per page" "/taxii2/api/collections/all/objects/?limit=1000" "$TAXII"
echo "server RSS after the endpoint runs: $(rss)"

echo "== memory under a mixed load for ${MEMORY_SECONDS}s"
cat >/tmp/osprey-bench/mixed.lua <<'LUA'
local paths = {"/api/v1/stories?limit=50", "/api/v1/search?q=ransomware&limit=50",
               "/api/v1/entities?limit=50", "/api/v1/indicators?limit=50"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
wrk -t2 -c64 -d"${MEMORY_SECONDS}s" --timeout 10s -H "$AUTH" -s /tmp/osprey-bench/mixed.lua "$BASE" >/tmp/osprey-bench/mixed.out &
LOAD=$!
for step in $(seq 1 6); do
  sleep $((MEMORY_SECONDS / 6))
  echo "  after $((step * MEMORY_SECONDS / 6))s: $(rss)"
done
wait $LOAD
grep -E "Requests/sec|Non-2xx|Socket errors" /tmp/osprey-bench/mixed.out || true
