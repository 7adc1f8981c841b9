package dev.doorman.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds the server decoder random and mutated streams in random chunks. Whatever the input, the only
 * exceptions are the protocol's own, every frame it emits obeys the rules, and no buffer leaks.
 */
class AudioSocketDecoderFuzzTest {
    private static final int MAX = 1024;

    @RepeatedTest(300)
    void randomBytes(RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition());
        byte[] bytes = new byte[random.nextInt(4096)];
        random.nextBytes(bytes);
        if (random.nextBoolean() && bytes.length > 19) {
            System.arraycopy(Frames.uuid(Frames.CALL), 0, bytes, 0, 19); // get past the first rule sometimes
        }
        feed(bytes, random);
    }

    @RepeatedTest(300)
    void mutatedValidStreams(RepetitionInfo info) {
        Random random = new Random(1_000_000L + info.getCurrentRepetition());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(Frames.uuid(Frames.CALL));
        for (int i = 0, n = random.nextInt(40); i < n; i++) {
            switch (random.nextInt(4)) {
                case 0 -> stream.writeBytes(Frames.raw(0x03, new byte[] {(byte) '0'}));
                case 1 -> stream.writeBytes(Frames.raw(0x12, new byte[640]));
                default -> stream.writeBytes(Frames.audio(2 * (1 + random.nextInt(200))));
            }
        }
        byte[] bytes = stream.toByteArray();
        for (int m = 0, mutations = 1 + random.nextInt(4); m < mutations && bytes.length > 0; m++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                default -> {
                    byte[] cut = new byte[at];
                    System.arraycopy(bytes, 0, cut, 0, at);
                    bytes = cut;
                }
            }
        }
        feed(bytes, random);
    }

    private static void feed(byte[] bytes, Random random) {
        EmbeddedChannel ch = new EmbeddedChannel(AudioSocketDecoder.forServer(MAX));
        ByteBuf input = Unpooled.wrappedBuffer(bytes);
        boolean failed = false;
        int frames = 0;
        while (input.isReadable()) {
            int chunk = Math.min(input.readableBytes(), 1 + random.nextInt(700));
            try {
                ch.writeInbound(input.readRetainedSlice(chunk));
            } catch (AudioSocketProtocolException e) {
                assertTrue(!failed, "only the first violation is raised");
                failed = true;
            } catch (RuntimeException e) {
                fail("unexpected exception " + e, e);
            }
            for (Object o; (o = ch.readInbound()) != null; ) {
                AudioSocketFrame frame = (AudioSocketFrame) o;
                check(frame, frames++);
                frame.release();
            }
        }
        input.release();
        ch.finishAndReleaseAll();
    }

    private static void check(AudioSocketFrame frame, int index) {
        int length = frame.payload().readableBytes();
        if (index == 0) {
            assertEquals(FrameKind.UUID, frame.kind());
        }
        switch (frame.kind()) {
            case UUID -> assertEquals(16, length);
            case DTMF -> assertEquals(1, length);
            case HANGUP -> assertEquals(0, length);
            case ERROR -> assertTrue(length <= 1);
            default -> assertTrue(length > 0 && length % 2 == 0 && length <= MAX, "audio length " + length);
        }
    }
}
