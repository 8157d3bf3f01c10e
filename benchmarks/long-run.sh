#!/usr/bin/env bash
# The long runs, documented commands outside `mvn verify`:
#   benchmarks/long-run.sh soak [N]     N signed requests (default 1,000,000) through one emulator, then its live heap
#                                       after a full GC against where it started; 4-8 minutes on 2 cores
#   benchmarks/long-run.sh tracker [N]  N tasks (default 10,000) tracked until NOTIFIED against the emulator under
#                                       20 requests per second on a simulated clock: requests per finished task,
#                                       worst staleness, bytes per tracked task; about 30 s
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
case "${1:-}" in
    soak) main=io.gmerecording.benchmarks.EmulatorSoak; count="${2:-1000000}"; heap=512m ;;
    tracker) main=io.gmerecording.benchmarks.TrackerBenchmark; count="${2:-10000}"; heap=1g ;;
    *) echo "usage: benchmarks/long-run.sh soak|tracker [N]" >&2; exit 2 ;;
esac
echo "building (tests skipped)..." >&2
mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dinvoker.skip=true package -pl benchmarks -am
target="$root/benchmarks/target"
exec java "-Xmx$heap" -Dsun.net.httpserver.nodelay=true -cp "$target/classes:$(cat "$target/classpath.txt")" \
    "$main" "$count"
