#!/usr/bin/env bash
# Pacing benchmark: the doorman server (its shaded jar, own JVM, -Xmx512m) against N simulated
# Asterisk callers at each level. Prints a markdown table (see docs/benchmarks.md).
#
#   audiosocket-server/bench/pacing.sh                       # levels 100,500,1000,2000; 40 s calls, 20 s ramp
#   audiosocket-server/bench/pacing.sh --levels 100 --duration 20s --ramp 5s
#
# Needs the Allison prompts (Debian: asterisk-core-sounds-en-wav). Builds into $BUILD_DIR
# (default /tmp/doorman-bench-build) so it never touches another build's target/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-/tmp/doorman-bench-build}"
cd "$ROOT"
mvn -B -q ${MVN_OFFLINE:--o} -pl audiosocket-server -Ddoorman.buildDir="$BUILD_DIR" -DskipTests package
mvn -B -q ${MVN_OFFLINE:--o} -pl audiosocket-server -Ddoorman.buildDir="$BUILD_DIR" \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt" >/dev/null
exec java -Xmx2g -cp "$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/test-classpath.txt")" \
    dev.doorman.server.bench.PacingBenchmark --jar "$BUILD_DIR/doorman.jar" "$@"
