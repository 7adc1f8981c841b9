package dev.doorman.analyzer.model;

/** One ERROR event of a call. {@code ts} is the raw timestamp; {@code elapsedMs} the call time. */
public record ErrorOccurrence(String ts, double elapsedMs, String errorType, String message, String stage) {
}
