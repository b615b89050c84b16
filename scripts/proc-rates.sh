#!/usr/bin/env bash
# What the servers and the load generator do per second while a benchmark runs: for each java and
# redis-server process, its CPU (user and system, in % of one core), its read and write calls a second
# (/proc/PID/io: syscr, syscw), and its busiest threads with their CPU and context switches a second
# (voluntary: the thread waited; involuntary: it was preempted). Start it during a measured part, e.g.
# ~10 s into `./parley bench compare --targets redis,parley --scenarios latency --rounds 1 --measure 14000`.
# usage: scripts/proc-rates.sh [SECONDS] (default 4)
set -euo pipefail
window="${1:-4}"
[[ "$window" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [SECONDS], a whole number of seconds" >&2; exit 2; }
pids="$(pidof java redis-server || true)"
[ -n "$pids" ] || { echo "$0: no java or redis-server process is running" >&2; exit 1; }
hz="$(getconf CLK_TCK)"

snapshot() { # one line per process and per thread: KIND-ID utime stime syscr syscw voluntary involuntary
  for p in $pids; do
    local st io
    st="$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null)" || continue
    io="$(awk '/^syscr/{r=$2} /^syscw/{w=$2} END{print r+0, w+0}' "/proc/$p/io" 2>/dev/null)" || io="0 0"
    echo "P-$p $(echo "$st" | awk '{print $12, $13}') $io 0 0"
    for t in /proc/"$p"/task/*; do
      local tst cs
      tst="$(sed 's/.*) //' "$t/stat" 2>/dev/null)" || continue
      cs="$(awk '/^voluntary_ctxt/{v=$2} /^nonvoluntary_ctxt/{n=$2} END{print v+0, n+0}' "$t/status" 2>/dev/null)" || continue
      echo "T-$p/${t##*/} $(echo "$tst" | awk '{print $12, $13}') 0 0 $cs"
    done
  done | sort -k1,1
}

before="$(snapshot)"
sleep "$window"
after="$(snapshot)"

# joined: KIND-ID, then utime stime syscr syscw voluntary involuntary before ($2-$7) and after ($8-$13)
join <(echo "$before") <(echo "$after") |
  awk -v w="$window" -v hz="$hz" '
    { kind = substr($1, 1, 1); id = substr($1, 3)
      user = ($8 - $2) * 100 / hz / w; sys = ($9 - $3) * 100 / hz / w
      if (kind == "P") printf "P %s user %d%% sys %d%% reads/s %d writes/s %d\n", id, user, sys, ($10 - $4) / w, ($11 - $5) / w
      else if (user + sys >= 1 || ($12 - $6 + $13 - $7) / w >= 100)
        printf "T %s cpu %d%% voluntary/s %d involuntary/s %d\n", id, user + sys, ($12 - $6) / w, ($13 - $7) / w }' |
  sort -k1,1 -k2,2 |
  while read -r kind id rest; do
    if [ "$kind" = P ]; then
      echo "$id $(tr '\0' ' ' < "/proc/$id/cmdline" 2>/dev/null | cut -c1-60): $rest"
    else
      echo "  thread ${id#*/} ($(cat "/proc/${id%/*}/task/${id#*/}/comm" 2>/dev/null || echo gone)) of ${id%/*}: $rest"
    fi
  done
