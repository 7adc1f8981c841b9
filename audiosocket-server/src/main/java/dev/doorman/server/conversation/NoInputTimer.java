package dev.doorman.server.conversation;

import dev.doorman.server.call.CallControl;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * "Are you still there?": fires once when the party has said nothing for {@code timeout} after the
 * doorman finished speaking (or after an utterance that carried no words). Works on the clock, so it
 * fires even when Asterisk sends no frames while the party is silent. Use on the call's event loop.
 */
public final class NoInputTimer {
    private final CallControl call;
    private final Duration timeout;
    private final Runnable onTimeout;
    private ScheduledFuture<?> pending;

    public NoInputTimer(CallControl call, Duration timeout, Runnable onTimeout) {
        this.call = call;
        this.timeout = timeout;
        this.onTimeout = onTimeout;
    }

    /** Starts (or restarts) the wait. */
    public void arm() {
        cancel();
        pending = call.schedule(() -> {
            pending = null;
            onTimeout.run();
        }, timeout);
    }

    /** The party spoke or keyed something: stop waiting. */
    public void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
