package dev.doorman.server.pipeline;

import java.util.function.Consumer;

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

    /**
     * Like {@link #synthesize(String, int)}, handing the audio to {@code chunks} piece by piece as it
     * becomes ready (so playback can start with the first piece) and returning all of it; the pieces
     * concatenated are the returned audio. Engines that make the audio at once hand it over in one
     * piece. Interrupting the thread abandons the rest: {@code StageException} of type {@code cancelled}.
     */
    default SynthesizedAudio synthesize(String text, int sampleRate, Consumer<byte[]> chunks) {
        SynthesizedAudio audio = synthesize(text, sampleRate);
        chunks.accept(audio.pcm());
        return audio;
    }

    @Override
    default void close() {
    }

    /** The input rules every engine shares: something to say, at a real sample rate. */
    static void checkInput(String text, int sampleRate) {
        if (text == null || text.isBlank()) {
            throw new StageException("synthesis", StageException.BAD_INPUT, "nothing to say: empty text");
        }
        if (sampleRate <= 0) {
            throw new StageException("synthesis", StageException.BAD_INPUT, "sample rate must be positive: " + sampleRate);
        }
    }
}
