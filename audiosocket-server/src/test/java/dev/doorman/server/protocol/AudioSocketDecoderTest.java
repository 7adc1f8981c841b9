package dev.doorman.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.doorman.server.protocol.Frames.CALL;
import static dev.doorman.server.protocol.Frames.audio;
import static dev.doorman.server.protocol.Frames.raw;
import static dev.doorman.server.protocol.Frames.uuid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AudioSocketDecoderTest {
    private static final int MAX = 8192;

    private static EmbeddedChannel server() {
        return new EmbeddedChannel(AudioSocketDecoder.forServer(MAX));
    }

    private static List<AudioSocketFrame> drain(EmbeddedChannel ch) {
        List<AudioSocketFrame> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((AudioSocketFrame) o);
        }
        return out;
    }

    private static AudioSocketProtocolException violation(EmbeddedChannel ch, byte[]... chunks) {
        return assertThrows(AudioSocketProtocolException.class, () -> {
            for (byte[] chunk : chunks) {
                ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            }
        });
    }

    @Test
    void decodesACallAsAsteriskSendsIt() {
        EmbeddedChannel ch = server();
        ch.writeInbound(Frames.concat(uuid(CALL), audio(320), raw(0x03, new byte[] {'5'}), audio(24)));
        List<AudioSocketFrame> frames = drain(ch);
        assertEquals(4, frames.size());
        assertEquals(CALL, frames.get(0).uuidValue());
        assertEquals(FrameKind.AUDIO_8K, frames.get(1).kind());
        assertEquals(320, frames.get(1).payload().readableBytes());
        assertEquals('5', frames.get(2).dtmfDigit());
        assertEquals(24, frames.get(3).payload().readableBytes(), "Asterisk's short last frame of a file");
        frames.forEach(AudioSocketFrame::release);
        assertFalse(ch.finish());
    }

    @Test
    void reassemblesFramesFedOneByteAtATime() {
        EmbeddedChannel ch = server();
        ByteBuf all = Frames.concat(uuid(CALL), audio(320), audio(320));
        List<AudioSocketFrame> frames = new ArrayList<>();
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(1));
            frames.addAll(drain(ch));
        }
        all.release();
        assertEquals(3, frames.size());
        byte[] expected = new byte[320];
        for (int i = 0; i < 320; i++) {
            expected[i] = (byte) i;
        }
        byte[] got = new byte[320];
        frames.get(2).payload().getBytes(frames.get(2).payload().readerIndex(), got);
        assertArrayEquals(expected, got);
        frames.forEach(AudioSocketFrame::release);
    }

    @Test
    void splitsCoalescedReadsAndKeepsTheRemainderForTheNextRead() {
        EmbeddedChannel ch = server();
        byte[] second = audio(320);
        byte[] firstPart = new byte[100];
        System.arraycopy(second, 0, firstPart, 0, 100);
        byte[] rest = new byte[second.length - 100];
        System.arraycopy(second, 100, rest, 0, rest.length);
        ch.writeInbound(Frames.concat(uuid(CALL), audio(320), firstPart));
        List<AudioSocketFrame> frames = drain(ch);
        assertEquals(2, frames.size());
        ch.writeInbound(Unpooled.wrappedBuffer(rest));
        List<AudioSocketFrame> more = drain(ch);
        assertEquals(1, more.size());
        assertEquals(320, more.get(0).payload().readableBytes());
        frames.forEach(AudioSocketFrame::release);
        more.forEach(AudioSocketFrame::release);
    }

    @Test
    void theFirstFrameMustBeTheUuid() {
        AudioSocketProtocolException e = violation(server(), audio(320));
        assertInstanceOf(UuidSequenceException.class, e);
        assertEquals("uuid_expected", e.violation());
    }

    @Test
    void aHangupBeforeTheUuidIsAViolationToo() {
        assertEquals("uuid_expected", violation(server(), raw(0x00, new byte[0])).violation());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 15, 17, 36})
    void theUuidIsExactly16Bytes(int length) {
        AudioSocketProtocolException e = violation(server(), raw(0x01, new byte[length]));
        assertInstanceOf(FrameLengthException.class, e);
        assertEquals(length, ((FrameLengthException) e).length());
    }

    @Test
    void theNilUuidIsRefused() {
        assertEquals("nil_uuid", violation(server(), uuid(new UUID(0, 0))).violation());
    }

    @Test
    void aSecondUuidIsRefused() {
        assertEquals("duplicate_uuid", violation(server(), uuid(CALL), uuid(CALL)).violation());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 5})
    void dtmfIsExactlyOneByte(int length) {
        AudioSocketProtocolException e = violation(server(), uuid(CALL), raw(0x03, new byte[length]));
        assertEquals("bad_length", e.violation());
        assertEquals(FrameKind.DTMF, ((FrameLengthException) e).kind());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 321, MAX + 2})
    void audioIsANonZeroEvenLengthUpToTheMaximum(int length) {
        AudioSocketProtocolException e = violation(server(), uuid(CALL), raw(0x10, new byte[length]));
        assertEquals("bad_length", e.violation());
    }

    @Test
    void anyEvenAudioLengthUpToTheMaximumIsAccepted() {
        EmbeddedChannel ch = server();
        ch.writeInbound(Frames.concat(uuid(CALL), raw(0x10, new byte[2]), raw(0x12, new byte[640]),
                raw(0x10, new byte[MAX]), raw(0x18, new byte[224])));
        List<AudioSocketFrame> frames = drain(ch);
        assertEquals(5, frames.size());
        assertEquals(FrameKind.AUDIO_16K, frames.get(2).kind());
        assertEquals(FrameKind.AUDIO_192K, frames.get(4).kind());
        frames.forEach(AudioSocketFrame::release);
    }

    @Test
    void anOversizedFrameIsRefusedFromItsHeaderBeforeThePayloadArrives() {
        EmbeddedChannel ch = server();
        ch.writeInbound(Unpooled.wrappedBuffer(uuid(CALL)));
        drain(ch).forEach(AudioSocketFrame::release);
        // Only the header: 0xFFFF bytes announced, none sent.
        AudioSocketProtocolException e = violation(ch, new byte[] {0x10, (byte) 0xFF, (byte) 0xFE});
        assertEquals("bad_length", e.violation());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x02, 0x04, 0x0F, 0x19, 0x20, 0x7F, 0xFE})
    void unknownKindsAreRefused(int kind) {
        AudioSocketProtocolException e = violation(server(), uuid(CALL), raw(kind, new byte[2]));
        assertInstanceOf(UnknownFrameKindException.class, e);
        assertEquals(kind, ((UnknownFrameKindException) e).code());
    }

    @Test
    void aHangupCarriesNoPayload() {
        assertEquals("bad_length", violation(server(), uuid(CALL), raw(0x00, new byte[1])).violation());
    }

    @Test
    void anErrorFrameCarriesAtMostItsCode() {
        EmbeddedChannel ch = server();
        ch.writeInbound(Frames.concat(uuid(CALL), raw(0xFF, new byte[] {7})));
        List<AudioSocketFrame> frames = drain(ch);
        assertEquals(7, frames.get(1).errorCode());
        frames.forEach(AudioSocketFrame::release);
        assertEquals("bad_length", violation(server(), uuid(CALL), raw(0xFF, new byte[2])).violation());
    }

    @Test
    void afterAViolationTheRestOfTheStreamIsDiscarded() {
        EmbeddedChannel ch = server();
        violation(ch, uuid(CALL), raw(0x02, new byte[0]));
        drain(ch).forEach(AudioSocketFrame::release);
        ch.writeInbound(Unpooled.wrappedBuffer(audio(320)));
        assertNull(ch.readInbound());
    }

    @Test
    void theClientDecoderHasNoUuidRuleButTheSameLengthRules() {
        EmbeddedChannel ch = new EmbeddedChannel(AudioSocketDecoder.forClient(MAX));
        ch.writeInbound(Frames.concat(audio(320), raw(0x00, new byte[0])));
        List<AudioSocketFrame> frames = drain(ch);
        assertEquals(FrameKind.AUDIO_8K, frames.get(0).kind());
        assertEquals(FrameKind.HANGUP, frames.get(1).kind());
        frames.forEach(AudioSocketFrame::release);
        AudioSocketProtocolException e = assertThrows(AudioSocketProtocolException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer(raw(0x10, new byte[0]))));
        assertEquals("bad_length", e.violation());
    }

    @Test
    void maximumMustFitTheLengthField() {
        assertThrows(IllegalArgumentException.class, () -> AudioSocketDecoder.forServer(70_000));
        assertThrows(IllegalArgumentException.class, () -> AudioSocketDecoder.forServer(0));
    }
}
