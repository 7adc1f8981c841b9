#!/usr/bin/env bash
# Analyzer benchmark (not part of `mvn verify`): generates a corpus under /tmp, runs the analyzer
# and DuckDB over it in one JVM (alternating, median of RUNS), checks that the figures agree.
#   log-analyzer-cli/bench/run.sh [CALLS=77000 (~1 GB)] [RUNS=3]
# Million-call memory run:
#   log-analyzer-cli/bench/run.sh million
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -B -q -pl log-analyzer-cli -DskipTests package
cpfile=$(mktemp)
mvn -B -q -pl log-analyzer-cli dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
cp="log-analyzer-cli/target/test-classes:log-analyzer-cli/target/classes:$(cat "$cpfile")"
if [[ "${1:-}" == "million" ]]; then
  dir=/tmp/analyzer-bench-1m
  [[ -d $dir ]] || java -cp "$cp" dev.doorman.analyzer.bench.CorpusGenerator "$dir" 1000000 11 compact
  /usr/bin/time -v java -Xmx256m -jar log-analyzer-cli/target/analyzer.jar --all --summary --dir "$dir" \
      --no-progress --format json -o /tmp/analyzer-bench-1m.json
  exit 0
fi
calls=${1:-77000}
runs=${2:-3}
dir=/tmp/analyzer-bench-$calls
[[ -d $dir ]] || java -cp "$cp" dev.doorman.analyzer.bench.CorpusGenerator "$dir" "$calls" 5
du -sh "$dir"
java -cp "$cp" dev.doorman.analyzer.bench.DuckDbComparison "$dir" "$runs" 2
