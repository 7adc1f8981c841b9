package dev.doorman.server.pipeline.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MissingAudioTest {
    private static final long MS = 1_000_000L;

    @Test
    void jitterShorterThanTheGapNeverBecomesSilence() {
        MissingAudio gap = new MissingAudio(100, 0);
        gap.onAudio(20 * MS);
        assertEquals(0, gap.silenceDue(119 * MS, 8000), "99 ms after the last frame: only late");
        gap.onAudio(130 * MS);
        assertEquals(0, gap.silenceDue(200 * MS, 8000));
        assertFalse(gap.inGap());
    }

    @Test
    void onceTheGapIsReachedAllTheMissingTimeIsDueThenWhatElapses() {
        MissingAudio gap = new MissingAudio(100, 0);
        gap.onAudio(20 * MS);
        assertEquals(800, gap.silenceDue(120 * MS, 8000), "100 ms since the last frame, at 8 kHz");
        assertTrue(gap.inGap());
        assertEquals(160, gap.silenceDue(140 * MS, 8000), "then each tick's 20 ms");
        assertEquals(0, gap.silenceDue(140 * MS, 8000), "nothing twice");
        assertEquals(320, gap.silenceDue(150 * MS, 32000), "at the call's current rate");
        gap.onAudio(160 * MS);
        assertFalse(gap.inGap(), "a frame ends the gap");
        assertEquals(0, gap.silenceDue(200 * MS, 8000));
    }

    @Test
    void aCallWhoseCallerNeverSendsAudioIsSilentFromItsStart() {
        MissingAudio gap = new MissingAudio(100, 5_000 * MS);
        assertEquals(0, gap.silenceDue(5_050 * MS, 8000));
        assertEquals(32000, gap.silenceDue(7_000 * MS, 16000), "two seconds at 16 kHz, counted from the start");
    }

    @Test
    void fractionalSamplesCarryOverInsteadOfDrifting() {
        MissingAudio gap = new MissingAudio(40, 0);
        long total = 0;
        for (long t = 40; t <= 10_040; t += 20) {
            total += gap.silenceDue(t * MS, 44100);
        }
        assertEquals(44100L * 10_040 / 1000, total, 1);
        assertThrows(IllegalArgumentException.class, () -> new MissingAudio(0, 0));
    }
}
