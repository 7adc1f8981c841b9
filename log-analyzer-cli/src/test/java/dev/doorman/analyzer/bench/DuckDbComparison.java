package dev.doorman.analyzer.bench;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.report.CallFileAnalyzer;
import dev.doorman.analyzer.report.Progress;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.report.ReportBuilder;
import dev.doorman.analyzer.report.TimeWindow;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Thresholds;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the same "--all --summary" over the same call files with the analyzer and with DuckDB
 * ({@code read_json} + {@code quantile_cont}), alternating, in one JVM; prints both timings
 * (median of the runs) and every stage figure side by side with their relative difference.
 * Exits 1 when a figure disagrees by more than the tolerance.
 *
 * <p>Usage: {@code DuckDbComparison <dir> [runs] [threads]} (see docs/benchmarks.md for the command).
 */
public final class DuckDbComparison {
    /** HdrHistogram keeps 3 significant digits (0.1%); quantile_cont interpolates between samples. */
    private static final double TOLERANCE = 0.005;

    private static final Map<String, Metric> STAGE_EVENTS = new LinkedHashMap<>();

    static {
        STAGE_EVENTS.put("TRANSCRIPTION_COMPLETE", Metric.TRANSCRIPTION);
        STAGE_EVENTS.put("INTENT_EXTRACTION_COMPLETE", Metric.INTENT_EXTRACTION);
        STAGE_EVENTS.put("FUZZY_VALIDATION_COMPLETE", Metric.FUZZY_VALIDATION);
        STAGE_EVENTS.put("AI_PROCESSING_COMPLETE", Metric.AI_PROCESSING);
        STAGE_EVENTS.put("SYNTHESIS_COMPLETE", Metric.SYNTHESIS);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        List<Double> analyzerSeconds = new ArrayList<>();
        List<Double> duckSeconds = new ArrayList<>();
        Report report = null;
        Map<String, StageFigures> duck = null;
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            report = analyzer(dir, threads);
            analyzerSeconds.add((System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            duck = duckDb(dir, threads);
            duckSeconds.add((System.nanoTime() - t1) / 1e9);
            System.out.printf(Locale.ROOT, "run %d: analyzer %.2f s, duckdb %.2f s%n", run + 1,
                    analyzerSeconds.get(run), duckSeconds.get(run));
        }
        double a = median(analyzerSeconds);
        double d = median(duckSeconds);
        System.out.printf(Locale.ROOT, "%ncalls: %d, threads: %d, runs: %d%n", report.aggregate().calls(), threads, runs);
        System.out.printf(Locale.ROOT, "median: analyzer %.2f s, duckdb %.2f s, duckdb/analyzer = %.2fx%n%n", a, d, d / a);
        double worst = 0;
        System.out.printf(Locale.ROOT, "%-18s %-6s %14s %14s %9s%n", "metric", "figure", "analyzer", "duckdb", "rel.diff");
        for (Map.Entry<String, StageFigures> e : duck.entrySet()) {
            Metric metric = Metric.fromKey(e.getKey());
            StageFigures ours = report.figures(metric);
            StageFigures theirs = e.getValue();
            if (ours.count() != theirs.count()) {
                System.out.printf(Locale.ROOT, "%-18s count differs: analyzer %d, duckdb %d%n", e.getKey(),
                        ours.count(), theirs.count());
                worst = Double.POSITIVE_INFINITY;
            }
            for (String figure : new String[] {"min", "mean", "p50", "p90", "p95", "p99", "max"}) {
                double x = ours.figure(figure);
                double y = theirs.figure(figure);
                double rel = Math.abs(x - y) / Math.max(1e-9, Math.abs(y));
                worst = Math.max(worst, rel);
                System.out.printf(Locale.ROOT, "%-18s %-6s %14.3f %14.3f %8.4f%%%n", e.getKey(), figure, x, y, rel * 100);
            }
        }
        System.out.printf(Locale.ROOT, "%nlargest relative difference: %.4f%% (tolerance %.2f%%)%n", worst * 100,
                TOLERANCE * 100);
        if (!(worst <= TOLERANCE)) {
            System.out.println("DISAGREE");
            System.exit(1);
        }
        System.out.println("AGREE");
    }

    static Report analyzer(Path dir, int threads) throws Exception {
        ReportBuilder builder = new ReportBuilder(CallFileAnalyzer.withDefaults(), Thresholds.defaults(),
                new Suggestions(), threads, 10);
        return builder.summary(new LogDirectory(dir), TimeWindow.ALL, false, Progress.NONE);
    }

    static Map<String, StageFigures> duckDb(Path dir, int threads) throws SQLException {
        Map<String, StageFigures> out = new LinkedHashMap<>();
        String glob = dir.toAbsolutePath().resolve("*.jsonl").toString().replace("'", "''");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
            s.execute("CREATE TEMP TABLE ev AS SELECT call_id, elapsed_ms, event, data FROM read_json('" + glob + "', "
                    + "format = 'newline_delimited', ignore_errors = true, columns = {ts: 'VARCHAR', call_id: 'VARCHAR', "
                    + "seq: 'BIGINT', elapsed_ms: 'DOUBLE', event: 'VARCHAR', data: 'STRUCT(source VARCHAR, target VARCHAR, "
                    + "turn INTEGER, duration_ms DOUBLE, hangover_ms DOUBLE, cached BOOLEAN)'})");
            try (ResultSet rs = s.executeQuery("SELECT event, count(*), min(d), avg(d), quantile_cont(d, 0.5), "
                    + "quantile_cont(d, 0.9), quantile_cont(d, 0.95), quantile_cont(d, 0.99), max(d) FROM "
                    + "(SELECT event, data.duration_ms AS d FROM ev WHERE event IN ('TRANSCRIPTION_COMPLETE', "
                    + "'INTENT_EXTRACTION_COMPLETE', 'FUZZY_VALIDATION_COMPLETE', 'AI_PROCESSING_COMPLETE', "
                    + "'SYNTHESIS_COMPLETE') AND data.duration_ms >= 0) GROUP BY event")) {
                while (rs.next()) {
                    out.put(STAGE_EVENTS.get(rs.getString(1)).key(), figures(rs));
                }
            }
            try (ResultSet rs = s.executeQuery("WITH se AS (SELECT call_id, data.source AS party, data.turn AS turn, "
                    + "max(elapsed_ms) AS ended FROM ev WHERE event = 'SPEECH_ENDED' GROUP BY ALL), "
                    + "pb AS (SELECT call_id, data.target AS party, data.turn AS turn, elapsed_ms FROM ev "
                    + "WHERE event = 'PLAYBACK_START'), "
                    + "lat AS (SELECT min(pb.elapsed_ms) - se.ended AS d FROM se JOIN pb USING (call_id, party, turn) "
                    + "WHERE pb.elapsed_ms >= se.ended GROUP BY se.call_id, se.party, se.turn, se.ended) "
                    + "SELECT 'turn_latency', count(*), min(d), avg(d), quantile_cont(d, 0.5), quantile_cont(d, 0.9), "
                    + "quantile_cont(d, 0.95), quantile_cont(d, 0.99), max(d) FROM lat")) {
                rs.next();
                out.put(Metric.TURN_LATENCY.key(), figures(rs));
            }
        }
        return out;
    }

    private static StageFigures figures(ResultSet rs) throws SQLException {
        return new StageFigures(rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                rs.getDouble(7), rs.getDouble(8), rs.getDouble(9));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
