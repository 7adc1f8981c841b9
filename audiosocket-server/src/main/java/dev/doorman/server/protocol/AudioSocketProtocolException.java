package dev.doorman.server.protocol;

import io.netty.handler.codec.DecoderException;

/**
 * A peer broke the AudioSocket protocol. The connection that raised it is finished; other
 * connections are unaffected. {@link #violation()} is a short stable code for logs and metrics.
 */
public class AudioSocketProtocolException extends DecoderException {
    private final String violation;

    public AudioSocketProtocolException(String violation, String message) {
        super(message);
        this.violation = violation;
    }

    /** e.g. {@code unknown_kind}, {@code bad_length}, {@code uuid_expected}, {@code nil_uuid}. */
    public String violation() {
        return violation;
    }
}
