package dev.doorman.analyzer.threshold;

import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.stats.StageFigures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The latency limits a report is judged against. Defaults follow the issue (transcription p95 < 1 s,
 * AI processing p95 < 3 s, synthesis p95 < 2 s, turn latency p95 < 1.5 s). A thresholds file
 * overrides or adds limits, one per line: {@code <metric>.<figure> = <ms>} (e.g.
 * {@code synthesis.p95 = 1500}); {@code off} removes a limit; {@code #} starts a comment.
 */
public final class Thresholds {
    private static final Set<String> FIGURES = Set.of("min", "mean", "p50", "p90", "p95", "p99", "max");

    private final Map<String, Threshold> limits;

    private Thresholds(Map<String, Threshold> limits) {
        this.limits = limits;
    }

    public static Thresholds defaults() {
        Map<String, Threshold> map = new LinkedHashMap<>();
        put(map, new Threshold(Metric.TRANSCRIPTION, "p95", 1000));
        put(map, new Threshold(Metric.AI_PROCESSING, "p95", 3000));
        put(map, new Threshold(Metric.SYNTHESIS, "p95", 2000));
        put(map, new Threshold(Metric.TURN_LATENCY, "p95", 1500));
        return new Thresholds(map);
    }

    /**
     * The defaults with a file's lines applied.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the line when a line is not a valid limit
     */
    public static Thresholds load(Path file) throws IOException {
        Map<String, Threshold> map = new LinkedHashMap<>(defaults().limits);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            String where = file.getFileName() + ":" + (i + 1) + ": ";
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + "expected '<metric>.<figure> = <ms>', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            int dot = key.lastIndexOf('.');
            String figure = dot < 0 ? "" : key.substring(dot + 1);
            if (dot < 0 || !FIGURES.contains(figure)) {
                throw new IllegalArgumentException(where + "'" + key
                        + "' must end in .min, .mean, .p50, .p90, .p95, .p99 or .max");
            }
            Metric metric;
            try {
                metric = Metric.fromKey(key.substring(0, dot));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage() + "; known: " + knownMetrics());
            }
            if (value.equals("off")) {
                map.remove(key);
                continue;
            }
            double ms;
            try {
                ms = Double.parseDouble(value.endsWith("ms") ? value.substring(0, value.length() - 2).strip() : value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "'" + value + "' is not a number of milliseconds");
            }
            if (!(ms > 0) || Double.isInfinite(ms)) {
                throw new IllegalArgumentException(where + "limit must be a positive number of ms, got " + value);
            }
            put(map, new Threshold(metric, figure, ms));
        }
        return new Thresholds(map);
    }

    public List<Threshold> all() {
        return List.copyOf(limits.values());
    }

    /** Checks every limit against the figures a report shows. */
    public List<Verdict> judge(Function<Metric, StageFigures> figures) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Threshold t : limits.values()) {
            StageFigures f = figures.apply(t.metric());
            if (f.isEmpty()) {
                verdicts.add(new Verdict(t.metric().key(), t.figure(), t.limitMs(), Double.NaN, Verdict.Status.NO_DATA));
            } else {
                double actual = f.figure(t.figure());
                verdicts.add(new Verdict(t.metric().key(), t.figure(), t.limitMs(), actual,
                        actual < t.limitMs() ? Verdict.Status.PASS : Verdict.Status.BREACH));
            }
        }
        return verdicts;
    }

    private static void put(Map<String, Threshold> map, Threshold t) {
        map.put(t.key(), t);
    }

    private static String knownMetrics() {
        List<String> keys = new ArrayList<>();
        for (Metric m : Metric.values()) {
            keys.add(m.key());
        }
        return String.join(", ", keys);
    }
}
