package dev.doorman.server.ami;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits the manager's byte stream into messages: the one-line banner
 * ({@code Asterisk Call Manager/<version>}) first, then blocks of {@code Key: Value} lines ended by
 * an empty line. Lines end in CRLF (a bare LF is accepted). A line or a message beyond the limits
 * is an error: the connection is then unusable and is closed by the client.
 */
final class AmiDecoder extends ByteToMessageDecoder {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_FIELDS = 1024;

    /** The banner the manager sends on connect, e.g. version {@code 12.0.0}. */
    record Banner(String version) {
    }

    private boolean bannerSeen;
    private List<Map.Entry<String, String>> fields = new ArrayList<>();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                if (in.readableBytes() > MAX_LINE) {
                    in.skipBytes(in.readableBytes());
                    throw new TooLongFrameException("AMI line longer than " + MAX_LINE + " bytes");
                }
                return;
            }
            int length = eol - in.readerIndex();
            if (length > MAX_LINE) {
                throw new TooLongFrameException("AMI line longer than " + MAX_LINE + " bytes");
            }
            int end = length > 0 && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
            String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
            in.readerIndex(eol + 1);
            if (!bannerSeen) {
                bannerSeen = true;
                int slash = line.indexOf('/');
                out.add(new Banner(slash >= 0 ? line.substring(slash + 1).strip() : line.strip()));
                continue;
            }
            if (line.isEmpty()) {
                if (!fields.isEmpty()) {
                    out.add(AmiMessage.of(fields));
                    fields = new ArrayList<>();
                }
                continue;
            }
            if (fields.size() >= MAX_FIELDS) {
                throw new TooLongFrameException("AMI message with more than " + MAX_FIELDS + " fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                // Command output without a key (older "Response: Follows" style): keep it as Output.
                fields.add(Map.entry("Output", line));
            } else {
                String value = line.substring(colon + 1);
                fields.add(Map.entry(line.substring(0, colon).strip(), value.startsWith(" ") ? value.substring(1) : value));
            }
        }
    }
}
