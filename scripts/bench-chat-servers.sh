#!/usr/bin/env bash
# The chat benchmark with one client for both sides: this tree's `parley bench chat` against another
# built tree's server (BEFORE, say a checkout of 5bcb234 built with ./parley build) and against this
# tree's, each server started afresh for each run (-Xmx256m, the plugins the before tree had: tcp,
# rooms-api, rooms, vote, p2p, files), alternated, the first of each round taking turns (a run right
# after another was measured faster or slower than a first run). So the two runs differ by the server
# only, not by the benchmark's clients. Prints each run's delivery rate and the server's CPU (its start
# included), then each server's median, min and max.
# usage: scripts/bench-chat-servers.sh BEFORE_TREE [ROUNDS]
set -euo pipefail
before="$(cd "${1:?usage: $0 BEFORE_TREE [ROUNDS] (a tree built with ./parley build)}" && pwd)"
rounds="${2:-5}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
for tree in before here; do
  mkdir -p "$work/$tree"
  dir=$([ "$tree" = before ] && echo "$before" || echo "$here")
  for j in parley-transport-tcp parley-rooms-api parley-feature-rooms parley-feature-vote parley-transport-p2p parley-feature-files; do
    if [ -f "$dir/plugins/$j.jar" ]; then cp "$dir/plugins/$j.jar" "$work/$tree/"; fi
  done
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
run() { # label tree-dir plugins
  local port log rate cpu
  port=$(free_port)
  log="$work/server.log"
  mkdir -p "$work/data"
  (cd "$2" && PARLEY_JAVA_OPTS="-Xmx256m" exec ./parley server --host 127.0.0.1 --port "$port" \
      --plugins "$3" --set data-dir="$work/data" > "$log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 600); do grep -q 'listening on' "$log" 2>/dev/null && break; sleep 0.1; done
  grep -q 'listening on' "$log" || { echo "$1: the server did not start; its log:" >&2; cat "$log" >&2; exit 1; }
  rate=$(cd "$here" && ./parley bench chat --port "$port" 2>&1 | grep -i 'delivery rate' | head -1 | awk '{print $3}' || true)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$server_pid/stat") # user + system, ms
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  rm -rf "$work/data"
  echo "$1: ${rate:-failed} msgs/s, server CPU ${cpu} ms (start included)"
  echo "${rate:-0} $cpu" >> "$work/$4.runs"
}
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then
    run "round $round before" "$before" "$work/before" before
    run "round $round this tree" "$here" "$work/here" here
  else
    run "round $round this tree" "$here" "$work/here" here
    run "round $round before" "$before" "$work/before" before
  fi
done
summary() { # label file: median (min-max) of the rates, median CPU
  local rates cpu
  rates=$(awk '{print $1}' "$2" | sort -n | awk '{r[NR]=$1} END {printf "median %.0f msgs/s (%.0f-%.0f)", r[int((NR+1)/2)], r[1], r[NR]}')
  cpu=$(awk '{print $2}' "$2" | sort -n | awk '{c[NR]=$1} END {print c[int((NR+1)/2)]}')
  echo "$1: $rates, server CPU median $cpu ms"
}
summary before "$work/before.runs"
summary "this tree" "$work/here.runs"
