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

    /** Releases the model / connections. */
    @Override
    void close();
}
