package dev.doorman.server.call;

/** Creates the {@link CallBehavior} for each new call. Must be thread-safe and fast. */
@FunctionalInterface
public interface CallBehaviorFactory {
    CallBehavior create(CallInfo call);
}
