package dev.doorman.server.pipeline;

/**
 * A speech-pipeline stage failed. Carries the stage ("transcription", "synthesis", "intent",
 * "validation") and a short machine-readable error type so the call can log an
 * {@code ERROR{error_type,stage,...}} event and carry on (e.g. apologise and ask again).
 *
 * <p>Unchecked so stages compose in executors and futures; every stage method documents it.
 */
public class StageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Error types used by the engines in this project. */
    public static final String TIMEOUT = "timeout";
    public static final String HTTP_STATUS = "http_status";
    public static final String BAD_RESPONSE = "bad_response";
    public static final String ENGINE = "engine";
    public static final String UNAVAILABLE = "unavailable";
    public static final String BAD_INPUT = "bad_input";
    /** The work was abandoned because its turn was interrupted (barge-in, hang-up, a newer utterance). */
    public static final String CANCELLED = "cancelled";

    private final String stage;
    private final String errorType;

    public StageException(String stage, String errorType, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.errorType = errorType;
    }

    public StageException(String stage, String errorType, String message) {
        this(stage, errorType, message, null);
    }

    /** "transcription", "synthesis", "intent", "validation", ... */
    public String stage() {
        return stage;
    }

    /** "timeout", "http_status", "bad_response", "engine", "unavailable", "bad_input", "cancelled" */
    public String errorType() {
        return errorType;
    }
}
