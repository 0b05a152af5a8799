#!/usr/bin/env bash
# Makes the users tsung plays (messenger.xml): registers 2 x PAIRS users over HTTP on a running
# node on 127.0.0.1:PORT, logs each in (one device), opens one direct conversation per pair and
# writes OUT (default tokens.csv next to this script), two lines per pair:
#   receiver;<token>;<conversationId>
#   sender;<token>;<conversationId>
# The node must run with registration and login rate limits off (--rate-registrations-ip=0
# --rate-logins-ip=0 --rate-logins-user=0): every user comes from the same IP.
#
# usage: prepare.sh PORT [PAIRS=100] [OUT] [PARALLEL=8]
# needs: bash, curl, jq. Only ever talks to 127.0.0.1.
set -euo pipefail

PORT=${1:?usage: prepare.sh PORT [PAIRS] [OUT] [PARALLEL]}
PAIRS=${2:-100}
OUT=${3:-$(cd "$(dirname "$0")" && pwd)/tokens.csv}
PARALLEL=${4:-8}
case "$PORT$PAIRS$PARALLEL" in *[!0-9]*) echo "PORT, PAIRS and PARALLEL are numbers" >&2; exit 2 ;; esac
[ "$PAIRS" -ge 1 ] && [ "$PAIRS" -le 20000 ] || { echo "PAIRS must be 1-20000" >&2; exit 2; }

BASE="http://127.0.0.1:$PORT/api/v1"
# Usernames: 3-32 chars of a-z 0-9 _ . - ; the prefix is unique per run.
PREFIX="ts$(date +%s | tail -c 7)$$"
PASSWORD="tsung-password-1"
export BASE PREFIX PASSWORD

# One pair: register a and b, log both in, open their direct conversation, print two lines.
pair() {
  i=$1
  curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"${PREFIX}_a$i\",\"password\":\"$PASSWORD\"}" "$BASE/users" >/dev/null
  idb=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"${PREFIX}_b$i\",\"password\":\"$PASSWORD\"}" "$BASE/users" | jq -er .id)
  ta=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"${PREFIX}_a$i\",\"password\":\"$PASSWORD\",\"deviceName\":\"tsung\"}" \
    "$BASE/sessions" | jq -er .token)
  tb=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"${PREFIX}_b$i\",\"password\":\"$PASSWORD\",\"deviceName\":\"tsung\"}" \
    "$BASE/sessions" | jq -er .token)
  conv=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $ta" -d "{\"kind\":\"direct\",\"userId\":\"$idb\"}" \
    "$BASE/conversations" | jq -er .id)
  # One write of both lines, so parallel pairs never interleave them.
  printf 'receiver;%s;%s\nsender;%s;%s\n' "$tb" "$conv" "$ta" "$conv"
}
export -f pair

start=$(date +%s)
tmp="$OUT.tmp.$$"
trap 'rm -f "$tmp"' EXIT
seq 1 "$PAIRS" | xargs -P "$PARALLEL" -I{} bash -c 'set -euo pipefail; pair {}' >"$tmp"
lines=$(wc -l <"$tmp")
if [ "$lines" -ne $((2 * PAIRS)) ]; then
  echo "prepare: got $lines lines, expected $((2 * PAIRS)); see errors above" >&2
  exit 1
fi
mv "$tmp" "$OUT"
echo "prepare: $PAIRS pairs ($((2 * PAIRS)) users, prefix $PREFIX) in $(($(date +%s) - start)) s -> $OUT" >&2
