#!/usr/bin/env bash
# kommunlots vs zen-engine vs json-rules-engine on the Klippan rule set, in
# one run: build (release), generate the peers' tables from the rule set,
# route the same corpus through all three, check that they agree on the
# department of every enquiry, print the table.
#
# Usage: benches/peers/run.sh [seconds of timed passes per engine, default 3]
# Needs cargo, node (≥ 18) and npm. Exit status 1 when the engines disagree.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-3}"
cd "$here"

start=$(date +%s)
cargo build --release --locked
echo "cargo build --release: $(( $(date +%s) - start )) s"
if [ ! -d node/node_modules/json-rules-engine ]; then
  (cd node && npm ci --no-audit --no-fund)
fi

out="$here/target/peers"
bin="$here/target/release/peer-bench"
"$bin" generate "$root/rules/klippan" "$out"
"$bin" bench "$root/rules/klippan" "$out" "$here/node" "$seconds"
