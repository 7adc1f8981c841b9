package dev.doorman.server.call;

/**
 * A call as shown by the admin endpoint {@code /calls}.
 *
 * @param state {@code listening}, {@code speaking}, {@code playing} or {@code ended}
 */
public record CallSnapshot(String callId, String state, String remote, long durationMs, int sampleRate, int turn) {
}
