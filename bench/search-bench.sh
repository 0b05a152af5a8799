#!/usr/bin/env bash
# Issue 13 search benchmark on a store made by `prefill` (see BENCHMARKS.md "search").
# Usage: bench/search-bench.sh DATA_DIR OUT_DIR   (run it under flock /tmp/messenger-load.lock)
# Needs: server and bench jars in $JARS (default bench/../*/target), sqlite3 on the PATH.
set -euo pipefail
D=$1; OUT=$2; JARS=${JARS:-.}
SERVER=$JARS/messenger-server.jar; BENCH=$JARS/messenger-bench.jar
PORT=${PORT:-19013}
mkdir -p "$OUT"
DB=$D/messenger.db

echo "== index size (dbstat) =="
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
sqlite3 -header -column "$DB" "SELECT CASE WHEN name LIKE 'messages_fts%' THEN 'messages_fts (all shadow tables)' ELSE 'everything else' END AS part, ROUND(SUM(pgsize)/1048576.0,1) AS mib FROM dbstat GROUP BY 1;" | tee "$OUT/index-size.txt"
ls -l "$DB" | tee -a "$OUT/index-size.txt"

echo "== cost of the FTS triggers per insert, in SQLite alone (copies of the store) =="
set +e
for variant in with without; do
  cp "$DB" "$OUT/copy.db"
  if [ $variant = without ]; then
    sqlite3 "$OUT/copy.db" "DROP TRIGGER messages_fts_insert; DROP TRIGGER messages_fts_delete; DROP TRIGGER messages_fts_update;"
  fi
  C=$(sqlite3 "$OUT/copy.db" "SELECT conversation_id FROM messages LIMIT 1;")
  # 100,000 new text messages in one conversation, 80-char bodies of varied words, one transaction.
  /usr/bin/time -f "$variant triggers: %e s wall, %U s user, %S s sys" sqlite3 "$OUT/copy.db" \
    "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100000)
     INSERT INTO messages (conversation_id, seq, sender_id, client_id, ts, kind, body)
     SELECT '$C', 1000000 + i, (SELECT sender_id FROM messages LIMIT 1), 'fts-cost-' || i, 0, 'text',
            substr('word' || i || ' alpha' || (i % 97) || ' beta' || (i % 1013) || ' gamma' || (i * 7 % 10007) || ' lorem ipsum dolor sit amet consectetur adipiscing elit', 1, 80)
     FROM n; COMMIT;" 2>&1 | tee -a "$OUT/trigger-cost.txt"
  rm -f "$OUT/copy.db"
done
set -e

echo "== node and search scenario =="
java -jar "$SERVER" --port=$PORT --host=127.0.0.1 --data-dir="$D" --argon2-memory-kib=1024 \
  --rate-sends=0 --rate-frames=0 --rate-logins-ip=0 --rate-logins-user=0 --rate-registrations-ip=0 \
  > "$OUT/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true' EXIT
for i in $(seq 1 120); do grep -q "listening on port" "$OUT/node.log" && break; sleep 1; done
B="java -jar $BENCH search --port=$PORT --server-pid=$NODE"
# JIT warm-up, not reported:
$B --concurrency=4 --searches=2000 --warmup=500 > /dev/null || echo "scenario exit $?"
$B --concurrency=4 --searches=5000 --warmup=200 --out="$OUT/selective-c4.json" || echo "scenario exit $?"
$B --concurrency=1 --searches=2000 --warmup=200 --out="$OUT/selective-c1.json" || echo "scenario exit $?"
$B --concurrency=4 --searches=${COMMON_SEARCHES:-100} --warmup=10 --query=lorem --out="$OUT/common-c4.json" || echo "scenario exit $?"
kill $NODE; wait $NODE || true
