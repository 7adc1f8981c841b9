package dev.doorman.server.ami;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes an action as {@code Key: Value} lines with CRLF, ended by an empty line. */
@ChannelHandler.Sharable
final class AmiEncoder extends MessageToByteEncoder<AmiMessage> {
    @Override
    protected void encode(ChannelHandlerContext ctx, AmiMessage msg, ByteBuf out) {
        for (Map.Entry<String, String> f : msg.fields()) {
            out.writeCharSequence(f.getKey(), StandardCharsets.UTF_8);
            out.writeCharSequence(": ", StandardCharsets.US_ASCII);
            out.writeCharSequence(f.getValue(), StandardCharsets.UTF_8);
            out.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
        }
        out.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
    }
}
