package dev.doorman.server.call;

/**
 * A call as shown by the admin endpoint {@code /calls}.
 *
 * @param building the building the call belongs to (a resident leg: its visit's building)
 * @param party    {@code visitor} for an incoming call, {@code resident} for a leg the server placed
 * @param state    {@code listening}, {@code speaking}, {@code playing} or {@code ended}
 */
public record CallSnapshot(String callId, String building, String party, String state, String remote, long durationMs,
                           int sampleRate, int turn) {
}
