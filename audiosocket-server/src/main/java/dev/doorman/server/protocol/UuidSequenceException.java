package dev.doorman.server.protocol;

/**
 * The UUID rule was broken: the first frame was not a UUID, the UUID was nil, or a second UUID
 * arrived on the same connection.
 */
public final class UuidSequenceException extends AudioSocketProtocolException {
    public UuidSequenceException(String violation, String message) {
        super(violation, message);
    }

    static UuidSequenceException expectedFirst(FrameKind got) {
        return new UuidSequenceException("uuid_expected", "the first frame must be UUID, got " + got);
    }

    static UuidSequenceException nil() {
        return new UuidSequenceException("nil_uuid", "the call UUID is the nil UUID");
    }

    static UuidSequenceException duplicate() {
        return new UuidSequenceException("duplicate_uuid", "a second UUID frame arrived on the same connection");
    }
}
