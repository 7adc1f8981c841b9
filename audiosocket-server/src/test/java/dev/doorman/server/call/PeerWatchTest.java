package dev.doorman.server.call;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerWatchTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aConnectionThatTakesOurAudioIsAQuietCall() {
        PeerWatch watch = new PeerWatch(100, 0);
        watch.onFrameWritten(10 * S - S / 50);
        assertEquals(PeerWatch.Verdict.QUIET, watch.onFramesIdle(10 * S, 0, true));
    }

    @Test
    void withoutAudioSentOrTakenNothingShowsThePeerIsThere() {
        PeerWatch watch = new PeerWatch(100, 0);
        assertEquals(PeerWatch.Verdict.UNPROVEN, watch.onFramesIdle(10 * S, 0, true), "nothing ever sent");
        watch.onFrameWritten(8 * S);
        assertEquals(PeerWatch.Verdict.UNPROVEN, watch.onFramesIdle(10 * S, 0, true), "nothing sent for 2 s");
        watch.onFrameWritten(10 * S);
        assertEquals(PeerWatch.Verdict.UNPROVEN, watch.onFramesIdle(10 * S, 0, false), "sent, but not taken");
    }

    @Test
    void partOfAFrameWaitingTheWholeIdleTimeIsAStall() {
        PeerWatch watch = new PeerWatch(100, 0);
        watch.onFrameWritten(10 * S);
        assertEquals(PeerWatch.Verdict.STALLED_MID_FRAME, watch.onFramesIdle(10 * S, 7, true));
    }

    @Test
    void theAudioGapFollowsFrameArrivals() {
        PeerWatch watch = new PeerWatch(100, 0);
        watch.onAudioFrame(S);
        assertEquals(0, watch.silenceDue(S + S / 20, 8000));
        assertFalse(watch.inAudioGap());
        assertEquals(1600, watch.silenceDue(S + S / 5, 8000));
        assertTrue(watch.inAudioGap());
    }
}
