package dev.doorman.server.ami;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmiCodecTest {
    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void bannerThenMessagesSplitOnBlankLinesWhateverTheChunking() {
        String wire = "Asterisk Call Manager/12.0.0\r\nResponse: Success\r\nActionID: a1\r\nMessage: Authentication accepted\r\n\r\n"
                + "Event: OriginateResponse\r\nActionID: a2\r\nResponse: Failure\r\nReason: 5\r\n\r\n";
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder());
        for (int i = 0; i < wire.length(); i += 7) { // arbitrary TCP segmentation
            ch.writeInbound(ascii(wire.substring(i, Math.min(wire.length(), i + 7))));
        }
        AmiDecoder.Banner banner = assertInstanceOf(AmiDecoder.Banner.class, ch.readInbound());
        assertEquals("12.0.0", banner.version());
        AmiMessage login = ch.readInbound();
        assertTrue(login.isResponse() && login.isSuccess());
        assertEquals("a1", login.actionId().orElseThrow());
        AmiMessage event = ch.readInbound();
        assertEquals("OriginateResponse", event.event().orElseThrow());
        assertEquals("5", event.get("reason").orElseThrow(), "keys compare case-insensitively");
        assertNull(ch.readInbound());
    }

    @Test
    void bareLineFeedsRepeatedKeysAndColonsInValuesAreKept() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder());
        ch.writeInbound(ascii("Asterisk Call Manager/9\nEvent: Status\nVariable: CALL_ID=abc\nVariable: X=a:b\n\n"));
        ch.readInbound();
        AmiMessage status = ch.readInbound();
        assertEquals(List.of("CALL_ID=abc", "X=a:b"), status.all("Variable"));
    }

    @Test
    void anEndlessLineIsAnErrorNotUnboundedMemory() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder());
        ch.writeInbound(ascii("Asterisk Call Manager/12.0.0\r\n"));
        ch.readInbound();
        DecoderException e = assertThrows(DecoderException.class,
                () -> ch.writeInbound(ascii("Event: x" + "y".repeat(AmiDecoder.MAX_LINE + 10))));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }

    @Test
    void actionsAreWrittenAsCrlfLinesEndedByABlankLine() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiEncoder());
        ch.writeOutbound(AmiMessage.action("Originate").add("Channel", "Local/1303@residents").add("Async", true).build());
        ByteBuf out = ch.readOutbound();
        assertEquals("Action: Originate\r\nChannel: Local/1303@residents\r\nAsync: true\r\n\r\n", out.toString(StandardCharsets.UTF_8));
        out.release();
    }

    @Test
    void aLineBreakInAValueIsRefusedSoDirectoryTextCannotInjectFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AmiMessage.action("Originate").add("Channel", "Local/1303@residents\r\nAction: Command"));
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
        assertEquals("{Action: Login, Secret: ***}", AmiMessage.action("Login").add("Secret", "s3cret").build().toString(),
                "secrets never reach a log line");
    }
}
