package dev.doorman.analyzer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times fresh processes over the same call files, alternating in one run so the machine's load
 * hits every side alike: {@code cat} of every file, {@code bin/analyzer --all --summary} with each
 * set of JVM options, and DuckDB in its own JVM ({@link DuckDbQuery}, whose query-only time is
 * also recorded: DuckDB at its best, without JVM start and library load). Prints medians, ratios
 * and the load average before and after.
 *
 * <p>Usage: {@code FreshProcessBenchmark <dir> <runs> <classpath> [jvm-options ...]}; each
 * jvm-options argument is one set (e.g. {@code "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"});
 * {@code launcher} means bin/analyzer's own defaults.
 */
public final class FreshProcessBenchmark {
    private static final Pattern QUERY = Pattern.compile("query_seconds=([0-9.]+)");

    private FreshProcessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        String classpath = args[2];
        List<String> variants = args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of("launcher");
        Path report = Files.createTempFile("analyzer-bench", ".json");
        Map<String, List<Double>> times = new LinkedHashMap<>();
        List<Double> duckQuery = new ArrayList<>();
        String loadBefore = load();
        for (int run = 0; run < runs; run++) {
            time(times, "cat", List.of("sh", "-c", "find '" + dir + "' -name '*.jsonl' -print0 | xargs -0 cat > /dev/null"), null);
            for (String variant : variants) {
                time(times, "analyzer [" + variant + "]", List.of("bin/analyzer", "--all", "--summary", "--dir", dir.toString(),
                        "--no-progress", "--format", "json", "--output", report.toString()),
                        variant.equals("launcher") ? null : variant);
            }
            String out = time(times, "duckdb (fresh JVM)", List.of("java", "-cp", classpath,
                    DuckDbQuery.class.getName(), dir.toString(), Integer.toString(Runtime.getRuntime().availableProcessors())),
                    null);
            Matcher m = QUERY.matcher(out);
            if (m.find()) {
                duckQuery.add(Double.parseDouble(m.group(1)));
            }
            System.out.printf(Locale.ROOT, "run %d done%n", run + 1);
        }
        times.put("duckdb query only (in its JVM)", duckQuery);
        double duck = median(times.get("duckdb (fresh JVM)"));
        double duckBest = median(duckQuery);
        double cat = median(times.get("cat"));
        System.out.printf(Locale.ROOT, "%nfiles under %s, %d runs, %d cores; load average before: %s, after: %s%n", dir, runs,
                Runtime.getRuntime().availableProcessors(), loadBefore, load());
        System.out.printf(Locale.ROOT, "%-48s %9s %11s %11s %9s%n", "", "median s", "/ duckdb", "/ duck query", "/ cat");
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            double m = median(e.getValue());
            System.out.printf(Locale.ROOT, "%-48s %9.2f %10.2fx %10.2fx %8.2fx   %s%n", e.getKey(), m, m / duck, m / duckBest,
                    m / cat, e.getValue());
        }
    }

    private static String time(Map<String, List<Double>> times, String name, List<String> command, String javaOpts)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (javaOpts != null) {
            pb.environment().put("ANALYZER_JAVA_OPTS", javaOpts);
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = new String(out, StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IllegalStateException(name + " exited " + code + ": " + text);
        }
        times.computeIfAbsent(name, k -> new ArrayList<>()).add(Math.round(seconds * 1000) / 1000.0);
        return text;
    }

    private static String load() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
