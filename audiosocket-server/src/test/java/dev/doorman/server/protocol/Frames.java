package dev.doorman.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.util.UUID;

/** Raw wire bytes for tests, built by hand (not by the encoder under test). */
final class Frames {
    static final UUID CALL = UUID.fromString("6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c");

    private Frames() {
    }

    static byte[] raw(int kind, byte[] payload) {
        return raw(kind, payload.length, payload);
    }

    /** A frame whose length field may lie about the payload. */
    static byte[] raw(int kind, int lengthField, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(3 + payload.length);
        b.put((byte) kind).putShort((short) lengthField).put(payload);
        return b.array();
    }

    static byte[] uuid(UUID id) {
        return raw(0x01, ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
    }

    static byte[] audio(int length) {
        byte[] pcm = new byte[length];
        for (int i = 0; i < length; i++) {
            pcm[i] = (byte) i;
        }
        return raw(0x10, pcm);
    }

    static ByteBuf concat(byte[]... parts) {
        return Unpooled.wrappedBuffer(parts);
    }
}
