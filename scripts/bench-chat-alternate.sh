#!/usr/bin/env bash
# The in-process chat benchmark, alternated over three rounds: another built tree (BEFORE, say a
# checkout of 5bcb234 built with ./parley build), this tree with the plugins that tree had (tcp,
# rooms-api, rooms, vote, p2p, files), and this tree with the same plus the history plugin.
# usage: scripts/bench-chat-alternate.sh BEFORE_TREE [ROUNDS]
set -euo pipefail
before="${1:?usage: $0 BEFORE_TREE [ROUNDS] (a tree built with ./parley build)}"
rounds="${2:-3}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/same" "$work/history"
for j in parley-transport-tcp parley-rooms-api parley-feature-rooms parley-feature-vote parley-transport-p2p parley-feature-files; do
  cp "$here/plugins/$j.jar" "$work/same/"
  cp "$here/plugins/$j.jar" "$work/history/"
done
cp -r "$here/plugins/parley-feature-history" "$work/history/"
run() { # tree label [args]
  local out
  out=$(cd "$1" && ./parley bench chat --server-heap 256m "${@:3}" 2>&1)
  echo "$2: $(echo "$out" | grep -i 'delivery rate' | head -1 | awk '{print $3}') msgs/s," \
    "p50 $(echo "$out" | grep -i 'latency p50' | awk '{print $3}') ms, p99 $(echo "$out" | grep -i 'latency p99' | awk '{print $3}') ms"
}
for round in $(seq 1 "$rounds"); do
  run "$before" "round $round before"
  run "$here" "round $round this tree" --plugins "$work/same"
  run "$here" "round $round this tree + history" --plugins "$work/history"
done
