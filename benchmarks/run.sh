#!/usr/bin/env bash
# One command for every benchmark, side by side in one run:
#   benchmarks/run.sh            quick mode (about 10 minutes on 2 cores)
#   benchmarks/run.sh --full     longer runs, tighter error bars
#   benchmarks/run.sh --only end-to-end,cold-start
#                                only these parts (micro, end-to-end, lifecycle, cold-start, footprint, utilization, cli,
#                                tracker, callbacks), to measure again what a change touched; results.json then
#                                holds only their keys
# Writes benchmarks/target/results.json and benchmarks/target/results.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="--quick"
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick|--full) mode="$1"; shift ;;
    --only) [ $# -ge 2 ] || { echo "run.sh: --only needs a list of parts" >&2; exit 2; }; only="$2"; shift 2 ;;
    *) echo "run.sh: unknown argument '$1' (use --quick, --full, --only PARTS)" >&2; exit 2 ;;
  esac
done
cd "$root"
echo "building (tests skipped)..." >&2
mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dinvoker.skip=true package -pl benchmarks -am
target="$root/benchmarks/target"
# each adapter's runtime classpath plus its own jar: the footprint and the cold-start JVMs use exactly these
for adapter in http sdk; do
  jar=$(ls "$root/adapter-$adapter/target/gme-recording-adapter-$adapter-"*.jar | grep -v -E -- '-(tests|sources|javadoc)\.jar$' | head -1)
  printf '%s:%s' "$(cat "$root/adapter-$adapter/target/runtime-classpath.txt")" "$jar" > "$target/classpath-$adapter.txt"
done
# the official Node SDK for the one-shot comparison, where node and npm exist (npm's registry; once per target folder)
if command -v node >/dev/null && command -v npm >/dev/null \
    && [ ! -d "$target/node/node_modules/tencentcloud-sdk-nodejs" ]; then
  echo "installing tencentcloud-sdk-nodejs 4.1.313 under $target/node..." >&2
  mkdir -p "$target/node"
  npm install --silent --no-audit --no-fund --prefix "$target/node" tencentcloud-sdk-nodejs@4.1.313 >&2 \
    || echo "run.sh: the Node SDK could not be installed; its figure is left out" >&2
fi
if [ -d "$target/node" ]; then
  cp "$root/benchmarks/src/main/node/describe-once.js" "$target/node/"
fi
java -cp "$target/classes:$(cat "$target/classpath.txt")" io.gmerecording.benchmarks.BenchmarkMain "$mode" \
    "$target" "$target/classpath-http.txt" "$target/classpath-sdk.txt" "$target/classes" "$only"
