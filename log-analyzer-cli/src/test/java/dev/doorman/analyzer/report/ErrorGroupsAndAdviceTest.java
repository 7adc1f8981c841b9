package dev.doorman.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.model.ErrorGroups;
import dev.doorman.analyzer.model.ErrorOccurrence;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorGroupsAndAdviceTest {

    @Test
    void messagesDifferingOnlyInNumbersAndIdsShareAGroup() {
        ErrorGroups groups = new ErrorGroups();
        groups.add("c1", new ErrorOccurrence("2026-11-20T10:00:00Z", 1, "timeout", "timed out after 3001 ms", "stt"));
        groups.add("c2", new ErrorOccurrence("2026-11-20T12:00:00Z", 1, "timeout", "timed out after 2950 ms", "stt"));
        groups.add("c3", new ErrorOccurrence("2026-11-20T11:00:00Z", 1, "http_status",
                "got 503 for 6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c", "ai"));
        List<ErrorGroups.Group> list = groups.groups();
        assertEquals(2, list.size());
        assertEquals("timed out after # ms", list.get(0).pattern());
        assertEquals(2, list.get(0).count());
        assertEquals(List.of("c1", "c2"), list.get(0).exampleCallIds());
        assertEquals("2026-11-20T10:00:00Z", list.get(0).firstSeen().toString());
        assertEquals("2026-11-20T12:00:00Z", list.get(0).lastSeen().toString());
        assertEquals("got # for <id>", list.get(1).pattern());
    }

    @Test
    void slowUncachedSynthesisSuggestsThePhraseCache() throws Exception {
        Report report = new ReportBuilder(CallFileAnalyzer.withDefaults(),
                dev.doorman.analyzer.threshold.Thresholds.defaults(), new dev.doorman.analyzer.advice.Suggestions(), 1, 5)
                .summary(new dev.doorman.analyzer.read.LogDirectory(TestDirs.goldenLogs()), TimeWindow.ALL, false,
                        Progress.NONE);
        assertTrue(report.suggestions().get(0).contains("phrase cache"), report.suggestions().toString());
        assertTrue(report.suggestions().get(0).contains("67% of syntheses were not cached"));
    }
}
