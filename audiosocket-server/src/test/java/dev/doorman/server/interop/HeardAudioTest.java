package dev.doorman.server.interop;

import dev.doorman.server.audio.WavFile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The recording checks catch what they are for: lost, altered, cut or long-delayed audio. */
class HeardAudioTest {
    private static final int FRAME = 320;

    /** 1 s of a sound that never repeats itself within the prompt. */
    private static byte[] prompt() {
        byte[] pcm = new byte[16000];
        for (int i = 0; i < pcm.length; i += 2) {
            short s = (short) (4000 * Math.sin(i * 0.013) + 3000 * Math.sin(i * 0.0007 + 1));
            pcm[i] = (byte) s;
            pcm[i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    private static WavFile heard(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[3 * FRAME]); // comfort silence before
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        out.writeBytes(new byte[3 * FRAME]);
        return new WavFile(8000, out.toByteArray());
    }

    @Test
    void acceptsTheWholePromptAndShortPauses() {
        byte[] p = prompt();
        HeardAudio.assertContainsExactly(heard(p), new WavFile(8000, p));
        HeardAudio.assertContainsExactly(heard(Arrays.copyOf(p, 8000), new byte[5 * FRAME],
                Arrays.copyOfRange(p, 8000, p.length)), new WavFile(8000, p));
        HeardAudio.assertContainsAllOf(heard(p), new WavFile(8000, p));
    }

    @Test
    void rejectsALostFrameAlteredAudioALongPauseAndACutEnd() {
        byte[] p = prompt();
        WavFile expected = new WavFile(8000, p);
        WavFile lost = heard(Arrays.copyOf(p, 8000), Arrays.copyOfRange(p, 8000 + FRAME, p.length));
        assertThrows(AssertionError.class, () -> HeardAudio.assertContainsExactly(lost, expected));
        byte[] altered = p.clone();
        altered[9000] ^= 0x40;
        assertThrows(AssertionError.class, () -> HeardAudio.assertContainsExactly(heard(altered), expected));
        WavFile paused = heard(Arrays.copyOf(p, 8000), new byte[20 * FRAME], Arrays.copyOfRange(p, 8000, p.length));
        assertThrows(AssertionError.class, () -> HeardAudio.assertContainsExactly(paused, expected), "400 ms pause");
        WavFile cut = new WavFile(8000, Arrays.copyOf(p, p.length - 4 * FRAME));
        assertThrows(AssertionError.class, () -> HeardAudio.assertContainsExactly(cut, expected));
        HeardAudio.assertContainsExactly(cut, expected, 100); // allowed where the bot hangs up
        assertThrows(AssertionError.class, () -> HeardAudio.assertContainsAllOf(lostHalf(p), expected));
    }

    private static WavFile lostHalf(byte[] p) {
        return heard(Arrays.copyOf(p, p.length / 2));
    }
}
