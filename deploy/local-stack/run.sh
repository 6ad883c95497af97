#!/usr/bin/env bash
# Starts the whole Lantian stack on loopback: Kafka, PostgreSQL, the three services, demo data and tokens.
# Builds what it needs first. Ctrl-C stops everything. Usage: deploy/local-stack/run.sh [data-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q install -DskipTests
./mvnw -B -q -pl deploy/local-stack dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
cp="deploy/local-stack/target/classes:$(cat deploy/local-stack/target/classpath.txt)"
exec java -Xmx2g -cp "$cp" io.lantian.localstack.LocalStack "${1:-deploy/local-stack/data}"
