#!/usr/bin/env bash
# FreeTTS under concurrent callers: one shared voice against a pool of one voice per core, replies
# and first sentences (ConcurrentSynthesisBenchmark). Prints a markdown table (docs/benchmarks.md,
# "Concurrent synthesis").
#
#   audiosocket-server/bench/synthesis.sh
set -euo pipefail
exec "$(dirname "$0")/run-class.sh" dev.doorman.server.pipeline.tts.bench.ConcurrentSynthesisBenchmark "$@"
