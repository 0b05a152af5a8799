#!/usr/bin/env bash
# Runs Tsung 1.7.0 (messenger.xml) against a node on 127.0.0.1:PORT for a bounded time and makes
# the HTML report with tsung_stats.pl. Make the users first with prepare.sh (same PORT).
#
# usage: run.sh PORT [SENDS=60] [THINK_SECONDS=1] [OUTDIR]
#   SENDS          `send` frames per sender (one sender per pair in tokens.csv)
#   THINK_SECONDS  pause after each `sent` before the next `send`: one sender sends about
#                  1 / (THINK + latency) messages per second, all senders PAIRS times that
#   OUTDIR         where the log and report go (default /tmp/tsung-messenger-<UTC time>)
# env: TOKENS (default tokens.csv next to this script), ARRIVAL_PER_SECOND (default 100)
#
# Prints the report path and a summary (transactions, matches, errors) from tsung's data.
set -euo pipefail

PORT=${1:?usage: run.sh PORT [SENDS] [THINK_SECONDS] [OUTDIR]}
SENDS=${2:-60}
THINK=${3:-1}
OUT=${4:-/tmp/tsung-messenger-$(date -u +%Y%m%dT%H%M%S)}
DIR=$(cd "$(dirname "$0")" && pwd)
TOKENS=$(realpath "${TOKENS:-$DIR/tokens.csv}")
ARRIVAL=${ARRIVAL_PER_SECOND:-100}
STATS=/usr/lib/x86_64-linux-gnu/tsung/bin/tsung_stats.pl

case "$PORT$SENDS$ARRIVAL" in *[!0-9]*) echo "PORT, SENDS, ARRIVAL_PER_SECOND are integers" >&2; exit 2 ;; esac
[[ "$THINK" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "THINK_SECONDS is a number" >&2; exit 2; }
[ -s "$TOKENS" ] || { echo "no $TOKENS: run prepare.sh $PORT first" >&2; exit 2; }
[ "$SENDS" -ge 1 ] && [ "$SENDS" -le 10000 ] || { echo "SENDS must be 1-10000" >&2; exit 2; }
[ "$ARRIVAL" -ge 1 ] || { echo "ARRIVAL_PER_SECOND must be >= 1" >&2; exit 2; }

USERS=$(wc -l <"$TOKENS")
PAIRS=$((USERS / 2))
# Arrivals take USERS / ARRIVAL s; the senders then need SENDS x (THINK + latency) s.
ARRIVAL_SECONDS=$(((USERS + ARRIVAL - 1) / ARRIVAL + 1))
SEND_SECONDS=$(awk -v s="$SENDS" -v t="$THINK" 'BEGIN { printf "%d", s * (t + 0.05) + 1 }')
# Receivers ping every 10 s and outlive the last sender by 10-20 s.
RECEIVER_LOOPS=$(((ARRIVAL_SECONDS + SEND_SECONDS) / 10 + 2))
# Hard cap: everything above, twice, plus a minute; tsung stops the test there.
CAP=$((2 * (ARRIVAL_SECONDS + SEND_SECONDS + RECEIVER_LOOPS * 10) + 60))

mkdir -p "$OUT"
CONF="$OUT/messenger.xml"
sed -e "s|port=\"8080\"|port=\"$PORT\"|" \
  -e "s|<load duration=\"180\"|<load duration=\"$CAP\"|" \
  -e "s|phase=\"1\" duration=\"20\"|phase=\"1\" duration=\"$ARRIVAL_SECONDS\"|" \
  -e "s|maxnumber=\"200\" arrivalrate=\"50\"|maxnumber=\"$USERS\" arrivalrate=\"$ARRIVAL\"|" \
  -e "s|value=\"tokens.csv\"|value=\"$TOKENS\"|" \
  -e "s|<for from=\"1\" to=\"60\" incr=\"1\" var=\"i\">|<for from=\"1\" to=\"$SENDS\" incr=\"1\" var=\"i\">|" \
  -e "s|<thinktime value=\"1\" random=\"false\"/>|<thinktime value=\"$THINK\" random=\"false\"/>|" \
  -e "s|<for from=\"1\" to=\"9\" incr=\"1\" var=\"k\">|<for from=\"1\" to=\"$RECEIVER_LOOPS\" incr=\"1\" var=\"k\">|" \
  "$DIR/messenger.xml" >"$CONF"
grep -q "port=\"$PORT\"" "$CONF" && grep -q "to=\"$SENDS\" incr=\"1\" var=\"i\"" "$CONF" \
  || { echo "run.sh: messenger.xml no longer has the values run.sh rewrites" >&2; exit 1; }

echo "tsung: $PAIRS pairs ($USERS users), $SENDS sends per sender, think $THINK s," \
  "arrival $ARRIVAL/s, cap $CAP s, against 127.0.0.1:$PORT -> $OUT" >&2
ulimit -n 65536 2>/dev/null || ulimit -n 20000 2>/dev/null || true
date -u >"$OUT/start.txt"
cat /proc/loadavg >>"$OUT/start.txt"
# -l: log dir (tsung adds a dated subdirectory); -k would keep it running: not used, so it exits.
timeout $((CAP + 120)) tsung -f "$CONF" -l "$OUT/log" start >"$OUT/tsung.out" 2>&1 || {
  echo "tsung failed (exit $?); see $OUT/tsung.out" >&2
  cat "$OUT/tsung.out" >&2
  exit 1
}
date -u >"$OUT/end.txt"
RUN=$(ls -d "$OUT"/log/*/ | tail -1)
(cd "$RUN" && perl "$STATS" >stats.out 2>&1) || echo "tsung_stats.pl failed: see $RUN/stats.out" >&2
echo "report: $RUN/report.html" >&2

# Summary from tsung.log (the figures of the report): per timer its count, mean, the highest
# 10 s mean and max in ms, and its highest rate over one 10 s interval; then the counters.
python3 - "$RUN/tsung.log" <<'EOF'
import sys
timers, counters, peak, rate = {}, {}, {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 2 or f[0] != "stats:" or f[1].startswith("{"):
        continue
    try:
        v = [float(x) for x in f[2:]]
    except ValueError:
        continue
    if len(v) == 7:  # name count mean stddev max min mean_total count_total (per 10 s interval)
        timers[f[1]] = dict(count=int(v[6]), mean=v[5], max=v[3])
        if v[0] > 0:
            peak[f[1]] = max(peak.get(f[1], 0.0), v[1])
            rate[f[1]] = max(rate.get(f[1], 0.0), v[0] / 10.0)
    elif len(v) == 2:  # name count_interval count_total
        counters[f[1]] = int(v[1])
for n in sorted(timers):
    t = timers[n]
    print(f"{n:12} count {t['count']:>8}  mean {t['mean']:8.2f} ms  highest 10s mean "
          f"{peak.get(n, 0.0):8.2f} ms  max {t['max']:9.2f} ms  highest {rate.get(n, 0.0):7.1f}/s")
print("  ".join(f"{n}={c}" for n, c in sorted(counters.items())))
EOF
