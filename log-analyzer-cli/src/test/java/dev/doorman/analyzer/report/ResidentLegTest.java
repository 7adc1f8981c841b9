package dev.doorman.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.ResidentCounts;
import dev.doorman.analyzer.model.TurnFigures;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.threshold.Thresholds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident leg from events in the shape the server writes: ring time, response time, decisions, attempts, per-party turns. */
class ResidentLegTest {
    private static final String ID = "aaaaaaaa-0000-4000-8000-00000000000a";

    @TempDir
    Path dir;

    private static ReportBuilder builder() {
        return new ReportBuilder(CallFileAnalyzer.withDefaults(), Thresholds.defaults(), new Suggestions(), 2, 10);
    }

    @Test
    void ringResponseDecisionAndAttempts() {
        CallFiles.visitWithResident(ID, Instant.parse("2026-11-20T10:00:00Z"), "tower-a").writeTo(dir);
        Report report = builder().call(new LogDirectory(dir), ID).orElseThrow();
        CallSummary call = report.call();
        assertEquals(4200, report.figures(Metric.RING_TIME).maxMs(), 1e-9);
        // AUTHORIZATION at 14400 - MORADOR_CONNECTED (attempt 2) at 10900
        assertEquals(3500, report.figures(Metric.RESIDENT_RESPONSE).maxMs(), 1e-9);
        assertEquals(2, call.resident().attempts());
        assertEquals(1, call.resident().connected());
        assertEquals(List.of("busy"), call.resident().noAnswerReasons());
        assertEquals("authorized", call.resident().decision());
        assertEquals("speech", call.resident().decidedBy());
        assertEquals("ok", call.resident().doorStatus());
        assertEquals("tower-a", call.building());
    }

    /**
     * The server plays an answer from its first sentence (SYNTHESIS_COMPLETE then comes after
     * PLAYBACK_START, with first_audio_ms), and says more in the same turn later ("Mary Jones has
     * answered"): the turn's synthesis share is the answer's time to its first audio only.
     */
    @Test
    void aTurnsSynthesisIsItsAnswerUpToTheFirstAudio() {
        CallFiles f = new CallFiles(ID, Instant.parse("2026-11-20T10:00:00Z"));
        f.event(0, "CALL_SETUP", "{}");
        f.event(1000, "SPEECH_ENDED", "{\"source\":\"visitor\",\"turn\":1,\"duration_ms\":900.0,\"hangover_ms\":600.0}");
        f.event(1150, "TRANSCRIPTION_COMPLETE", "{\"source\":\"visitor\",\"turn\":1,\"text\":\"x\",\"duration_ms\":150.0}");
        f.event(1170, "AI_PROCESSING_COMPLETE", "{\"turn\":1,\"response_text\":\"y\",\"duration_ms\":20.0}");
        f.event(1176, "PLAYBACK_START", "{\"target\":\"visitor\",\"turn\":1}");
        f.event(1200, "SYNTHESIS_COMPLETE", "{\"target\":\"visitor\",\"turn\":1,\"duration_ms\":30.0,\"first_audio_ms\":5.0,\"cached\":false}");
        f.event(9000, "SYNTHESIS_COMPLETE", "{\"target\":\"visitor\",\"turn\":1,\"duration_ms\":40.0,\"first_audio_ms\":40.0,\"cached\":false}");
        f.event(9001, "PLAYBACK_START", "{\"target\":\"visitor\",\"turn\":1}");
        f.writeTo(dir);
        TurnFigures turn = builder().call(new LogDirectory(dir), ID).orElseThrow().call().turns().get(0);
        assertEquals(176, turn.latencyMs(), 1e-9);
        assertEquals(5, turn.synthesisMs(), 1e-9);
        assertEquals(1, turn.otherMs(), 1e-9);
        var synthesis = builder().call(new LogDirectory(dir), ID).orElseThrow().figures(Metric.SYNTHESIS);
        assertEquals(2, synthesis.count(), "the stage figures still count every synthesis");
        assertEquals(35, synthesis.meanMs(), 1e-9, "whole");
    }

    @Test
    void turnLatencyStaysPerPartyWhenBothNumberTheirTurnsFromOne() {
        CallFiles.visitWithResident(ID, Instant.parse("2026-11-20T10:00:00Z"), null).writeTo(dir);
        Report report = builder().call(new LogDirectory(dir), ID).orElseThrow();
        List<TurnFigures> turns = report.call().turns();
        assertEquals(2, turns.size());
        TurnFigures visitor = turns.get(0);
        TurnFigures resident = turns.get(1);
        assertEquals("visitor", visitor.party());
        assertEquals(510, visitor.latencyMs(), 1e-9);
        assertEquals(50, visitor.aiMs(), 1e-9);
        assertEquals("resident", resident.party());
        assertEquals(310, resident.latencyMs(), 1e-9);
        assertEquals(30, resident.aiMs(), 1e-9, "the resident's AI time must not land on the visitor's turn 1");
        assertEquals(510, report.figures(Metric.TURN_LATENCY_VISITOR).maxMs(), 1e-9);
        assertEquals(310, report.figures(Metric.TURN_LATENCY_RESIDENT).maxMs(), 1e-9);
        assertNull(report.call().building());
    }

    @Test
    void summaryCountsDecisionsReasonsAndTimeouts() throws Exception {
        CallFiles.visitWithResident(ID, Instant.parse("2026-11-20T10:00:00Z"), null).writeTo(dir);
        new CallFiles("aaaaaaaa-0000-4000-8000-00000000000b", Instant.parse("2026-11-20T11:00:00Z"))
                .event(0, "CALL_SETUP", "{}")
                .event(100, "CALL_MORADOR", "{\"apartment\":\"101\",\"resident\":\"A\",\"destination\":\"1101\",\"attempt\":1}")
                .event(30100, "RESIDENT_NO_ANSWER", "{\"reason\":\"no_answer\",\"attempt\":1}")
                .event(30200, "AUTHORIZATION", "{\"decision\":\"no_answer\",\"by\":\"timeout\",\"apartment\":\"101\",\"resident\":\"A\"}")
                .writeTo(dir);
        Report report = builder().summary(new LogDirectory(dir), TimeWindow.ALL, false, Progress.NONE);
        ResidentCounts r = report.aggregate().resident();
        assertEquals(2, r.calls());
        assertEquals(3, r.attempts());
        assertEquals(1, r.connected());
        assertEquals(Map.of("authorized", 1L, "no_answer", 1L), r.decisions());
        assertEquals(Map.of("speech", 1L, "timeout", 1L), r.decidedBy());
        assertEquals(Map.of("busy", 1L, "no_answer", 1L), r.noAnswerReasons());
        // a timeout is not a response: only the answered call has a response time
        assertEquals(1, report.figures(Metric.RESIDENT_RESPONSE).count());
    }
}
