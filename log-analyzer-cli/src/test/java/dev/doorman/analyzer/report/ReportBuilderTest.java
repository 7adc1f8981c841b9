package dev.doorman.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.TurnFigures;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.read.Problem;
import dev.doorman.analyzer.report.render.JsonRenderer;
import dev.doorman.analyzer.threshold.Thresholds;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
    private static final String CALL1 = "11111111-1111-4111-8111-111111111111";

    private static ReportBuilder builder(int threads) {
        return new ReportBuilder(CallFileAnalyzer.withDefaults(), Thresholds.defaults(), new Suggestions(), threads, 10);
    }

    @Test
    void oneCallHasHandComputedTurnLatenciesAndShares() {
        Report report = builder(1).call(new LogDirectory(TestDirs.goldenLogs()), CALL1).orElseThrow();
        CallSummary call = report.call();
        List<TurnFigures> turns = call.turns();
        assertEquals(3, turns.size());
        assertEquals(760, turns.get(0).latencyMs(), 1e-9);
        assertEquals(1460, turns.get(0).perceivedMs(), 1e-9);
        assertEquals(5, turns.get(0).otherMs(), 1e-9);
        assertEquals(1240, turns.get(1).latencyMs(), 1e-9);
        assertEquals("resident", turns.get(2).party());
        assertEquals(330, turns.get(2).latencyMs(), 1e-9);
        assertEquals(17000, call.durationMs(), 1e-9);
        assertEquals(1, call.bargeIns());
        assertEquals(1, call.dtmfDigits());
        assertEquals(3000, report.figures(Metric.RING_TIME).maxMs(), 1e-9);
        assertEquals(2, report.figures(Metric.SYNTHESIS_CACHED).count());
        assertEquals(26, call.timeline().size());
    }

    @Test
    void summaryCountsDataLossAndReadsLegacyFiles() throws Exception {
        Report report = builder(2).summary(new LogDirectory(TestDirs.goldenLogs()), TimeWindow.ALL, true, Progress.NONE);
        assertEquals(3, report.aggregate().calls());
        assertEquals(5, report.figures(Metric.TURN_LATENCY).count());
        assertEquals(3710, report.figures(Metric.TURN_LATENCY).maxMs(), 1e-9);
        assertEquals(1, report.dataQuality().eventsMissingInGaps());
        assertEquals(3, report.dataQuality().eventsDroppedByLogger());
        assertEquals(1, report.dataQuality().count(Problem.UNKNOWN_EVENT_TYPE));
        CallSummary legacy = report.callReports().get(0);
        assertEquals("33333333-3333-4333-8333-333333333333", legacy.callId());
        assertEquals(Instant.parse("2026-11-19T10:00:00Z"), legacy.start());
        assertEquals(1900, legacy.turns().get(0).latencyMs(), 1e-6);
        assertEquals(2700, legacy.turns().get(0).perceivedMs(), 1e-6);
        assertEquals("synthesis", report.aggregate().shares().bottleneck());
        assertTrue(report.breached());
    }

    @Test
    void parallelAndSerialSummariesAreIdentical() throws Exception {
        String one = json(builder(1).summary(new LogDirectory(TestDirs.goldenLogs()), TimeWindow.ALL, false, Progress.NONE));
        String two = json(builder(2).summary(new LogDirectory(TestDirs.goldenLogs()), TimeWindow.ALL, false, Progress.NONE));
        assertEquals(one, two);
    }

    @Test
    void timeWindowSelectsCallsByStart() throws Exception {
        Report report = builder(2).summary(new LogDirectory(TestDirs.goldenLogs()),
                new TimeWindow(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-20T14:30:00Z")), false,
                Progress.NONE);
        assertEquals(1, report.aggregate().calls());
        assertEquals(3, report.figures(Metric.TURN_LATENCY).count());
        assertFalse(report.aggregate().slowestCalls().sorted().isEmpty());
    }

    static String json(Report report) throws Exception {
        StringWriter out = new StringWriter();
        new JsonRenderer().render(report, out);
        return out.toString();
    }
}
