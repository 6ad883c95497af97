#!/usr/bin/env bash
# Dispatch benchmark (docs/benchmarks.md, "Dispatch fan-out and ack API"): one warning → N signed webhooks to
# local receivers, timed and compared with wrk's requests/s against the same receivers; then the ack API at
# 64 concurrent clients. Starts its own broker, PostgreSQL, response-dispatch and receivers on loopback. Needs
# `wrk` on the PATH. Never run by `./mvnw verify`.
#
#   bench/run-dispatch.sh [--n 10000] [--receivers 8] [--receiver-threads 8] [--clients 64] [--ack-warmup 1000]
#                         [--repeat-seconds 10] [--wrk-seconds 10] [--wrk-connections 64] [--timeout 300]
#                         [--dir bench/target/dispatch] [-- --lantian.dispatch.delivery.concurrency=32 …]
#
# Arguments after `--` go to response-dispatch (a tuned run). BENCH_SKIP_BUILD=1 skips the build;
# BENCH_JAVA_OPTS adds options to the JVM that runs response-dispatch.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install -y wrk)" >&2; exit 1; }
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q install -DskipTests -pl bench -am
  ./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
# shellcheck disable=SC2086
exec java -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$cp" io.lantian.bench.DispatchBenchmark "$@"
