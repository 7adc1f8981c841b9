package dev.doorman.analyzer.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.bench.CorpusGenerator;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.ResidentCounts;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.report.CallFileAnalyzer;
import dev.doorman.analyzer.report.Progress;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.report.ReportBuilder;
import dev.doorman.analyzer.report.TimeWindow;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL shipped for fleets (log-analyzer-cli/sql) run in DuckDB over the same call files as the
 * analyzer, and their figures compared: counts, min, max and decision counts exactly, means to
 * rounding, percentiles within the analyzer's histogram precision (0.1%).
 */
class FleetSqlTest {
    private static final Path SQL = Path.of("sql");

    @TempDir
    Path tmp;

    @Test
    void latencyFiguresAndDecisionsMatchTheAnalyzer() throws Exception {
        Path logs = tmp.resolve("logs");
        // a tree: two servers, as --dir logs reads it and the view's '**' glob does
        new CorpusGenerator(11, true, Instant.parse("2026-11-01T00:00:00Z")).generate(logs.resolve("gate1"), 120);
        new CorpusGenerator(12, true, Instant.parse("2026-11-01T00:00:00Z")).generate(logs.resolve("gate2"), 120);
        Report report = new ReportBuilder(CallFileAnalyzer.withDefaults(), Thresholds.defaults(), new Suggestions(), 2, 10)
                .summary(new LogDirectory(logs), TimeWindow.ALL, false, Progress.NONE);

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(Files.readString(SQL.resolve("duckdb/call_events.sql"))
                    .replace("'logs/**/*.jsonl'", "'" + logs.toAbsolutePath() + "/**/*.jsonl'"));
            Map<String, StageFigures> sql = new HashMap<>();
            try (ResultSet rs = s.executeQuery(Files.readString(SQL.resolve("latency_figures.sql")))) {
                while (rs.next()) {
                    sql.put(rs.getString("metric"), new StageFigures(rs.getLong("value_count"), rs.getDouble("min_ms"),
                            rs.getDouble("mean_ms"), rs.getDouble("p50_ms"), rs.getDouble("p90_ms"), rs.getDouble("p95_ms"),
                            rs.getDouble("p99_ms"), rs.getDouble("max_ms")));
                }
            }
            for (Metric m : List.of(Metric.TRANSCRIPTION, Metric.INTENT_EXTRACTION, Metric.FUZZY_VALIDATION,
                    Metric.AI_PROCESSING, Metric.SYNTHESIS, Metric.TURN_LATENCY, Metric.TURN_LATENCY_VISITOR,
                    Metric.TURN_LATENCY_RESIDENT, Metric.RING_TIME, Metric.RESIDENT_RESPONSE)) {
                StageFigures ours = report.figures(m);
                StageFigures theirs = sql.get(m.key());
                assertTrue(ours.count() > 20, m.key() + ": the corpus must exercise it");
                assertEquals(ours.count(), theirs.count(), m.key() + " count");
                assertEquals(ours.minMs(), theirs.minMs(), 1e-6, m.key() + " min");
                assertEquals(ours.maxMs(), theirs.maxMs(), 1e-6, m.key() + " max");
                assertEquals(ours.meanMs(), theirs.meanMs(), 1e-6 * Math.max(1, ours.meanMs()), m.key() + " mean");
                for (String p : new String[] {"p50", "p90", "p95", "p99"}) {
                    double x = ours.figure(p);
                    double y = theirs.figure(p);
                    assertTrue(Math.abs(x - y) <= 0.001 * y + 1e-3, m.key() + " " + p + ": analyzer " + x + ", SQL " + y);
                }
            }
            ResidentCounts r = report.aggregate().resident();
            Map<String, Long> counts = new HashMap<>();
            try (ResultSet rs = s.executeQuery(Files.readString(SQL.resolve("resident_decisions.sql")))) {
                while (rs.next()) {
                    counts.put(rs.getString("what") + ":" + rs.getString("item"), rs.getLong("calls"));
                }
            }
            r.decisions().forEach((k, v) -> assertEquals(v, counts.get("decision:" + k), "decision " + k));
            r.decidedBy().forEach((k, v) -> assertEquals(v, counts.get("decided_by:" + k), "decided by " + k));
            r.noAnswerReasons().forEach((k, v) -> assertEquals(v, counts.get("no_answer_reason:" + k), "no answer " + k));
            assertEquals(r.attempts(), counts.get("attempts:all"));
            assertEquals(r.connected(), counts.get("answered:all"));
            assertTrue(r.decisions().size() >= 3, "the corpus has several decisions: " + r.decisions());
        }
    }
}
