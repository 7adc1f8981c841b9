package dev.doorman.calllogger.writer;

import org.slf4j.Logger;

/**
 * Logs a failure at most once per interval, with the count of those suppressed in between, so a
 * full disk under thousands of calls does not flood the application log. Writer thread only.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private long nextAllowedNanos = Long.MIN_VALUE;
    private long suppressed;

    RateLimitedLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    void error(String message, Throwable cause) {
        long now = System.nanoTime();
        if (nextAllowedNanos != Long.MIN_VALUE && now - nextAllowedNanos < 0) {
            suppressed++;
            return;
        }
        nextAllowedNanos = now + intervalNanos;
        if (suppressed > 0) {
            log.error("{} ({} similar errors suppressed)", message, suppressed, cause);
        } else {
            log.error(message, cause);
        }
        suppressed = 0;
    }
}
