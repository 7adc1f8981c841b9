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
exec "$(dirname "$0")/run-class.sh" dev.doorman.server.pipeline.stt.bench.RecognitionBenchmark "$@"
