package dev.doorman.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link AudioSocketFrame}s with header and payload in one buffer: Asterisk abandons a call
 * when a payload arrives more than ~5 ms after its header, so they must never be split into two
 * writes. Frames Asterisk cannot take (empty or odd-length audio) fail the write instead of
 * reaching the wire, because Asterisk drops the call on them.
 */
@ChannelHandler.Sharable
public final class AudioSocketEncoder extends MessageToByteEncoder<AudioSocketFrame> {
    public AudioSocketEncoder() {
        super(AudioSocketFrame.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, AudioSocketFrame frame, boolean preferDirect) {
        int size = AudioSocketDecoder.HEADER_BYTES + frame.content().readableBytes();
        return preferDirect ? ctx.alloc().ioBuffer(size, size) : ctx.alloc().heapBuffer(size, size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AudioSocketFrame frame, ByteBuf out) {
        ByteBuf payload = frame.content();
        int length = payload.readableBytes();
        if (frame.kind().isAudio() && (length == 0 || length % 2 != 0)) {
            throw new EncoderException("refusing to send " + frame.kind() + " audio of " + length
                    + " bytes: Asterisk drops the call on empty or odd-length audio");
        }
        out.writeByte(frame.kind().code());
        out.writeShort(length);
        out.writeBytes(payload, payload.readerIndex(), length);
    }
}
