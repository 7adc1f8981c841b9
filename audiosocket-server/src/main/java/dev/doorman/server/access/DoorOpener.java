package dev.doorman.server.access;

import java.util.concurrent.CompletableFuture;

/** One way to open the door (an HTTP webhook, DTMF on the visitor's channel). Thread-safe; never blocks. */
public interface DoorOpener {
    /** {@code webhook} or {@code dtmf}: written as {@code DOOR_OPEN.method}. */
    String method();

    /** Asks the door to open; never completes exceptionally: failures are in the result. */
    CompletableFuture<DoorResult> open(DoorRequest request);

    /**
     * How it went.
     *
     * @param ok       the door (or its controller) accepted the request
     * @param attempts tries made (retries included)
     * @param detail   the last error or status, for the log
     */
    record DoorResult(boolean ok, int attempts, String detail) {
    }
}
