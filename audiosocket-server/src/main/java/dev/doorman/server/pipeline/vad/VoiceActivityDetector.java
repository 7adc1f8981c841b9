package dev.doorman.server.pipeline.vad;

/**
 * The first stage of a call's turn pipeline: finds the party's utterances in the call's audio and
 * reports them to a {@link VadListener} (start, the utterance's audio as it becomes final, end,
 * silences). One instance per call and audio format, fed on the call's event loop; not thread-safe.
 * Whatever the implementation, the same audio must give the same events however it is chunked and
 * however fast it is fed. Today's: {@link EnergyVoiceActivityDetector}.
 */
public interface VoiceActivityDetector {

    /**
     * Feeds 16-bit little-endian mono PCM. Chunks need not align to samples or frames.
     *
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} lie outside {@code pcm}
     */
    void accept(byte[] pcm, int off, int len);

    /**
     * Feeds {@code sampleCount} samples of digital silence: time that passed without audio (Asterisk
     * sends no frames while a channel is quiet unless {@code transmit_silence} is on), so an
     * utterance still ends after its hangover.
     */
    void acceptSilence(long sampleCount);

    /**
     * Ends an utterance in progress now (as a cut, so every start still gets its end) and forgets
     * what was heard before: nothing of it reaches a later utterance.
     */
    void reset();

    /** True between {@code onSpeechStarted} and {@code onSpeechEnded}. */
    boolean inSpeech();

    /** Samples consumed so far (the detector's clock). */
    long samplesProcessed();

    int sampleRate();

    /** Makes the detector of a call's audio. */
    @FunctionalInterface
    interface Factory {
        /** Today's detector: energy over an adaptive noise floor. */
        Factory ENERGY = EnergyVoiceActivityDetector::new;

        /**
         * @throws IllegalArgumentException for a rate the detector cannot work at
         */
        VoiceActivityDetector create(VadConfig config, int sampleRate, VadListener listener);
    }
}
