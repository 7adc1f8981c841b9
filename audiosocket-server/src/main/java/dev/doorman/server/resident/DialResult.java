package dev.doorman.server.resident;

/** The outcome of one attempt and a human-readable detail (Asterisk's reason, the error). */
public record DialResult(DialOutcome outcome, String detail) {
}
