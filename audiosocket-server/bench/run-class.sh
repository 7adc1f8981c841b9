#!/usr/bin/env bash
# Builds the server's test classes and runs one of its benchmark classes (a main in the test
# sources), with the test classpath:
#
#   audiosocket-server/bench/run-class.sh dev.doorman.server.pipeline.stt.bench.StreamingLatencyBenchmark [args]
#
# Builds into the modules' target/ (offline unless MVN_OFFLINE is set to something else, e.g. "").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BUILD=audiosocket-server/target
CLASS="${1:?usage: run-class.sh MAIN_CLASS [ARGS...]}"
shift
mvn -B -q ${MVN_OFFLINE:--o} -pl audiosocket-server -am -DskipTests test-compile \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$BUILD/test-classpath.txt" >/dev/null
exec java -Xmx1g -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/test-classpath.txt")" "$CLASS" "$@"
