package dev.doorman.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * One AudioSocket message: a kind and its payload. Reference counted through the payload, like
 * Netty's own message types: whoever consumes a frame releases it.
 */
public final class AudioSocketFrame extends DefaultByteBufHolder {
    /** Longest payload the 16-bit length field can describe. */
    public static final int MAX_PAYLOAD = 0xFFFF;

    private final FrameKind kind;

    public AudioSocketFrame(FrameKind kind, ByteBuf payload) {
        super(payload);
        this.kind = Objects.requireNonNull(kind, "kind");
        if (payload.readableBytes() > MAX_PAYLOAD) {
            payload.release();
            throw new IllegalArgumentException("payload of " + payload.readableBytes()
                    + " bytes exceeds the 16-bit length field");
        }
    }

    public static AudioSocketFrame uuid(UUID id) {
        ByteBuf buf = Unpooled.buffer(16, 16);
        buf.writeLong(id.getMostSignificantBits());
        buf.writeLong(id.getLeastSignificantBits());
        return new AudioSocketFrame(FrameKind.UUID, buf);
    }

    public static AudioSocketFrame audio(FrameKind kind, ByteBuf pcm) {
        if (!kind.isAudio()) {
            pcm.release();
            throw new IllegalArgumentException(kind + " is not an audio kind");
        }
        return new AudioSocketFrame(kind, pcm);
    }

    public static AudioSocketFrame dtmf(char digit) {
        return new AudioSocketFrame(FrameKind.DTMF,
                Unpooled.wrappedBuffer(String.valueOf(digit).getBytes(StandardCharsets.US_ASCII)));
    }

    public static AudioSocketFrame hangup() {
        return new AudioSocketFrame(FrameKind.HANGUP, Unpooled.EMPTY_BUFFER);
    }

    public static AudioSocketFrame error(int code) {
        return new AudioSocketFrame(FrameKind.ERROR, Unpooled.wrappedBuffer(new byte[] {(byte) code}));
    }

    public FrameKind kind() {
        return kind;
    }

    public ByteBuf payload() {
        return content();
    }

    /** The UUID carried by a {@link FrameKind#UUID} frame. */
    public UUID uuidValue() {
        requireKind(FrameKind.UUID);
        ByteBuf p = content();
        return new UUID(p.getLong(p.readerIndex()), p.getLong(p.readerIndex() + 8));
    }

    /** The digit carried by a {@link FrameKind#DTMF} frame. */
    public char dtmfDigit() {
        requireKind(FrameKind.DTMF);
        return (char) (content().getByte(content().readerIndex()) & 0xFF);
    }

    /** The code carried by an {@link FrameKind#ERROR} frame, or -1 when it has none. */
    public int errorCode() {
        requireKind(FrameKind.ERROR);
        return content().isReadable() ? content().getUnsignedByte(content().readerIndex()) : -1;
    }

    private void requireKind(FrameKind expected) {
        if (kind != expected) {
            throw new IllegalStateException("frame is " + kind + ", not " + expected);
        }
    }

    @Override
    public AudioSocketFrame replace(ByteBuf content) {
        return new AudioSocketFrame(kind, content);
    }

    @Override
    public AudioSocketFrame copy() {
        return (AudioSocketFrame) super.copy();
    }

    @Override
    public AudioSocketFrame duplicate() {
        return (AudioSocketFrame) super.duplicate();
    }

    @Override
    public AudioSocketFrame retainedDuplicate() {
        return (AudioSocketFrame) super.retainedDuplicate();
    }

    @Override
    public AudioSocketFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public AudioSocketFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public AudioSocketFrame touch() {
        super.touch();
        return this;
    }

    @Override
    public AudioSocketFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "AudioSocketFrame(" + kind + ", " + content().readableBytes() + " bytes)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioSocketFrame other && other.kind == kind && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + super.hashCode();
    }
}
