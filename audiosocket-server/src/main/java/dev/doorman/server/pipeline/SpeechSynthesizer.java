package dev.doorman.server.pipeline;

/**
 * Text to speech: one implementation per engine (FreeTTS, espeak-ng, OpenAI-compatible HTTP),
 * plus the caching decorator. Thread-safe; calls may block, so run them on worker threads.
 */
public interface SpeechSynthesizer extends AutoCloseable {

    /** Engine name for logs and events, e.g. "freetts", "espeak", "http". */
    String provider();

    /**
     * Speaks {@code text} as signed 16-bit little-endian mono PCM at {@code sampleRate} (the
     * call's rate; engines resample their native output).
     *
     * @throws StageException stage "synthesis": timeout, http_status, bad_response, engine, bad_input
     */
    SynthesizedAudio synthesize(String text, int sampleRate);

    @Override
    default void close() {
    }
}
