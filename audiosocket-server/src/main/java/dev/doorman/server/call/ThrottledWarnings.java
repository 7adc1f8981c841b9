package dev.doorman.server.call;

import org.slf4j.Logger;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * WARN lines about misbehaving peers (protocol errors before a call exists, refused connections),
 * at most one per {@code interval} for each kind: a flood of bad connections must not flood the
 * log. The lines left out are counted ({@code doorman_warnings_suppressed_total}) and the next line
 * of the same kind says how many there were. Thread-safe.
 */
public final class ThrottledWarnings {
    private final Logger log;
    private final CallMetrics metrics;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Kind> kinds = new ConcurrentHashMap<>();

    private static final class Kind {
        final AtomicLong nextNanos;
        final AtomicLong suppressed = new AtomicLong();

        Kind(long now) {
            nextNanos = new AtomicLong(now);
        }
    }

    public ThrottledWarnings(Logger log, CallMetrics metrics, long intervalNanos, LongSupplier clock) {
        this.log = log;
        this.metrics = metrics;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /** One WARN line per second per kind, on the system clock. */
    public static ThrottledWarnings perSecond(Logger log, CallMetrics metrics) {
        return new ThrottledWarnings(log, metrics, 1_000_000_000L, System::nanoTime);
    }

    /**
     * Logs {@code message} (SLF4J {@code {}} placeholders) unless a line of this {@code kind} was
     * logged less than the interval ago; then it is only counted.
     */
    public void warn(String kind, String message, Object... args) {
        long now = clock.getAsLong();
        Kind k = kinds.computeIfAbsent(kind, key -> new Kind(now));
        long next = k.nextNanos.get();
        if (now - next < 0 || !k.nextNanos.compareAndSet(next, now + intervalNanos)) {
            k.suppressed.incrementAndGet();
            metrics.warningSuppressed();
            return;
        }
        long skipped = k.suppressed.getAndSet(0);
        if (skipped == 0) {
            log.warn(message, args);
        } else if (log.isWarnEnabled()) {
            log.warn(message + " ({} similar warnings suppressed since the last one)", append(args, skipped));
        }
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
