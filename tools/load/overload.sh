#!/usr/bin/env bash
# Overload and contention, measured from a second process with the open-loop generator of
# crates/equidose/examples/load.rs (a fixed rate, so a slow server cannot slow the load down;
# latency from when each request was due, by status): authenticated reads at a set rate,
# sign-ins (argon2id) beside reads, round computations beside reads, and reads at twice the
# rate the server can serve, where the excess must be shed with 503 while the admitted
# requests stay fast. A release `serve --demo` on SQLite; `equidose verify` after.
#
#   tools/load/overload.sh [SECONDS]           # each scenario runs SECONDS (default 10)
#   READ_RATE=2000 OVERLOAD_RATE=8500 SIGN_IN_RATE=40 tools/load/overload.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
read_rate="${READ_RATE:-2000}"
sign_in_rate="${SIGN_IN_RATE:-40}"
overload="${OVERLOAD_RATE:-8500}"
cargo build --release -q -p equidose --bin equidose --example load
scratch="$(mktemp -d)"
address=127.0.0.1:8096
base="http://$address"
RUST_LOG=error target/release/equidose --database "sqlite://$scratch/load.db" serve --demo --addr "$address" \
    >"$scratch/serve.out" 2>"$scratch/serve.err" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 1 120); do grep -q "The platform's day" "$scratch/serve.out" 2>/dev/null && break; sleep 0.5; done
password() { awk -v email="$1" '$1 == email { print $4 }' "$scratch/serve.out"; }
token() {
    curl -sf -X POST "$base/api/v1/tokens" -H 'content-type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"$(password "$1")\",\"name\":\"load\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
maker="$(token official@astrazeneca.example)"
covax="$(token official@covax.example)"
# The demo's draft round: Malawi's doses at risk, proposed to COVAX.
round="${ROUND:-2}"
load() { target/release/examples/load "$@"; }
reads() { load "$base/api/v1/shipments" --token "$maker" --seconds "$seconds" "$@"; }
echo "server pid $server on $(nproc) cores; each scenario ${seconds} s"
if [ -n "${ONLY_OVERLOAD:-}" ]; then
    reads --rate "$overload" --label "overload: reads offered at ${overload}/s"
    exit 0
fi

reads --rate "$read_rate" --label "reads (GET /api/v1/shipments) at ${read_rate}/s"

load "$base/api/v1/session" --method POST --seconds "$seconds" --rate "$sign_in_rate" \
    --body "{\"email\":\"official@who.example\",\"password\":\"$(password official@who.example)\"}" \
    --label "sign-ins at ${sign_in_rate}/s" &
signing=$!
reads --rate "$read_rate" --label "reads at ${read_rate}/s beside the sign-ins"
wait $signing

end=$(( $(date +%s) + seconds ))
( count=0
  while [ "$(date +%s)" -lt "$end" ]; do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "$base/api/v1/rounds/$round/compute" \
        -H "authorization: Bearer $covax" >>"$scratch/computed"
  done ) &
computing=$!
reads --rate "$read_rate" --label "reads at ${read_rate}/s beside round computations"
wait $computing
echo "round $round computed $(grep -c '^200' "$scratch/computed" || true) times (other answers: $(grep -vc '^200' "$scratch/computed" || true))"

reads --rate "$overload" --label "overload: reads offered at ${overload}/s"
kill $server; wait $server 2>/dev/null || true
target/release/equidose --database "sqlite://$scratch/load.db" verify
