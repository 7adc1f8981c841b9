package dev.doorman.server.pipeline.vad;

/**
 * What a {@link VoiceActivityDetector} reports, on the thread that fed it the audio. Sample
 * positions count from the first sample the detector was given (audio time, not the clock).
 */
public interface VadListener {

    /**
     * Speech started; {@code startSample} is the first sample of the first speech frame (the
     * decision itself comes {@code startMs} later).
     */
    void onSpeechStarted(long startSample);

    /**
     * The current utterance's audio as it becomes final: first the pre-roll and the frames that led
     * to the start decision, then the speech as it arrives. Concatenated, these calls equal the
     * {@link Utterance#pcm()} that {@link #onSpeechEnded} delivers. The array is the detector's own
     * buffer: read or copy it during the call, do not keep it.
     */
    void onSpeechAudio(byte[] pcm, int off, int len);

    /** The utterance ended (after the hangover) or was cut at {@code maxUtteranceMs}. */
    void onSpeechEnded(Utterance utterance);

    /**
     * The caller has been silent for {@code durationMs} since the end of their last speech (or the
     * start of the audio): first after {@code silenceReportMs}, then once per further period.
     */
    void onSilence(double durationMs);
}
