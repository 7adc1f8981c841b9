#!/usr/bin/env bash
# Pacing benchmark: the doorman server (its shaded jar, own JVM, -Xmx512m) against N simulated
# Asterisk callers at each level. Prints a markdown table (see docs/benchmarks.md).
#
#   audiosocket-server/bench/pacing.sh                       # levels 100,500,1000,2000; 40 s calls, 20 s ramp
#   audiosocket-server/bench/pacing.sh --levels 100 --duration 20s --ramp 5s
#   audiosocket-server/bench/pacing.sh --levels 100,500 --call-logging on,off   # logging's CPU cost
#
# Needs the Allison prompts (Debian: asterisk-core-sounds-en-wav). Builds into $BUILD_DIR
# (default /tmp/doorman-bench-build) so it never touches another build's target/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-/tmp/doorman-bench-build}"
cd "$ROOT"
# -am builds call-events and call-logger too (each module into its own folder under $BUILD_DIR);
# the classpath is written by the last module of the reactor, the server.
mvn -B -q ${MVN_OFFLINE:--o} -pl audiosocket-server -am "-Ddoorman.buildDir=$BUILD_DIR/\${project.artifactId}" \
    -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt" >/dev/null
SERVER="$BUILD_DIR/audiosocket-server"
exec java -Xmx2g -cp "$SERVER/test-classes:$SERVER/classes:$(cat "$BUILD_DIR/test-classpath.txt")" \
    dev.doorman.server.bench.PacingBenchmark --jar "$SERVER/doorman.jar" "$@"
