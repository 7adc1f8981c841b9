package dev.doorman.calllogger.writer;

import org.slf4j.Logger;

/**
 * Logs at most once per interval, with the count of messages suppressed in between, so a full disk
 * under thousands of calls does not flood the application log. Expected IO failures are logged by
 * message only; a stack trace is for the unexpected. Writer thread only.
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

    /** An ERROR with its stack trace: for failures that point at a bug. */
    void error(String message, Throwable bug) {
        if (allowed()) {
            log.error(withSuppressed(message), bug);
        }
    }

    /** An ERROR without stack trace: for failures of the environment (disk full, no permission). */
    void error(String message) {
        if (allowed()) {
            log.error(withSuppressed(message));
        }
    }

    void warn(String message) {
        if (allowed()) {
            log.warn(withSuppressed(message));
        }
    }

    private boolean allowed() {
        long now = System.nanoTime();
        if (nextAllowedNanos != Long.MIN_VALUE && now - nextAllowedNanos < 0) {
            suppressed++;
            return false;
        }
        nextAllowedNanos = now + intervalNanos;
        return true;
    }

    private String withSuppressed(String message) {
        long count = suppressed;
        suppressed = 0;
        return count == 0 ? message : message + " (" + count + " similar messages suppressed)";
    }
}
