#!/usr/bin/env bash
# Intercom dialog benchmark: turn latency by stage and capacity with the embedded engines (Vosk,
# FreeTTS, rules), N simulated visitors at a time against a server in the same JVM. Prints a
# markdown table (see docs/benchmarks.md, "Speech pipeline").
#
#   audiosocket-server/bench/conversation.sh                    # levels 1,2,4,8; at least 8 calls each
#   audiosocket-server/bench/conversation.sh --levels 1,16 --min-calls 16
#
# Needs espeak-ng (the visitors' voices). Builds into $BUILD_DIR (default /tmp/doorman-bench-build).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-/tmp/doorman-bench-build}"
cd "$ROOT"
mvn -B -q ${MVN_OFFLINE:--o} -pl audiosocket-server -Ddoorman.buildDir="$BUILD_DIR" -DskipTests test-compile
mvn -B -q ${MVN_OFFLINE:--o} -pl audiosocket-server -Ddoorman.buildDir="$BUILD_DIR" \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt" >/dev/null
exec java -Xmx1g -cp "$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/test-classpath.txt")" \
    dev.doorman.server.dialog.bench.ConversationBenchmark "$@"
