#!/usr/bin/env bash
# Ingest benchmark: readings/s through POST /api/v1/readings ÷ raw ProducerPerformance records/s, same broker,
# same record size, same run (docs/benchmarks.md). Starts its own broker, PostgreSQL and alert-ingest on
# loopback; takes ≈ 4 min with the defaults. Never run by `./mvnw verify`.
#
#   bench/run-ingest.sh [--runs 3] [--senders 8] [--batch 500] [--stations 600] [--seconds 20] [--warmup 5]
#                       [--baseline-seconds 20] [--service-warmup 20] [--dir bench/target/ingest]
#
# Builds the reactor up to bench (compile only: the class path points at each module's target/classes, so nothing
# is installed into ~/.m2, which other checkouts share). BENCH_SKIP_BUILD=1 skips the build (the classes of an
# earlier build are used). BENCH_MAVEN_OPTS adds Maven options (e.g. -o). BENCH_JAVA_OPTS adds options to the
# JVM that runs alert-ingest, e.g. BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=bench/target/ingest.jfr' to profile.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${BENCH_MAVEN_OPTS:-} compile dependency:build-classpath -pl bench -am \
    -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
# shellcheck disable=SC2086
exec java -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$cp" io.lantian.bench.IngestBenchmark "$@"
