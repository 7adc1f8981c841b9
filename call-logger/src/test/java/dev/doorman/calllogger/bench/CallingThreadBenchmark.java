package dev.doorman.calllogger.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What one event costs the calling thread, sampled per call (JMH SampleTime: average and
 * percentiles), with 1,000 calls open and the background writer running. Every 64 calls an
 * (untimed) set-up step waits while the queue is more than half full, so every timed call takes the
 * normal path (queued), not the overflow or blocking path. Each sample includes JMH's timer read
 * (about 20-30 ns, see the {@code baseline} target, which logs nothing).
 *
 * <p>The heap is pre-touched ({@code -XX:+AlwaysPreTouch}): without it, the first pass of
 * allocation through a fresh 2 GiB heap takes a page fault every 4 KiB, and on this VM those
 * faults, not the logger, made the p99 (see docs/benchmarks.md). A server that has run for a while
 * has touched its heap; the benchmark measures that state.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class CallingThreadBenchmark {
    @Param({"doorman-defaults", "logback", "baseline"})
    public String target;

    @Param("1000")
    public int calls;

    EventTarget events;
    private Path dir;

    @Setup(Level.Trial)
    public void open() {
        dir = BenchDirs.create("calllog-bench-");
        events = "baseline".equals(target) ? new NoopTarget() : EventTarget.named(target, calls);
        events.open(dir, calls);
    }

    @TearDown(Level.Trial)
    public void close() {
        long dropped = events.dropped();
        events.close();
        BenchDirs.delete(dir);
        if (dropped > 0) {
            System.out.println("WARNING: " + target + " dropped " + dropped + " events");
        }
    }

    /** Which call logs next; each thread walks all calls in turn. */
    @State(Scope.Thread)
    public static class Cursor {
        int call;
        int turn;
        int sinceCheck;

        @Setup(Level.Trial)
        public void registerThread() {
            SchedulingProfiler.registerProducer();
        }

        @Setup(Level.Invocation)
        public void waitForRoom(CallingThreadBenchmark bench) {
            if (++sinceCheck < 64) {
                return; // 64 events cannot fill half of the queue: look now and then, not per event
            }
            sinceCheck = 0;
            EventTarget events = bench.events;
            while (events.queueDepth() > events.queueCapacity() / 2) {
                LockSupport.parkNanos(20_000); // let the writer catch up (2 cores: do not spin)
            }
        }
    }

    @Benchmark
    public void logOneEvent(Cursor cursor) {
        events.log(cursor.call, cursor.turn);
        if (++cursor.call == calls) {
            cursor.call = 0;
            cursor.turn++;
        }
    }

    /** Measures the harness alone: the timer and the cursor. */
    static final class NoopTarget implements EventTarget {
        @Override
        public void open(Path dir, int calls) {
        }

        @Override
        public void log(int call, int turn) {
        }

        @Override
        public int queueDepth() {
            return 0;
        }

        @Override
        public int queueCapacity() {
            return 2;
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
