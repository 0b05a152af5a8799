#!/bin/bash
# 1-vs-2-node saturation through nginx (least_conn), PostgreSQL + NATS shared services.
# usage: bench/cluster-saturation.sh <nodes> <label>   (from the repository root; run it under
#   flock /tmp/messenger-load.lock; SERVER=another/messenger-server.jar to compare builds)
set -u
N=$1; LABEL=$2
SERVER=${SERVER:-server/target/messenger-server.jar}; BENCH=${BENCH:-bench/target/messenger-bench.jar}
D=${OUT:-/tmp/messenger-sat}/$LABEL; rm -rf $D; mkdir -p $D/tmp
DB=msg_sat_$(date +%s)
psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB" >/dev/null
UP=""
PIDS=""
for i in $(seq 1 $N); do
  P=$((18800+i))
  UP="$UP server 127.0.0.1:$P;"
  java -Xmx1g -jar $SERVER --port=$P --host=127.0.0.1 --data-dir=$D/n$i --store=postgres \
    --postgres-url=jdbc:postgresql://127.0.0.1:5432/$DB --bus=nats --nats-url=nats://127.0.0.1:4222 \
    --node-id=sat$LABEL$i --argon2-memory-kib=1024 --rate-sends=0 --rate-frames=0 --rate-logins-ip=0 \
    --rate-logins-user=0 --rate-registrations-ip=0 > $D/n$i.log 2>&1 &
  PIDS="$PIDS $!"
done
cat > $D/nginx.conf <<NG
worker_processes 1; pid nginx.pid; error_log nginx-error.log warn;
events { worker_connections 20000; }
http { access_log off; client_body_temp_path tmp; proxy_temp_path tmp;
  upstream m { least_conn; $UP }
  map \$http_upgrade \$cu { default upgrade; '' close; }
  server { listen 127.0.0.1:18800;
    location / { proxy_pass http://m; proxy_http_version 1.1; proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$cu; proxy_set_header Host \$http_host; proxy_read_timeout 120s; } } }
NG
for i in $(seq 1 $N); do until curl -sf http://127.0.0.1:$((18800+i))/health/ready >/dev/null; do sleep 0.5; done; done
nginx -p $D -c nginx.conf
date -u; uptime
java -jar $BENCH saturation --users=1000 --port=18800 --rates=500,1000,2000,3000,5000 --out=$D/result.json 2>&1 | grep -v "^\[bench\]" | tail -20
grep -h "reconnect\|Ping\|RECONNECTED\|DISCONNECTED" $D/n*.log | wc -l
nginx -p $D -c nginx.conf -s stop
kill $PIDS; wait
psql -h 127.0.0.1 -U postgres -c "DROP DATABASE $DB WITH (FORCE)" >/dev/null
