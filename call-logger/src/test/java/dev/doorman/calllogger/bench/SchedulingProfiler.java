package dev.doorman.calllogger.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Linux scheduler did to the benchmark's threads in each iteration, read from
 * {@code /proc/self/task/<tid>/{schedstat,status}}: how often the timed (producer) thread was
 * switched out against its will and how long it sat runnable without a CPU, and how often the
 * background writer woke up and how much CPU it used. A sample's tail that matches these is the
 * machine's scheduling, not the code under test.
 *
 * <p>The producer registers its thread id with {@link #registerProducer()}; the writer is found by
 * its thread name ({@code calllog-writer}, Logback's {@code AsyncAppender-Worker-*}). Linux only;
 * elsewhere it reports nothing. Use: {@code -prof dev.doorman.calllogger.bench.SchedulingProfiler}.
 */
public final class SchedulingProfiler implements InternalProfiler {
    private static final String PRODUCER_PROPERTY = "bench.producer.tid";
    private static final Path TASKS = Path.of("/proc/self/task");

    private Map<String, ThreadSched> before = Map.of();
    private long startNanos;

    /** Called on the timed thread (a Scope.Thread set-up): marks it as the producer. */
    static void registerProducer() {
        try {
            System.setProperty(PRODUCER_PROPERTY,
                    Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux: the profiler then reports nothing
        }
    }

    @Override
    public String getDescription() {
        return "Context switches and run-queue wait of the producer and the writer thread (Linux /proc)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = snapshot();
        startNanos = System.nanoTime();
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                       IterationResult result) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, ThreadSched> after = snapshot();
        List<Result> results = new ArrayList<>();
        String producer = System.getProperty(PRODUCER_PROPERTY);
        ThreadSched p = delta(before.get(producer), after.get(producer));
        if (p != null) {
            results.add(rate("sched.producer.involuntary.switches", p.involuntary / seconds, "#/s"));
            results.add(rate("sched.producer.runqueue.wait", p.waitNanos / 1e3 / seconds, "us/s"));
            results.add(rate("sched.producer.page.faults", p.minorFaults / seconds, "#/s"));
        }
        ThreadSched writer = null;
        for (Map.Entry<String, ThreadSched> entry : after.entrySet()) {
            if (isWriter(entry.getValue().name)) {
                ThreadSched d = delta(before.get(entry.getKey()), entry.getValue());
                writer = d == null ? writer : d.plus(writer);
            }
        }
        if (writer != null) {
            results.add(rate("sched.writer.wakeups", writer.voluntary / seconds, "#/s"));
            results.add(rate("sched.writer.cpu", writer.runNanos / 1e7 / seconds, "%"));
        }
        return results;
    }

    private static boolean isWriter(String name) {
        return name.equals("calllog-writer") || name.startsWith("AsyncAppender");
    }

    private static ScalarResult rate(String label, double value, String unit) {
        return new ScalarResult(label, value, unit, AggregationPolicy.AVG);
    }

    private static ThreadSched delta(ThreadSched a, ThreadSched b) {
        if (a == null || b == null) {
            return null;
        }
        return new ThreadSched(b.name, b.voluntary - a.voluntary, b.involuntary - a.involuntary,
                b.runNanos - a.runNanos, b.waitNanos - a.waitNanos, b.minorFaults - a.minorFaults);
    }

    private static Map<String, ThreadSched> snapshot() {
        Map<String, ThreadSched> threads = new HashMap<>();
        try (var tids = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tids::iterator) {
                ThreadSched sched = read(task);
                if (sched != null) {
                    threads.put(task.getFileName().toString(), sched);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Map.of();
        }
        return threads;
    }

    private static ThreadSched read(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).trim();
            String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" ");
            long voluntary = 0;
            long involuntary = 0;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            String stat = Files.readString(task.resolve("stat"));
            // Fields after the parenthesised name: state, ppid, pgrp, session, tty, tpgid, flags, minflt, ...
            long minorFaults = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
            return new ThreadSched(name, voluntary, involuntary, Long.parseLong(sched[0]), Long.parseLong(sched[1]),
                    minorFaults);
        } catch (IOException | RuntimeException e) {
            return null; // the thread ended meanwhile
        }
    }

    private record ThreadSched(String name, long voluntary, long involuntary, long runNanos, long waitNanos,
                               long minorFaults) {
        ThreadSched plus(ThreadSched other) {
            return other == null ? this : new ThreadSched(name, voluntary + other.voluntary,
                    involuntary + other.involuntary, runNanos + other.runNanos, waitNanos + other.waitNanos,
                    minorFaults + other.minorFaults);
        }
    }
}
