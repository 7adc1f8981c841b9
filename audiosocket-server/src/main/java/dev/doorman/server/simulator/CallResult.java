package dev.doorman.server.simulator;

/**
 * What one simulated call saw.
 *
 * @param callId          the UUID the call sent
 * @param outcome         how the call ended
 * @param detail          why, for failures and closes (exception message, error code); null otherwise
 * @param sampleRate      the call's audio rate
 * @param durationMs      from connected to closed
 * @param framesSent      audio frames the simulator sent (speech and trailing silence)
 * @param dtmfSent        the DTMF digits sent, in order
 * @param framesReceived  audio frames the server sent
 * @param bytesReceived   audio payload bytes the server sent
 * @param firstAudioMs    from connected to the server's first audio frame; -1 when none came
 * @param recordedPcm     the server's audio, 16-bit LE mono at {@code sampleRate} (empty when not recording)
 * @param received        spacing of the server's audio frames (what the caller hears)
 * @param sent            spacing of the simulator's own frames (its timing noise, for honest benchmarks)
 */
public record CallResult(String callId, CallOutcome outcome, String detail, int sampleRate,
                         double durationMs, long framesSent, String dtmfSent,
                         long framesReceived, long bytesReceived, double firstAudioMs,
                         byte[] recordedPcm, GapRecorder received, GapRecorder sent) {

    /**
     * True when the server ended the call before sending any audio: how a server turns a call away
     * (too many calls, address not allowed).
     */
    public boolean refused() {
        return outcome.endedByServer() && framesReceived == 0;
    }

    public GapStats receivedGaps() {
        return received.stats();
    }

    public GapStats sentGaps() {
        return sent.stats();
    }

    /** Milliseconds of audio received. */
    public double receivedAudioMs() {
        return bytesReceived / 2 * 1000.0 / sampleRate;
    }

    /** The result of a call whose TCP connection could not be made. */
    static CallResult connectFailed(String callId, int sampleRate, String detail) {
        return new CallResult(callId, CallOutcome.CONNECT_FAILED, detail, sampleRate, 0, 0, "", 0, 0, -1,
                new byte[0], new GapRecorder(AudioFraming.FRAME_NANOS), new GapRecorder(AudioFraming.FRAME_NANOS));
    }
}
