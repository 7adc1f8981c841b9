package dev.doorman.server.call;

import org.slf4j.MDC;

/**
 * Puts the call id into the application log's MDC (key {@value #KEY}) while a call's work runs, on
 * its event loop and on the workers, so every log line about a call carries it: the text log shows
 * {@code [call <id>]}, the JSON log an {@code "mdc":{"call_id":...}} field.
 */
public final class CallLogContext {
    public static final String KEY = "call_id";

    private CallLogContext() {
    }

    /** Restores the MDC as it was when the scope was entered. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Sets the call id until the scope is closed (nested scopes restore the outer id). */
    public static Scope enter(String callId) {
        String previous = MDC.get(KEY);
        if (callId == null) {
            return () -> { };
        }
        MDC.put(KEY, callId);
        return () -> {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        };
    }

    /** The task, run with the call id set (for work handed to another thread). */
    public static Runnable wrap(String callId, Runnable task) {
        return () -> {
            try (Scope ignored = enter(callId)) {
                task.run();
            }
        };
    }
}
