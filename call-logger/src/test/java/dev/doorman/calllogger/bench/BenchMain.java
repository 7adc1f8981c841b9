package dev.doorman.calllogger.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the call-logger benchmarks (ours against Logback in the same run) and prints the Markdown
 * tables for docs/benchmarks.md; the full JMH output goes before them. {@code -Dbench.quick=true}
 * shortens every phase for a smoke run.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = Boolean.getBoolean("bench.quick");
        List<String> rows = new ArrayList<>();
        rows.add("Load average at start: " + loadAverage());
        rows.add("");

        rows.add("| calling thread, per event | heap | mean ns | p50 ns | p99 ns | p99.9 ns | samples | JVM allocated B/op"
                + " | producer page faults/s | producer preempted/s | writer wake-ups/s | writer CPU % |");
        rows.add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        // As benchmarked (pre-touched heap), then the same with a cold heap: the control for page faults.
        latencyRows(rows, "pre-touched", options(CallingThreadBenchmark.class, quick));
        latencyRows(rows, "cold", options(CallingThreadBenchmark.class, quick)
                .jvmArgsAppend("-Xms2g", "-Xmx2g", "-XX:-AlwaysPreTouch"));

        Path drops = Files.createTempFile("calllog-drops-", ".txt");
        Collection<RunResult> throughput = new Runner(options(ThroughputBenchmark.class, quick)
                .jvmArgsAppend("-Dbench.drops=" + drops).build()).run();
        Map<String, long[]> dropped = readDrops(drops);
        rows.add("");
        rows.add("| sustained, 1,000 open calls, until on disk | producers | median events/s | min events/s"
                + " | max events/s | runs | events dropped | median written/s |");
        rows.add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (RunResult run : throughput) {
            Statistics s = run.getPrimaryResult().getStatistics(); // ns per event, one value per run
            String target = run.getParams().getParam("target");
            String throttled = run.getParams().getParam("throttled");
            long[] d = dropped.getOrDefault(target + " " + throttled, new long[2]);
            double kept = d[1] == 0 ? 1 : 1 - (double) d[0] / d[1];
            rows.add(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f | %d | %s | %,.0f |", target,
                    "true".equals(throttled) ? "hold back at 90% full" : "never hold back",
                    1e9 / s.getPercentile(50), 1e9 / s.getMax(), 1e9 / s.getMin(), s.getN(),
                    d[1] == 0 ? "-" : String.format(Locale.ROOT, "%.1f %% (%,d of %,d)", 100.0 * d[0] / d[1], d[0], d[1]),
                    kept * 1e9 / s.getPercentile(50)));
        }
        rows.add("");
        rows.add("Load average at end: " + loadAverage());
        Files.deleteIfExists(drops);

        String table = String.join("\n", rows) + "\n";
        System.out.println();
        System.out.println(table);
        Path out = Path.of(System.getProperty("bench.out", "target/calllog-bench.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        System.out.println("(written to " + out.toAbsolutePath() + ")");
    }

    private static void latencyRows(List<String> rows, String heap, ChainedOptionsBuilder options) throws RunnerException {
        Collection<RunResult> latency = new Runner(options.addProfiler(GCProfiler.class)
                .addProfiler(SchedulingProfiler.class).build()).run();
        for (RunResult run : latency) {
            Statistics s = run.getPrimaryResult().getStatistics();
            Map<String, Result> extra = run.getSecondaryResults();
            rows.add(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %d | %s | %s | %s | %s | %s |",
                    run.getParams().getParam("target"), heap, s.getMean(), s.getPercentile(50), s.getPercentile(99),
                    s.getPercentile(99.9), s.getN(), score(extra, "gc.alloc.rate.norm", "%.0f"),
                    score(extra, "sched.producer.page.faults", "%.0f"),
                    score(extra, "sched.producer.involuntary.switches", "%.0f"),
                    score(extra, "sched.writer.wakeups", "%.0f"), score(extra, "sched.writer.cpu", "%.1f")));
        }
    }

    private static String score(Map<String, Result> results, String label, String format) {
        Result r = results.get(label);
        return r == null ? "-" : String.format(Locale.ROOT, format, r.getScore());
    }

    // "target throttled dropped logged" per run -> summed per set-up
    private static Map<String, long[]> readDrops(Path file) throws IOException {
        Map<String, long[]> sums = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split(" ");
            if (f.length == 4) {
                long[] sum = sums.computeIfAbsent(f[0] + " " + f[1], k -> new long[2]);
                sum[0] += Long.parseLong(f[2]);
                sum[1] += Long.parseLong(f[3]);
            }
        }
        return sums;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static ChainedOptionsBuilder options(Class<?> benchmark, boolean quick) {
        ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName()).shouldFailOnError(true);
        if (quick) {
            options.warmupIterations(1).measurementIterations(2);
            if (benchmark == CallingThreadBenchmark.class) {
                options.warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1));
            }
        }
        return options;
    }
}
