package dev.doorman.server.protocol;

/** A frame whose kind byte is not one AudioSocket defines. */
public final class UnknownFrameKindException extends AudioSocketProtocolException {
    private final int code;

    public UnknownFrameKindException(int code) {
        super("unknown_kind", String.format("unknown AudioSocket frame kind 0x%02x", code));
        this.code = code;
    }

    public int code() {
        return code;
    }
}
