package dev.doorman.analyzer.read;

/** Receives a call file's events in file order. */
@FunctionalInterface
public interface EventSink {
    void accept(CallEvent event);
}
