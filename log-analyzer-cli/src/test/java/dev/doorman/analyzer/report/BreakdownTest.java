package dev.doorman.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.model.Breakdown;
import dev.doorman.analyzer.model.Dimension;
import dev.doorman.analyzer.model.GroupFigures;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.threshold.Thresholds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several servers (directories, or one tree), buildings, hours and days. */
class BreakdownTest {
    @TempDir
    Path tmp;

    private static Report summary(LogDirectory dir, Dimension by) throws Exception {
        return new ReportBuilder(CallFileAnalyzer.withDefaults(), Thresholds.defaults(), new Suggestions(), 2, 10, by)
                .summary(dir, TimeWindow.ALL, false, Progress.NONE);
    }

    private static String id(int n) {
        return String.format("bbbbbbbb-0000-4000-8000-%012d", n);
    }

    @Test
    void onePerDirectoryWithSeveralDirs() throws Exception {
        Path gate1 = tmp.resolve("gate1");
        Path gate2 = tmp.resolve("gate2");
        CallFiles.visitWithResident(id(1), Instant.parse("2026-11-20T10:00:00Z"), null).writeTo(gate1);
        CallFiles.visitWithResident(id(2), Instant.parse("2026-11-20T10:05:00Z"), null).writeTo(gate1);
        CallFiles.visitWithResident(id(3), Instant.parse("2026-11-20T11:00:00Z"), null).writeTo(gate2);
        Report report = summary(new LogDirectory(List.of(gate1, gate2)), Dimension.SERVER);
        Map<String, GroupFigures> groups = report.aggregate().breakdown().groups();
        assertEquals(2, groups.get(gate1.toString()).calls());
        assertEquals(1, groups.get(gate2.toString()).calls());
        assertEquals(3, report.aggregate().calls());
    }

    @Test
    void onePerTopLevelFolderOfATree() throws Exception {
        CallFiles.visitWithResident(id(1), Instant.parse("2026-11-20T10:00:00Z"), null).writeTo(tmp.resolve("east/2026/11"));
        CallFiles.visitWithResident(id(2), Instant.parse("2026-11-20T10:00:00Z"), null).writeTo(tmp.resolve("west"));
        CallFiles.visitWithResident(id(3), Instant.parse("2026-11-20T10:00:00Z"), null).writeTo(tmp);
        Report report = summary(new LogDirectory(tmp), Dimension.SERVER);
        Map<String, GroupFigures> groups = report.aggregate().breakdown().groups();
        assertEquals(List.of(tmp.toString(), "east", "west"), List.copyOf(groups.keySet()));
        assertEquals(3, report.aggregate().calls());
    }

    @Test
    void buildingsFromCallSetupWithOneUnnamed() throws Exception {
        CallFiles.visitWithResident(id(1), Instant.parse("2026-11-20T10:00:00Z"), "tower-a").writeTo(tmp);
        CallFiles.visitWithResident(id(2), Instant.parse("2026-11-20T10:00:00Z"), "tower-a").writeTo(tmp);
        CallFiles.visitWithResident(id(3), Instant.parse("2026-11-20T10:00:00Z"), null).writeTo(tmp);
        Map<String, GroupFigures> groups = summary(new LogDirectory(tmp), Dimension.BUILDING).aggregate().breakdown().groups();
        assertEquals(2, groups.get("tower-a").calls());
        assertEquals(1, groups.get(Dimension.UNNAMED_BUILDING).calls());
        assertEquals(2, groups.get("tower-a").authorized());
        assertEquals(510, groups.get("tower-a").figures(Metric.TURN_LATENCY_VISITOR).p50Ms(), 510 * 0.01);
    }

    @Test
    void hoursAndDaysByCallStart() throws Exception {
        CallFiles.visitWithResident(id(1), Instant.parse("2026-11-20T10:00:00Z"), null).writeTo(tmp);
        CallFiles.visitWithResident(id(2), Instant.parse("2026-11-20T10:59:00Z"), null).writeTo(tmp);
        CallFiles.visitWithResident(id(3), Instant.parse("2026-11-21T03:00:00Z"), null).writeTo(tmp);
        Map<String, GroupFigures> hours = summary(new LogDirectory(tmp), Dimension.HOUR).aggregate().breakdown().groups();
        assertEquals(List.of("2026-11-20T10:00Z", "2026-11-21T03:00Z"), List.copyOf(hours.keySet()));
        assertEquals(2, hours.get("2026-11-20T10:00Z").calls());
        Map<String, GroupFigures> days = summary(new LogDirectory(tmp), Dimension.DAY).aggregate().breakdown().groups();
        assertEquals(List.of("2026-11-20", "2026-11-21"), List.copyOf(days.keySet()));
    }

    @Test
    void anHourlyBreakdownTooLongBecomesDaily() {
        Breakdown b = new Breakdown(Dimension.HOUR, Breakdown.TREND_METRICS);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int h = 0; h <= Breakdown.MAX_GROUPS + 24; h++) {
            b.add(new dev.doorman.analyzer.model.CallSummary("c" + h, "s", null, null, t.plusSeconds(3600L * h), 1, null,
                    Map.of(), List.of(), List.of(), 0, 0, 1, 0, 0, dev.doorman.analyzer.model.ResidentLeg.NONE, null));
        }
        assertEquals(Dimension.DAY, b.dimension());
        assertEquals(24, b.groups().get("2026-01-01").calls());
    }
}
