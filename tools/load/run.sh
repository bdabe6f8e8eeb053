#!/usr/bin/env bash
# Load figures for the README: authenticated reads and durable ledger writes per second,
# measured with wrk (Debian package `wrk`) from a second process against a release build.
#
#   tools/load/run.sh [DATABASE_URL] [SECONDS] [CONNECTIONS (reads; writes use half)]
#
# Default database: a fresh SQLite file in /tmp. For PostgreSQL pass a URL of an empty
# database, e.g. postgres://postgres@127.0.0.1:5432/equidose_load (created if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
database=${1:-sqlite:///tmp/equidose-load.db}
seconds=${2:-20}
connections=${3:-32}
address=127.0.0.1:8095
base=http://$address/api/v1
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)"; exit 1; }
cargo build --release -q -p equidose
binary=target/release/equidose

case "$database" in
    sqlite://*) rm -f "${database#sqlite://}" "${database#sqlite://}"-wal "${database#sqlite://}"-shm ;;
    postgres://*)
        name=${database##*/}; admin=${database%/*}/postgres
        psql "$admin" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" ;;
esac

log=$(mktemp)
RUST_LOG=warn "$binary" --database "$database" serve --demo --addr "$address" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q "Demo sign-in" "$log" 2>/dev/null && sleep 0.5 && break; sleep 0.2; done
password=$(grep "official@astrazeneca.example" "$log" | awk '{print $NF}')
token=$(curl -sf -X POST "$base/tokens" -H 'content-type: application/json' \
    -d "{\"email\":\"official@astrazeneca.example\",\"password\":\"$password\",\"name\":\"load\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
lot=$(curl -sf -X POST "$base/lots" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d '{"product":"AZD1222","lot_number":"LOAD1","expiry":"2030-12-31","doses":1000000000}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
export EQUIDOSE_TOKEN=$token EQUIDOSE_LOT=$lot

echo "== authenticated reads: GET /api/v1/lots/$lot (token check, visibility, lot, balances)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s tools/load/read.lua "$base/lots/$lot" | grep -E "Requests/sec|Non-2xx|50%|99%|requests in"
echo "== durable ledger writes: POST /api/v1/movements (reserve 1 dose; one committed transaction each)"
wrk -t2 -c"$((connections / 2))" -d"${seconds}s" --latency -s tools/load/write.lua "$base/movements" | grep -E "Requests/sec|Non-2xx|50%|99%|requests in"
kill $server; wait $server 2>/dev/null || true
"$binary" --database "$database" verify
