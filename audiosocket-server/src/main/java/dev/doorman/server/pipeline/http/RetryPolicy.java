package dev.doorman.server.pipeline.http;

import dev.doorman.server.retry.Backoff;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an engine request is retried: at most {@code attempts} tries, pauses from {@code backoff},
 * all within {@code budget} (the longest a call ever waits for the answer, retries included: each
 * try may use what is left of it, and a pause that would not leave time for another try is not
 * taken).
 */
public record RetryPolicy(int attempts, Duration budget, Backoff backoff) {
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        }
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the timeout budget must be positive, got " + budget);
        }
    }

    /** {@code attempts} tries within {@code budget}, pausing 100 ms, 200 ms, ... up to 1 s (±20 %). */
    public static RetryPolicy of(int attempts, Duration budget) {
        return new RetryPolicy(attempts, budget, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2,
                () -> ThreadLocalRandom.current().nextDouble()));
    }
}
