package dev.doorman.server.audio;

import static dev.doorman.server.pipeline.PcmAssertions.amplitudeAt;
import static dev.doorman.server.pipeline.PcmAssertions.tone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    @ParameterizedTest
    @CsvSource({"8000,16000", "16000,8000", "22050,8000", "24000,8000", "8000,48000", "44100,16000"})
    void keepsAnInBandToneAndTheDuration(int from, int to) {
        byte[] in = tone(440, from, 1.0, 10_000);
        byte[] out = Resampler.convert(in, from, to);
        assertEquals(to, out.length / 2, 1, "one second in, one second out");
        // Skip the edges (the filter fades in from silence) and measure the tone.
        byte[] middle = java.util.Arrays.copyOfRange(out, out.length / 4 & ~1, 3 * out.length / 4 & ~1);
        assertEquals(10_000, amplitudeAt(middle, to, 440), 150);
    }

    @Test
    void removesToneAboveTheNewNyquistInsteadOfAliasingIt() {
        // 5 kHz does not exist at 8 kHz: without a low-pass it would fold to 3 kHz.
        byte[] in = tone(5000, 22050, 1.0, 10_000);
        byte[] out = Resampler.convert(in, 22050, 8000);
        assertTrue(amplitudeAt(out, 8000, 3000) < 50, "aliased energy at 3 kHz: " + amplitudeAt(out, 8000, 3000));
    }

    @Test
    void streamingInOddChunksEqualsOneShot() {
        byte[] in = tone(700, 8000, 0.5, 8000);
        byte[] whole = Resampler.convert(in, 8000, 16000);
        Resampler r = new Resampler(8000, 16000);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        int[] sizes = {1, 319, 320, 7, 160, 33};
        int pos = 0;
        for (int k = 0; pos < in.length; k++) {
            int len = Math.min(sizes[k % sizes.length], in.length - pos);
            streamed.writeBytes(r.process(in, pos, len));
            pos += len;
        }
        streamed.writeBytes(r.flush());
        assertArrayEquals(whole, streamed.toByteArray());
    }

    @Test
    void holdsBackOnlyTheFilterDelayWhileStreaming() {
        Resampler r = new Resampler(8000, 16000);
        byte[] out = r.process(new byte[3200], 0, 3200); // 200 ms
        int expectedAll = 3200;                           // samples at 16 kHz for 200 ms
        assertTrue(out.length / 2 >= expectedAll - 2 * 2 * r.delaySamples(), "output so far: " + out.length / 2);
    }

    @Test
    void rejectsBadRatesAndUseAfterFlush() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 8000));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(8000, -1));
        Resampler r = new Resampler(8000, 16000);
        r.flush();
        assertThrows(IllegalStateException.class, () -> r.process(new byte[2], 0, 2));
    }

    @Test
    void sameRateIsACopy() {
        byte[] in = tone(440, 8000, 0.1, 5000);
        assertArrayEquals(in, Resampler.convert(in, 8000, 8000));
    }
}
