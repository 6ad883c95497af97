#!/usr/bin/env bash
# Dispatch benchmark (docs/benchmarks.md, "Dispatch fan-out and ack API"): one warning → N signed webhooks to
# local receivers, timed and compared with wrk's requests/s against the same receivers; then the ack API at
# 64 concurrent clients. Starts its own broker, PostgreSQL, response-dispatch and receivers on loopback. Needs
# `wrk` on the PATH. Never run by `./mvnw verify`.
#
#   bench/run-dispatch.sh [--n 10000] [--receivers 8] [--receiver-threads 8] [--clients 64] [--ack-warmup 1000]
#                         [--repeat-seconds 10] [--wrk-seconds 10] [--wrk-connections 64] [--timeout 300]
#                         [--dir bench/target/dispatch] [--pg name=value,…]
#                         [-- --lantian.dispatch.delivery.concurrency=32 …]
#
# --pg sets PostgreSQL server settings for a diagnosis; --pg shared_preload_libraries=pg_stat_statements adds
# PostgreSQL's top statements of the measured acks to the report.
#
# Arguments after `--` go to response-dispatch (a tuned run). Builds the reactor up to bench (compile only: the
# class path points at each module's target/classes, so nothing is installed into ~/.m2, which other checkouts
# share). BENCH_SKIP_BUILD=1 skips the build (the classes of an earlier build are used); BENCH_MAVEN_OPTS adds Maven
# options (e.g. -o). The JVM that runs response-dispatch gets the service's own options (response-dispatch/jvm.options,
# as its image does; -Xmx1g takes precedence over the heap percentage), then BENCH_JAVA_OPTS, which can override
# them: BENCH_JAVA_OPTS=-XX:TieredStopAtLevel=4 compiles with C2 as well, and
# BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/dispatch.jfr,settings=profile' profiles.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install -y wrk)" >&2; exit 1; }
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${BENCH_MAVEN_OPTS:-} compile dependency:build-classpath -pl bench -am \
    -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
# shellcheck disable=SC2086
exec java -Xms1g -Xmx1g @response-dispatch/jvm.options ${BENCH_JAVA_OPTS:-} -cp "$cp" io.lantian.bench.DispatchBenchmark "$@"
