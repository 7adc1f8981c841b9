package dev.doorman.server.conversation;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds an engine call until the test lets it through, so a test can act while work is in
 * progress (interrupt it, queue more). Closed by default; {@link #open()} lets everything pass.
 */
final class Gate {
    private final Semaphore permits = new Semaphore(0);
    private final AtomicInteger waiting = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();
    private volatile boolean open;

    /** Blocks until let through; false if the thread was interrupted while waiting (the interrupt flag stays set). */
    boolean pass() {
        if (open) {
            return true;
        }
        waiting.incrementAndGet();
        try {
            while (!open) {
                if (permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return true;
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Lets {@code n} calls through. */
    void release(int n) {
        permits.release(n);
    }

    void open() {
        open = true;
    }

    /** Calls waiting at the gate now. */
    int waiting() {
        return waiting.get();
    }
}
