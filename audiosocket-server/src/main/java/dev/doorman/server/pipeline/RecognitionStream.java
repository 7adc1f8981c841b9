package dev.doorman.server.pipeline;

/**
 * Recognition of one utterance, fed while the caller is still speaking so that {@link #finish()}
 * only has to flush the last few frames.
 *
 * <p>Not thread-safe: used by one thread at a time, in order (a per-call serial executor). Calls
 * may block (decoding, HTTP), so never call them on an event loop.
 */
public interface RecognitionStream extends AutoCloseable {

    /**
     * Feeds signed 16-bit little-endian mono PCM at the rate given to
     * {@link SpeechRecognizer#open(int)}.
     *
     * @throws StageException if the engine fails
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}
     */
    void accept(byte[] pcm, int off, int len);

    /**
     * Ends the utterance and returns its final transcript. Call once.
     *
     * @throws StageException stage "transcription": timeout, http_status, bad_response, engine
     */
    Transcript finish();

    /** Releases the engine resources; safe to call more than once and without {@link #finish()}. */
    @Override
    void close();
}
