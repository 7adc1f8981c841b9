package dev.doorman.server.resident;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Places the resident's call leg. One instance per server, shared by all calls; thread-safe. */
public interface ResidentDialer extends AutoCloseable {
    /**
     * Rings {@code request.destination()}; the future completes once the phone answered (the leg then
     * connects to the server as an AudioSocket call with {@code request.legId()}), or with why not.
     * Never completes exceptionally.
     */
    CompletableFuture<DialResult> dial(DialRequest request);

    /** Stops ringing (or hangs up) the leg, if it is still there. */
    void cancel(UUID legId);

    /** True when a call can be placed now (the manager is connected). */
    boolean isAvailable();

    /** One line for the startup summary, e.g. {@code AMI 127.0.0.1:5038 as doorman}. */
    String describe();

    @Override
    default void close() {
    }

    /** A dialer for a server whose resident leg is disabled: every attempt is {@code unavailable}. */
    static ResidentDialer disabled() {
        return new ResidentDialer() {
            @Override
            public CompletableFuture<DialResult> dial(DialRequest request) {
                return CompletableFuture.completedFuture(new DialResult(DialOutcome.UNAVAILABLE,
                        "the resident leg is disabled (resident.enabled: false)"));
            }

            @Override
            public void cancel(UUID legId) {
            }

            @Override
            public boolean isAvailable() {
                return false;
            }

            @Override
            public String describe() {
                return "disabled";
            }
        };
    }
}
