package dev.doorman.calllogger.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs the call-logger benchmarks (ours against Logback's AsyncAppender + SiftingAppender in the
 * same run) and prints the Markdown table for docs/benchmarks.md; the full JMH output goes before
 * it. {@code -Dbench.quick=true} shortens every phase for a smoke run.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = Boolean.getBoolean("bench.quick");
        List<String> rows = new ArrayList<>();

        Collection<RunResult> latency = new Runner(options(CallingThreadBenchmark.class, quick).build()).run();
        rows.add("| calling thread, per event | mean ns | p50 ns | p99 ns | p99.9 ns | samples |");
        rows.add("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (RunResult run : latency) {
            Statistics s = run.getPrimaryResult().getStatistics();
            rows.add(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %d |",
                    run.getParams().getParam("target"), s.getMean(), s.getPercentile(50), s.getPercentile(99),
                    s.getPercentile(99.9), s.getN()));
        }

        Collection<RunResult> throughput = new Runner(options(ThroughputBenchmark.class, quick).build()).run();
        rows.add("");
        rows.add("| sustained, 1,000 open calls, until on disk | median events/s | min events/s | max events/s | runs |");
        rows.add("| --- | ---: | ---: | ---: | ---: |");
        for (RunResult run : throughput) {
            Statistics s = run.getPrimaryResult().getStatistics(); // ns per event, one value per run
            rows.add(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %d |",
                    run.getParams().getParam("target"), 1e9 / s.getPercentile(50), 1e9 / s.getMax(),
                    1e9 / s.getMin(), s.getN()));
        }

        String table = String.join("\n", rows) + "\n";
        System.out.println();
        System.out.println(table);
        Path out = Path.of(System.getProperty("bench.out", "target/calllog-bench.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        System.out.println("(written to " + out.toAbsolutePath() + ")");
    }

    private static ChainedOptionsBuilder options(Class<?> benchmark, boolean quick) {
        ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName()).shouldFailOnError(true);
        if (quick) {
            options.warmupIterations(1).measurementIterations(2);
            if (benchmark == CallingThreadBenchmark.class) {
                options.warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                        .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1));
            }
        }
        return options;
    }
}
