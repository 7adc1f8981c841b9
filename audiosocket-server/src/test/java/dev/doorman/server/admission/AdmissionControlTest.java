package dev.doorman.server.admission;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdmissionControlTest {
    private static AdmissionConfig config(Integer max) {
        // 2 cores at 90 %, 800 ms target, every caller may speak at once
        return new AdmissionConfig(true, max, 800, 1.0, 2, 0.9, null);
    }

    /** A recognizer measured at 0.2 CPU seconds per second of audio, on 4-second utterances. */
    private static EngineLoad measured() {
        EngineLoad load = new EngineLoad();
        load.decoded(10.0, 2_000_000_000L);
        for (int i = 0; i < 50; i++) {
            load.utterance(4.0);
        }
        return load;
    }

    @Test
    void capacityIsWhatTheCoresDecodeWithinTheTargetWhenEveryoneSpeaksAtOnce() {
        AdmissionControl admission = new AdmissionControl(config(0), measured());
        // N x 4 s x 0.2 <= 2 x 0.9 x (4 s + 0.8 s)  ->  N <= 10.8
        assertEquals(10, admission.capacity());
        List<AdmissionControl.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            AdmissionControl.Decision d = admission.admit();
            assertTrue(d.admitted());
            permits.add(d.permit());
        }
        AdmissionControl.Decision refused = admission.admit();
        assertFalse(refused.admitted());
        assertEquals("capacity", refused.reason());
        assertEquals(10, refused.visits());
        assertEquals(10, refused.capacity());

        permits.get(0).release();
        permits.get(0).release(); // once only
        assertEquals(9, admission.visits());
        assertTrue(admission.admit().admitted(), "a visit that ended makes room");
        assertFalse(admission.admit().admitted());
        assertEquals(2, admission.refusedCount("capacity"));
    }

    @Test
    void halfTheCallersSpeakingAtOnceDoublesTheCapacity() {
        AdmissionConfig half = new AdmissionConfig(true, 0, 800, 0.5, 2, 0.9, null);
        assertEquals(21, new AdmissionControl(half, measured()).capacity());
    }

    @Test
    void aBacklogTheCoresCannotDrainWithinTheTargetRefusesNewCallers() {
        EngineLoad load = measured();
        AdmissionControl admission = new AdmissionControl(config(0), load);
        load.backlog(8.0); // 8 s of audio x 0.2 / 1.8 cores = 0.89 s > 0.8 s
        AdmissionControl.Decision d = admission.admit();
        assertEquals("backlog", d.reason());
        load.backlog(-2.0); // 0.67 s
        assertTrue(admission.admit().admitted());
    }

    @Test
    void theCeilingAppliesEvenBeforeTheRecognizerIsMeasured() {
        AdmissionControl admission = new AdmissionControl(config(2), new EngineLoad());
        assertEquals(Integer.MAX_VALUE, admission.capacity());
        assertTrue(admission.admit().admitted());
        assertTrue(admission.admit().admitted());
        assertEquals("max_conversations", admission.admit().reason());
    }

    @Test
    void disabledAdmitsEveryone() {
        AdmissionControl admission = new AdmissionControl(new AdmissionConfig(false, 1, null, null, null, null, null),
                measured());
        for (int i = 0; i < 50; i++) {
            assertNull(admission.admit().reason());
        }
    }

    @Test
    void theMetersSayHowOftenAndWhy() {
        AdmissionControl admission = new AdmissionControl(config(1), measured());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        admission.bindTo(registry);
        admission.admit();
        admission.admit();
        assertEquals(1.0, registry.get("doorman.admission.admitted").functionCounter().count());
        assertEquals(1.0, registry.get("doorman.admission.refused").tag("reason", "max_conversations")
                .functionCounter().count());
        assertEquals(10.0, registry.get("doorman.admission.capacity").gauge().value());
        assertEquals(0.2, registry.get("doorman.stt.real.time.factor").gauge().value(), 1e-9);
    }

    @Test
    void badValuesNameTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdmissionConfig(true, 0, 800, 1.5, 0, 0.9, null));
        assertTrue(e.getMessage().startsWith("conversation.admission.speakingShare"), e.getMessage());
    }
}
