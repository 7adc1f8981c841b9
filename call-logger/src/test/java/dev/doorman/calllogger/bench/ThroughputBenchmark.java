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

import java.nio.file.Path;
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
 * writer's work; events/s = 1e9 / (ns per event). Producers hold back (sleeping) while the queue is
 * 90% full, so both set-ups run at the speed their writer sustains, without drops (checked after
 * each run); Logback's AsyncAppender would block them at 100% anyway.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ThroughputBenchmark.EVENTS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ThroughputBenchmark {
    static final int EVENTS = 400_000;

    @Param({"doorman", "logback"})
    public String target;

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
        events = EventTarget.named(target);
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
                    if ((i & 255) == 0) {
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
        long expectedAtLeast = (long) EVENTS + calls;
        if (dropped > 0 || lines < expectedAtLeast) {
            throw new IllegalStateException(target + ": " + lines + " lines on disk, expected at least "
                    + expectedAtLeast + ", dropped " + dropped);
        }
    }
}
