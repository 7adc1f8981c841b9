#!/usr/bin/env bash
# Recognition benchmark: a generated visitor corpus (espeak-ng voices, telephone band, noise, μ-law)
# over a 56-resident directory, decoded in every recognition mode in one run; entity accuracy,
# wrong residents, number accuracy, CPU per utterance (see docs/benchmarks.md, "Speech pipeline").
#
#   audiosocket-server/bench/recognition.sh                   # 150 utterances, seed 2024
#   audiosocket-server/bench/recognition.sh --count 40 --seed 7
#
# Needs espeak-ng and sox. Builds into the modules' target/; the audio goes to
# ${TMPDIR:-/tmp}/doorman-recognition-corpus (regenerated every run, never committed).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BUILD=audiosocket-server/target
mvn -B -q ${MVN_OFFLINE:--o} -pl audiosocket-server -am -DskipTests test-compile \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$BUILD/test-classpath.txt" >/dev/null
exec java -Xmx1g -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/test-classpath.txt")" \
    dev.doorman.server.pipeline.stt.bench.RecognitionBenchmark "$@"
