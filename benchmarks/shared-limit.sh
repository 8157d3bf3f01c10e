#!/usr/bin/env bash
# One budget for many processes: CLI processes started together describe tasks against one emulator (its 20 req/s
# window counted per account), each with its own --max-rps 20, or sharing one through Redis (--shared-limit). Prints,
# for each run, the most requests the emulator saw in any one-second window, how many it answered
# RequestLimitExceeded, how many results are right, and the elapsed time.
#   shared-limit.sh          three processes x 60 tasks, on a long-term key: independent, then shared (about a minute)
#   shared-limit.sh roles    the same on CVM role credentials: each process gets its own temporary SecretId
#   shared-limit.sh pinned   four processes x 40 tasks pinned to one CPU (taskset -c 0), shared, five runs
#   shared-limit.sh flush    three processes x 60 tasks, shared, six FLUSHALLs of the Redis 0.5 s apart mid-run
# Redis: the redis-server that embedded-redis ships (fetched by the build), on a free loopback port.
set -euo pipefail
mode="${1:-default}"
case "$mode" in default|roles|pinned|flush) ;; *) echo "usage: $0 [roles|pinned|flush]" >&2; exit 2 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

jar="$root/cli/target/gme-recording.jar"
"$root/bin/gme-recording" --version >/dev/null
redis_jar="$(find "$HOME/.m2/repository/com/github/codemonstur/embedded-redis" -name 'embedded-redis-*.jar' | sort | tail -1)"
if [ -z "$redis_jar" ]; then
    echo "embedded-redis is not in ~/.m2: run 'mvn -B verify' once first" >&2
    exit 2
fi
(cd "$work" && unzip -q -o "$redis_jar" 'redis-server-*-linux-amd64' && mv redis-server-*-linux-amd64 redis-server)
chmod +x "$work/redis-server"
flushall() { # one inline command over bash's own TCP, so no redis-cli is needed
    exec 3<>"/dev/tcp/127.0.0.1/$redis_port"
    printf 'FLUSHALL\r\n' >&3
    read -r _ <&3
    exec 3>&-
}

free_port() { java "$root/benchmarks/src/main/scripts/FreePort.java"; }

redis_port="$(free_port)"
"$work/redis-server" --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.out" 2>&1 &
pids+=($!)

biz=1400000001
{
    echo '{"tasks": ['
    for i in $(seq 1 180); do
        sep=','; [ "$i" = 180 ] && sep=''
        echo "{\"BizId\": $biz, \"TaskId\": $i, \"RoomId\": \"room-$i\", \"RecordMode\": 1, \"RecordInfo\": [{\"RecordStatus\": 13, \"RecordBeginTime\": 1795514400, \"UserId\": \"user-$i\", \"FileName\": \"f-$i.mp3\"}]}$sep"
    done
    echo ']}'
} >"$work/fixtures.json"

processes=3
per_process=60
pin=()
credentials=(TENCENTCLOUD_SECRET_ID=AKIDgmeRecordingEmulatorDemo0000 TENCENTCLOUD_SECRET_KEY=gme-recording-emulator-demo-key)

run() { # $1: label, rest: extra options for each describe
    local label="$1"; shift
    local emulator_port; emulator_port="$(free_port)"
    java -jar "$jar" emulator --port "$emulator_port" --fixtures "$work/fixtures.json" \
        --request-log "$work/$label.log" >"$work/$label.emulator.out" 2>&1 &
    local emulator_pid=$!
    until grep -q "press Ctrl-C" "$work/$label.emulator.out" 2>/dev/null; do sleep 0.1; done
    local metadata="http://127.0.0.1:9" env_credentials=("${credentials[@]}")
    if [ "$mode" = roles ]; then
        metadata="http://127.0.0.1:$emulator_port" # the emulator's CVM metadata stand-in: a new key per process
        env_credentials=()
    fi
    local start end p
    start=$(date +%s%N)
    local describers=()
    for p in $(seq 0 $((processes - 1))); do
        local ids=()
        for i in $(seq $((p * per_process + 1)) $((p * per_process + per_process))); do ids+=(--task-id "$i"); done
        env "${env_credentials[@]}" GME_RECORDING_METADATA_ENDPOINT="$metadata" \
            "${pin[@]}" java -jar "$jar" describe --biz-id "$biz" "${ids[@]}" \
            --endpoint "http://127.0.0.1:$emulator_port" \
            --max-rps 20 --max-attempts 1 --output json "$@" >"$work/$label.$p.out" 2>"$work/$label.$p.err" &
        describers+=($!)
    done
    if [ "$mode" = flush ]; then
        sleep 7 # the processes take about 5 s to start on 2 cores: the flushes land in the middle of the requests
        for f in 1 2 3 4 5 6; do flushall; echo $(( $(date +%s%N) / 1000000 )) >>"$work/flushes"; sleep 0.5; done
    fi
    for p in "${describers[@]}"; do wait "$p" || true; done
    end=$(date +%s%N)
    kill -TERM "$emulator_pid"; wait "$emulator_pid" || true
    if [ -f "$work/flushes" ]; then
        local first_request; first_request=$(sort -n "$work/$label.log" | head -1 | cut -d' ' -f1)
        echo "FLUSHALL at $(awk -v f="$first_request" '{ printf "%+.2f s ", ($1 - f) / 1000 }' "$work/flushes")from the first request"
    fi
    local right unavailable total=$((processes * per_process))
    right=$(cat "$work/$label".*.out | grep -c '"roomId":"room-\([0-9]*\)".*"userId":"user-\1"' || true)
    unavailable=$(cat "$work/$label".*.out | grep -c 'SharedLimitUnavailable' || true)
    sort -n "$work/$label.log" | awk -v label="$label" -v right="$right" -v total="$total" \
        -v unavailable="$unavailable" -v wall=$(( (end - start) / 1000000 )) -v start=$(( start / 1000000 )) '
        { t[NR] = $1; if ($4 == "RequestLimitExceeded") throttled++ }
        END {
            most = 0; s = 1
            for (e = 1; e <= NR; e++) { while (t[e] - t[s] >= 1000) s++; if (e - s + 1 > most) most = e - s + 1 }
            printf "%-16s requests %d, most in any 1 s window %d, RequestLimitExceeded %d, SharedLimitUnavailable %d, " \
                "right results %d of %d, first to last request %.2f s (the processes started %.2f s before the " \
                "first), wall %.2f s\n", label, NR, most, throttled + 0, unavailable, right, total,
                (t[NR] - t[1]) / 1000, (t[1] - start) / 1000, wall / 1000
        }'
}

shared=(--shared-limit "redis://127.0.0.1:$redis_port")
case "$mode" in
    default|roles)
        run "$mode-independent"
        run "$mode-shared" "${shared[@]}" ;;
    pinned)
        processes=4; per_process=40; pin=(taskset -c 0)
        for r in 1 2 3 4 5; do run "pinned-$r" "${shared[@]}"; done ;;
    flush)
        run "flush-shared" "${shared[@]}" ;;
esac
