package dev.doorman.server.protocol;

/** A frame whose length field is not allowed for its kind (e.g. a 2-byte DTMF, odd-length audio). */
public final class FrameLengthException extends AudioSocketProtocolException {
    private final FrameKind kind;
    private final int length;

    public FrameLengthException(FrameKind kind, int length, String rule) {
        super("bad_length", kind + " frame with " + length + " payload bytes: " + rule);
        this.kind = kind;
        this.length = length;
    }

    public FrameKind kind() {
        return kind;
    }

    public int length() {
        return length;
    }
}
