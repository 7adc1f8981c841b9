package dev.doorman.analyzer.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.bench.CorpusGenerator;
import dev.doorman.analyzer.cli.AnalyzerCommand;
import dev.doorman.analyzer.cli.ExitCode;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.report.CallFileAnalyzer;
import dev.doorman.analyzer.report.Progress;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.report.ReportBuilder;
import dev.doorman.analyzer.report.TimeWindow;
import dev.doorman.analyzer.threshold.Thresholds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Noise is not a regression; a real slow-down is, in two directories or two periods of one. */
class ComparisonTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path tmp;

    private static Report summary(Path dir) throws Exception {
        return new ReportBuilder(CallFileAnalyzer.withDefaults(), Thresholds.defaults(), new Suggestions(), 2, 10)
                .summary(new LogDirectory(dir), TimeWindow.ALL, false, Progress.NONE);
    }

    private static MetricComparison metric(Comparison c, Metric m) {
        return c.metrics().stream().filter(x -> x.metric() == m).findFirst().orElseThrow();
    }

    @Test
    void twoSamplesOfTheSameSystemAreNoRegression() throws Exception {
        new CorpusGenerator(1, true, START).generate(tmp.resolve("a"), 250);
        new CorpusGenerator(2, true, START).generate(tmp.resolve("b"), 250);
        Comparison c = new Comparer(0.05).compare("a", summary(tmp.resolve("a")), "b", summary(tmp.resolve("b")));
        assertFalse(c.regressed(), () -> "noise called a regression: " + c.metrics());
    }

    @Test
    void slowerTranscriptionIsARegressionAndOnlyThere() throws Exception {
        new CorpusGenerator(1, true, START).generate(tmp.resolve("a"), 250);
        new CorpusGenerator(2, true, START).transcriptionFactor(1.4).generate(tmp.resolve("b"), 250);
        Comparison c = new Comparer(0.05).compare("a", summary(tmp.resolve("a")), "b", summary(tmp.resolve("b")));
        MetricComparison stt = metric(c, Metric.TRANSCRIPTION);
        assertEquals(ChangeVerdict.REGRESSION, stt.verdict());
        assertTrue(stt.rankTest().pSlower() < 0.001, "Mann-Whitney should see it too: " + stt.rankTest());
        assertTrue(stt.percentiles().get(0).relative() > 0.2);
        assertEquals(ChangeVerdict.NO_CHANGE, metric(c, Metric.SYNTHESIS).verdict());
        assertTrue(c.regressed());
    }

    @Test
    void tooFewValuesIsInsufficientNotARegression() throws Exception {
        new CorpusGenerator(1, true, START).generate(tmp.resolve("a"), 5);
        new CorpusGenerator(2, true, START).transcriptionFactor(3).generate(tmp.resolve("b"), 5);
        Comparison c = new Comparer(0.05).compare("a", summary(tmp.resolve("a")), "b", summary(tmp.resolve("b")));
        assertEquals(ChangeVerdict.INSUFFICIENT_DATA, metric(c, Metric.TRANSCRIPTION).verdict());
        assertFalse(c.regressed());
    }

    @Test
    void cliComparesTwoDirectoriesAndTwoPeriodsAndFailsOnRegression() throws Exception {
        new CorpusGenerator(1, true, START).generate(tmp.resolve("a"), 200);
        new CorpusGenerator(2, true, START).transcriptionFactor(1.5).generate(tmp.resolve("b"), 200);
        assertEquals(ExitCode.REGRESSION, cli("--compare", "--dir", tmp.resolve("a").toString(), "--dir",
                tmp.resolve("b").toString(), "--fail-on-regression"));
        for (String format : new String[] {"json", "md", "html", "csv", "text"}) {
            assertEquals(ExitCode.OK, cli("--compare", "--dir", tmp.resolve("a").toString(), "--dir",
                    tmp.resolve("b").toString(), "--format", format));
        }
        // One directory, two periods: 200 calls an hour apart from Nov 1, then 200 slower ones.
        Path both = tmp.resolve("both");
        new CorpusGenerator(3, true, START).spacingMs(60_000).generate(both, 200);
        new CorpusGenerator(4, true, START.plusSeconds(200 * 60)).spacingMs(60_000).transcriptionFactor(1.5)
                .generate(both, 200);
        String split = START.plusSeconds(200 * 60).toString();
        assertEquals(ExitCode.REGRESSION, cli("--compare", "--dir", both.toString(), "--since", START.toString(),
                "--until", split, "--fail-on-regression"));
        assertEquals(ExitCode.USAGE, cli("--compare", "--dir", both.toString()));
    }

    private static int cli(String... args) {
        return AnalyzerCommand.run(args, Map.of(), Clock.fixed(Instant.parse("2026-11-03T00:00:00Z"), ZoneOffset.UTC),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    }
}
