package dev.doorman.server.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th delay (from 0) is {@code min × factor^n}, capped at
 * {@code max}, then spread by ±{@code jitter} so that many clients that lost the same peer do not
 * come back in lockstep.
 */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private final double factor;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param jitter fraction in [0, 1): 0.2 spreads each delay uniformly over ±20 %
     * @param random uniform values in [0, 1) (e.g. {@code ThreadLocalRandom.current()::nextDouble})
     */
    public Backoff(Duration min, Duration max, double factor, double jitter, DoubleSupplier random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + ", " + max);
        }
        if (factor < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff needs factor >= 1 and 0 <= jitter < 1, got " + factor + ", " + jitter);
        }
        this.min = min;
        this.max = max;
        this.factor = factor;
        this.jitter = jitter;
        this.random = random;
    }

    /** The delay before retry number {@code attempt} (0 = the first retry). */
    public Duration delay(int attempt) {
        double base = min.toNanos() * Math.pow(factor, Math.max(0, attempt));
        double capped = Math.min(base, max.toNanos());
        double spread = capped * (1 + jitter * (2 * random.getAsDouble() - 1));
        return Duration.ofNanos((long) Math.max(min.toNanos() * (1 - jitter), spread));
    }

    public Duration max() {
        return max;
    }
}
