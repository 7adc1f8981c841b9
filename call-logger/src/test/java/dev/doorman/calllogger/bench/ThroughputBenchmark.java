package dev.doorman.calllogger.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sustained throughput with 1,000 open calls: producers log {@value #EVENTS} events round-robin
 * over the calls, then the set-up is closed, which returns only when every event is in its file.
 * The time per event (JMH SingleShotTime over the whole invocation) therefore includes the
 * writer's work; events/s = 1e9 / (ns per event).
 *
 * <p>{@code throttled=true}: producers hold back (sleeping) while the queue is 90% full, so a
 * set-up runs at the speed its writer sustains, without drops. {@code throttled=false}: they never
 * hold back; ours then drops what does not fit (counted, and written to {@code -Dbench.drops} for the
 * report), while Logback's AsyncAppender blocks them (it never drops in this configuration).
 * After each run the lines on disk are checked against what was logged and dropped.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ThroughputBenchmark.EVENTS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ThroughputBenchmark {
    static final int EVENTS = 400_000;

    @Param({"doorman", "logback"})
    public String target;

    @Param({"true", "false"})
    public boolean throttled;

    @Param("1000")
    public int calls;

    @Param("2")
    public int producers;

    private ExecutorService pool;
    private EventTarget events;
    private Path dir;

    @Setup(Level.Trial)
    public void startPool() {
        pool = Executors.newFixedThreadPool(producers);
    }

    @TearDown(Level.Trial)
    public void stopPool() {
        pool.shutdownNow();
    }

    @Setup(Level.Invocation)
    public void open() {
        dir = BenchDirs.create("calllog-throughput-");
        events = EventTarget.named(target, calls);
        events.open(dir, calls);
        while (events.queueDepth() > 0) {
            LockSupport.parkNanos(100_000); // the calls' CALL_SETUP lines are not part of the measurement
        }
    }

    @Benchmark
    public void logAndDrain() throws Exception {
        List<Future<?>> done = new ArrayList<>(producers);
        int perProducer = EVENTS / producers;
        int highWater = events.queueCapacity() * 9 / 10;
        for (int p = 0; p < producers; p++) {
            int first = p;
            done.add(pool.submit(() -> {
                int call = first % calls;
                for (int i = 0; i < perProducer; i++) {
                    if (throttled && (i & 255) == 0) {
                        while (events.queueDepth() > highWater) {
                            // Sleep, not spin: on 2 cores a spinning producer would starve the writer.
                            LockSupport.parkNanos(50_000);
                        }
                    }
                    events.log(call, i / calls);
                    call += producers;
                    if (call >= calls) {
                        call -= calls;
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        events.close();
    }

    @TearDown(Level.Invocation)
    public void verifyAndClean() {
        long dropped = events.dropped();
        long lines = BenchDirs.countLines(dir);
        BenchDirs.delete(dir);
        // Each call has its CALL_SETUP line and its events (ours also EVENTS_DROPPED and CALL_ENDED).
        long expectedAtLeast = (long) EVENTS - dropped + calls;
        if (lines < expectedAtLeast || (throttled && dropped > 0)) {
            throw new IllegalStateException(target + ": " + lines + " lines on disk, expected at least "
                    + expectedAtLeast + ", dropped " + dropped);
        }
        String drops = System.getProperty("bench.drops");
        if (drops != null) {
            try {
                Files.writeString(Path.of(drops), target + " " + throttled + " " + dropped + " " + EVENTS + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
