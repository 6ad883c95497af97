#!/usr/bin/env bash
# Detection-latency benchmark: reading POSTed to alert-ingest → station alert on aq.station-alerts.v1, p50/p99 at
# an offered 5 000 readings/s across 2 000 stations (docs/benchmarks.md). Starts its own broker, PostgreSQL,
# alert-ingest and forecast-consult on loopback; takes ≈ 6 min with the defaults. Never run by `./mvnw verify`.
#
#   bench/run-detection.sh [--stations 2000] [--rate 5000] [--batch 50] [--warmup 180] [--seconds 60]
#                          [--every 50] [--drain 60] [--dir bench/target/detection] [--pg name=value,…]
#                          [-- forecast-consult args]
#
# --pg sets PostgreSQL server settings for a diagnosis; --pg shared_preload_libraries=pg_stat_statements adds
# PostgreSQL's top statements of the load to the report.
#
# Builds the reactor up to bench (compile only: the class path points at each module's target/classes, so nothing
# is installed into ~/.m2). BENCH_SKIP_BUILD=1 skips the build. BENCH_JAVA_OPTS adds JVM options, e.g.
# BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=bench/target/detection.jfr' to profile.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q ${BENCH_MAVEN_OPTS:-} compile dependency:build-classpath -pl bench -am \
    -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
# shellcheck disable=SC2086
exec java -Xms1500m -Xmx1500m ${BENCH_JAVA_OPTS:-} -cp "$cp" io.lantian.bench.DetectionBenchmark "$@"
