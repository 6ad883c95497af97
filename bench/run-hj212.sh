#!/usr/bin/env bash
# HJ 212 station connections held against alert-ingest: is memory steady? Usage: bench/run-hj212.sh [connections] [minutes]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q install -DskipTests -pl bench -am
  ./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
exec java -Xms512m -Xmx1g -cp "$cp" io.lantian.bench.Hj212ConnectionsBenchmark "$@"
