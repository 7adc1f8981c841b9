#!/usr/bin/env bash
# Analyzer benchmarks (not part of `mvn verify`); corpora are generated under /tmp, not in the repo.
#   log-analyzer-cli/bench/run.sh fresh [CALLS=20000] [RUNS=5]   fresh processes: cat, bin/analyzer (JVM option
#                                                               sets), DuckDB in its own JVM; medians, load average
#   log-analyzer-cli/bench/run.sh inprocess [CALLS=77000] [RUNS=3]  analyzer and DuckDB alternating in one JVM,
#                                                               figures checked to agree
#   log-analyzer-cli/bench/run.sh million                      1,000,000 calls with -Xmx256m, /usr/bin/time -v
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cpfile=$(mktemp)
# -am: the analyzer's own modules come from this checkout, never from ~/.m2
mvn -B -q -pl log-analyzer-cli -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
cp="log-analyzer-cli/target/test-classes:log-analyzer-cli/target/classes:$(cat "$cpfile")"
corpus() {  # corpus CALLS [compact]
  local dir=/tmp/analyzer-bench-$1${2:+-$2}
  [[ -d $dir ]] || java -cp "$cp" dev.doorman.analyzer.bench.CorpusGenerator "$dir" "$1" 5 ${2:-} >&2
  echo "$dir"
}
case "${1:-fresh}" in
  million)
    dir=$(corpus 1000000 compact)
    /usr/bin/time -v java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar log-analyzer-cli/target/analyzer.jar \
        --all --summary --dir "$dir" --no-progress --format json -o /tmp/analyzer-bench-1m.json
    ;;
  inprocess)
    dir=$(corpus "${2:-77000}")
    du -sh "$dir"
    java -cp "$cp" dev.doorman.analyzer.bench.DuckDbComparison "$dir" "${3:-3}" 2
    ;;
  fresh)
    dir=$(corpus "${2:-20000}")
    du -sh "$dir"
    # JVM option sets to time: "launcher" is bin/analyzer's own; -Xshare:auto alone means the JVM's defaults.
    # ANALYZER_BENCH_VARIANTS=launcher times only the launcher's (long corpora).
    if [[ "${ANALYZER_BENCH_VARIANTS:-}" == launcher ]]; then
      variants=(launcher)
    else
      variants=(launcher "-XX:+UseSerialGC" "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC" "-Xshare:auto")
    fi
    java -cp "$cp" dev.doorman.analyzer.bench.FreshProcessBenchmark "$dir" "${3:-5}" "$cp" "${variants[@]}"
    ;;
  *) echo "usage: $0 fresh|inprocess|million [CALLS] [RUNS]" >&2; exit 1 ;;
esac
