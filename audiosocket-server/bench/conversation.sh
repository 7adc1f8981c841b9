#!/usr/bin/env bash
# Intercom dialog benchmark: turn latency, capacity and overload with the embedded engines (Vosk,
# FreeTTS, rules), N simulated visitors at a time against a server in the same JVM. Prints a
# markdown table (see docs/benchmarks.md, "Speech pipeline").
#
#   audiosocket-server/bench/conversation.sh                                  # levels 1..32, admission off
#   audiosocket-server/bench/conversation.sh --levels 16,32 --admission on    # past capacity, admission on
#
# Needs espeak-ng (the visitors' voices). Builds into $BUILD_DIR (default /tmp/doorman-bench-build).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-/tmp/doorman-bench-build}"
cd "$ROOT"
# -am builds call-events and call-logger too (each module into its own folder under $BUILD_DIR);
# the classpath is written by the last module of the reactor, the server.
mvn -B -q ${MVN_OFFLINE:--o} -pl audiosocket-server -am "-Ddoorman.buildDir=$BUILD_DIR/\${project.artifactId}" \
    -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt" >/dev/null
SERVER="$BUILD_DIR/audiosocket-server"
exec java -Xmx1g -cp "$SERVER/test-classes:$SERVER/classes:$(cat "$BUILD_DIR/test-classpath.txt")" \
    dev.doorman.server.dialog.bench.ConversationBenchmark "$@"
