#!/usr/bin/env bash
# FreeTTS under concurrent callers: one shared voice against a pool of one voice per core, replies
# and first sentences (ConcurrentSynthesisBenchmark). Prints a markdown table (docs/benchmarks.md,
# "Concurrent synthesis").
#
#   audiosocket-server/bench/synthesis.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BUILD=audiosocket-server/target
mvn -B -q ${MVN_OFFLINE:--o} -pl audiosocket-server -am -DskipTests test-compile \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$BUILD/test-classpath.txt" >/dev/null
exec java -Xmx1g -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/test-classpath.txt")" \
    dev.doorman.server.pipeline.tts.bench.ConcurrentSynthesisBenchmark "$@"
