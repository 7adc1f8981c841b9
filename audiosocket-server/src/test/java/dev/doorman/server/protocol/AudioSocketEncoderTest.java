package dev.doorman.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AudioSocketEncoderTest {
    @Test
    void writesHeaderAndPayloadAsOneBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(new AudioSocketEncoder());
        ch.writeOutbound(AudioSocketFrame.audio(FrameKind.AUDIO_16K, Unpooled.wrappedBuffer(new byte[640])));
        ByteBuf out = ch.readOutbound();
        assertEquals(643, out.readableBytes(), "one buffer: header and payload never leave separately");
        assertEquals(0x12, out.getUnsignedByte(0));
        assertEquals(640, out.getUnsignedShort(1));
        assertNull(ch.readOutbound());
        out.release();
    }

    @Test
    void encodesEveryKindTheDecoderReadsBack() {
        EmbeddedChannel enc = new EmbeddedChannel(new AudioSocketEncoder());
        List<AudioSocketFrame> sent = List.of(AudioSocketFrame.uuid(Frames.CALL), AudioSocketFrame.dtmf('#'),
                AudioSocketFrame.audio(FrameKind.AUDIO_8K, Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4})),
                AudioSocketFrame.error(3), AudioSocketFrame.hangup());
        sent.forEach(enc::writeOutbound);
        EmbeddedChannel dec = new EmbeddedChannel(AudioSocketDecoder.forServer(8192));
        for (Object o; (o = enc.readOutbound()) != null; ) {
            dec.writeInbound(o);
        }
        AudioSocketFrame uuid = dec.readInbound();
        assertEquals(Frames.CALL, uuid.uuidValue());
        AudioSocketFrame dtmf = dec.readInbound();
        assertEquals('#', dtmf.dtmfDigit());
        AudioSocketFrame audio = dec.readInbound();
        byte[] pcm = new byte[4];
        audio.payload().getBytes(audio.payload().readerIndex(), pcm);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, pcm);
        AudioSocketFrame error = dec.readInbound();
        assertEquals(3, error.errorCode());
        AudioSocketFrame hangup = dec.readInbound();
        assertEquals(FrameKind.HANGUP, hangup.kind());
        assertEquals(0, hangup.payload().readableBytes());
        List.of(uuid, dtmf, audio, error, hangup).forEach(AudioSocketFrame::release);
    }

    @Test
    void neverSendsEmptyOrOddAudio() {
        EmbeddedChannel ch = new EmbeddedChannel(new AudioSocketEncoder());
        assertThrows(EncoderException.class,
                () -> ch.writeOutbound(AudioSocketFrame.audio(FrameKind.AUDIO_8K, Unpooled.EMPTY_BUFFER)));
        assertThrows(EncoderException.class,
                () -> ch.writeOutbound(AudioSocketFrame.audio(FrameKind.AUDIO_8K, Unpooled.wrappedBuffer(new byte[3]))));
        assertNull(ch.readOutbound(), "nothing reached the wire");
    }

    @Test
    void audioFramesMustHaveAnAudioKind() {
        assertThrows(IllegalArgumentException.class,
                () -> AudioSocketFrame.audio(FrameKind.DTMF, Unpooled.wrappedBuffer(new byte[2])));
    }
}
