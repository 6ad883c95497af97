#!/usr/bin/env bash
# HJ 212 station connections held against alert-ingest: is memory steady? Usage: bench/run-hj212.sh [connections] [minutes]
#
# Builds the reactor up to bench (compile only: the class path points at each module's target/classes, so nothing
# is installed into ~/.m2, which other checkouts share). BENCH_SKIP_BUILD=1 skips the build (the classes of an
# earlier build are used). BENCH_MAVEN_OPTS adds Maven options (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${BENCH_MAVEN_OPTS:-} compile dependency:build-classpath -pl bench -am \
    -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
exec java -Xms512m -Xmx1g -cp "$cp" io.lantian.bench.Hj212ConnectionsBenchmark "$@"
