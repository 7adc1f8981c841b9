package dev.doorman.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the byte stream into {@link AudioSocketFrame}s ({@code kind:u8 | length:u16 BE | payload})
 * and enforces the protocol rules. Lengths are checked as soon as the 3-byte header is readable,
 * so an oversized frame is refused before its payload is buffered.
 *
 * <p>The first violation raises an {@link AudioSocketProtocolException}; after that the decoder
 * discards all input, since nothing later on the stream can be framed reliably. The handler
 * behind it is expected to close the connection.
 */
public final class AudioSocketDecoder extends ByteToMessageDecoder {
    static final int HEADER_BYTES = 3;
    private static final int UUID_BYTES = 16;

    private final int maxAudioPayload;
    private final boolean server;
    private boolean uuidSeen;
    private boolean failed;

    private AudioSocketDecoder(int maxAudioPayload, boolean server) {
        if (maxAudioPayload < 2 || maxAudioPayload > AudioSocketFrame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxAudioPayload must be 2.." + AudioSocketFrame.MAX_PAYLOAD
                    + ", got " + maxAudioPayload);
        }
        this.maxAudioPayload = maxAudioPayload;
        this.server = server;
    }

    /**
     * Decodes what Asterisk sends: a UUID of 16 bytes (not nil) first and only once, then audio,
     * DTMF, hangup or error frames.
     */
    public static AudioSocketDecoder forServer(int maxAudioPayload) {
        return new AudioSocketDecoder(maxAudioPayload, true);
    }

    /** Decodes what a server sends to Asterisk: no UUID-first rule, the same length rules. */
    public static AudioSocketDecoder forClient(int maxAudioPayload) {
        return new AudioSocketDecoder(maxAudioPayload, false);
    }

    /**
     * Bytes received but not yet decoded: the start of a frame whose rest has not arrived. Asterisk
     * writes each frame whole, so bytes left here for long mean a peer that stalled mid-frame.
     */
    public int bufferedBytes() {
        return failed ? 0 : actualReadableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= HEADER_BYTES) {
            int start = in.readerIndex();
            int code = in.getUnsignedByte(start);
            int length = in.getUnsignedShort(start + 1);
            FrameKind kind;
            try {
                kind = FrameKind.fromCode(code).orElseThrow(() -> new UnknownFrameKindException(code));
                checkSequence(kind);
                checkLength(kind, length);
            } catch (AudioSocketProtocolException e) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw e;
            }
            if (in.readableBytes() < HEADER_BYTES + length) {
                return; // wait for the rest of the payload
            }
            in.skipBytes(HEADER_BYTES);
            ByteBuf payload = length == 0 ? in.alloc().buffer(0, 0) : in.readRetainedSlice(length);
            AudioSocketFrame frame = new AudioSocketFrame(kind, payload);
            if (kind == FrameKind.UUID && server) {
                if (frame.uuidValue().getMostSignificantBits() == 0
                        && frame.uuidValue().getLeastSignificantBits() == 0) {
                    frame.release();
                    failed = true;
                    in.skipBytes(in.readableBytes());
                    throw UuidSequenceException.nil();
                }
                uuidSeen = true;
            }
            out.add(frame);
        }
    }

    private void checkSequence(FrameKind kind) {
        if (!server) {
            return;
        }
        if (!uuidSeen && kind != FrameKind.UUID) {
            throw UuidSequenceException.expectedFirst(kind);
        }
        if (uuidSeen && kind == FrameKind.UUID) {
            throw UuidSequenceException.duplicate();
        }
    }

    private void checkLength(FrameKind kind, int length) {
        switch (kind) {
            case UUID -> {
                if (length != UUID_BYTES) {
                    throw new FrameLengthException(kind, length, "must be exactly 16");
                }
            }
            case DTMF -> {
                if (length != 1) {
                    throw new FrameLengthException(kind, length, "must be exactly 1");
                }
            }
            case HANGUP -> {
                if (length != 0) {
                    throw new FrameLengthException(kind, length, "must be empty");
                }
            }
            case ERROR -> {
                if (length > 1) {
                    throw new FrameLengthException(kind, length, "must be at most 1 (the error code)");
                }
            }
            default -> {
                if (length == 0) {
                    throw new FrameLengthException(kind, length, "audio must not be empty");
                }
                if (length % 2 != 0) {
                    throw new FrameLengthException(kind, length, "16-bit audio needs an even length");
                }
                if (length > maxAudioPayload) {
                    throw new FrameLengthException(kind, length, "larger than the maximum of " + maxAudioPayload);
                }
            }
        }
    }
}
