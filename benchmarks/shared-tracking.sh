#!/usr/bin/env bash
# Tracking shared by replicas, a long run outside `mvn verify`: three JVMs track N tasks (default 3,000) together
# against one emulator through one Redis (the tracked-task store and one budget of 20 requests per second); one is
# killed with SIGKILL (kill -9) a third of the way and started again 40 s later; then one JVM alone tracks the same
# tasks. Prints how many tasks' ends were delivered and how many twice, requests per finished task for both runs, and
# the most requests the emulator saw in any second. About 12 minutes for 3,000 tasks (each run is paced by the
# 20 requests per second).
#   benchmarks/shared-tracking.sh [N]
# Redis: the redis-server that embedded-redis ships (fetched by the build), on a free loopback port.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tasks="${1:-3000}"
work="$(mktemp -d)"
redis_pid=""
cleanup() {
    [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "building (tests skipped)..." >&2
mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dinvoker.skip=true package -pl benchmarks -am
redis_jar="$(find "$HOME/.m2/repository/com/github/codemonstur/embedded-redis" -name 'embedded-redis-*.jar' | sort | tail -1)"
(cd "$work" && unzip -q -o "$redis_jar" 'redis-server-*-linux-amd64' && mv redis-server-*-linux-amd64 redis-server)
chmod +x "$work/redis-server"
redis_port="$(java "$root/benchmarks/src/main/scripts/FreePort.java")"
"$work/redis-server" --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" > "$work/redis.log" &
redis_pid=$!
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break
    sleep 0.1
done
target="$root/benchmarks/target"
java -Xmx512m -Dsun.net.httpserver.nodelay=true -cp "$target/classes:$(cat "$target/classpath.txt")" \
    io.gmerecording.benchmarks.SharedTrackingRun "redis://127.0.0.1:$redis_port" "$tasks"
