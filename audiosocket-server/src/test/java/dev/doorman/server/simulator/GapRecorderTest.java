package dev.doorman.server.simulator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GapRecorderTest {
    private static final long MS = 1_000_000L;

    @Test
    void gapsAndErrorsAgainstThe20msPeriod() {
        GapRecorder r = new GapRecorder(20 * MS);
        for (long t : new long[] {0, 20 * MS, 41 * MS, 60 * MS, 100 * MS}) {
            r.frameAt(t);
        }
        GapStats s = r.stats();

        assertEquals(5, r.frames());
        assertEquals(4, s.gaps()); // 20, 21, 19, 40
        assertEquals(40.0, s.gapMaxMs(), 0.4);
        assertEquals(20.0, s.errorMaxMs(), 0.2);
        assertEquals(1.0, s.errorP50Ms(), 0.01);
        assertEquals(20.0, s.gapP50Ms(), 0.2);
    }

    @Test
    void burstFramesCountAsZeroGaps() {
        GapRecorder r = new GapRecorder(20 * MS);
        r.frameAt(5 * MS);
        r.frameAt(5 * MS);

        assertEquals(0.0, r.stats().gapMaxMs());
        assertEquals(20.0, r.stats().errorMaxMs(), 0.2);
    }

    @Test
    void fewerThanTwoFramesHaveNoGaps() {
        GapRecorder r = new GapRecorder(20 * MS);
        r.frameAt(0);

        assertEquals(0, r.stats().gaps());
        assertEquals(0.0, r.stats().gapP99Ms());
    }

    @Test
    void mergingAddsDistributions() {
        GapRecorder a = new GapRecorder(20 * MS);
        a.frameAt(0);
        a.frameAt(20 * MS);
        GapRecorder b = new GapRecorder(20 * MS);
        b.frameAt(0);
        b.frameAt(30 * MS);

        a.add(b);

        assertEquals(4, a.frames());
        assertEquals(2, a.stats().gaps());
        assertEquals(30.0, a.stats().gapMaxMs(), 0.3);
    }
}
