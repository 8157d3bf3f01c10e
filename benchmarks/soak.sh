#!/usr/bin/env bash
# The emulator's long run: N signed requests (default 1,000,000) through one emulator, then its live heap after a
# full GC against where it started. About 4-8 minutes for a million on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
echo "building (tests skipped)..." >&2
mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dinvoker.skip=true package -pl benchmarks -am
target="$root/benchmarks/target"
exec java -Xmx512m -Dsun.net.httpserver.nodelay=true -cp "$target/classes:$(cat "$target/classpath.txt")" \
    io.gmerecording.benchmarks.EmulatorSoak "${1:-1000000}"
