package dev.doorman.server.pipeline;

/**
 * Speech to text: one implementation per engine (Vosk, OpenAI-compatible HTTP). Thread-safe: one
 * instance per process, shared by all calls (the Vosk model is loaded once); each utterance gets
 * its own {@link RecognitionStream}.
 */
public interface SpeechRecognizer extends AutoCloseable {

    /** Engine name for logs and events, e.g. "vosk" or "http". */
    String provider();

    /**
     * Starts recognizing one utterance of signed 16-bit little-endian mono PCM at {@code sampleRate}.
     *
     * @throws StageException stage "transcription" if the engine cannot start a stream
     */
    RecognitionStream open(int sampleRate);

    /**
     * Like {@link #open(int)}, telling the engine what answer the dialog expects so it can favour
     * it (e.g. decode with the building directory's grammar). Engines without such a mode ignore
     * the hints.
     *
     * @throws StageException stage "transcription" if the engine cannot start a stream
     */
    default RecognitionStream open(int sampleRate, RecognitionHints hints) {
        return open(sampleRate);
    }

    /**
     * Gets ready to decode with {@code vocabulary} (a building's names, apartments and words) when
     * its directory is loaded, so that neither the first call nor its log pays for it: engines that
     * build a grammar from it build it now. Engines without such a mode ignore it.
     */
    default void prepare(RecognitionVocabulary vocabulary) {
    }

    /** Releases the model / connections. */
    @Override
    void close();
}
