package dev.doorman.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.report.render.CsvRenderer;
import dev.doorman.analyzer.report.render.JsonRenderer;
import dev.doorman.analyzer.report.render.ReportRenderer;
import dev.doorman.analyzer.report.render.TextRenderer;
import dev.doorman.analyzer.threshold.Thresholds;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reports of the checked-in call files against checked-in expected output (reviewed by hand:
 * the turn latencies are 760, 1240, 330, 3710 and 1900 ms). Regenerate with -Dgolden.update=true.
 */
class GoldenReportTest {

    /** Relative to the module (Maven's working directory), so the report's paths are the same on every machine. */
    private static Path goldenRelative() {
        return Path.of("").toAbsolutePath().relativize(TestDirs.goldenLogs());
    }

    private static Report summary() throws Exception {
        return new ReportBuilder(CallFileAnalyzer.withDefaults(), Thresholds.defaults(), new Suggestions(), 2, 10)
                .summary(new LogDirectory(goldenRelative()), TimeWindow.ALL, true, Progress.NONE);
    }

    private static Report call() {
        return new ReportBuilder(CallFileAnalyzer.withDefaults(), Thresholds.defaults(), new Suggestions(), 1, 10)
                .call(new LogDirectory(goldenRelative()), "11111111-1111-4111-8111-111111111111").orElseThrow();
    }

    @Test
    void summaryJson() throws Exception {
        check("summary.json", summary(), new JsonRenderer());
    }

    @Test
    void summaryText() throws Exception {
        check("summary.txt", summary(), new TextRenderer());
    }

    @Test
    void callsCsv() throws Exception {
        check("calls.csv", summary(), new CsvRenderer());
    }

    @Test
    void callJson() throws Exception {
        check("call.json", call(), new JsonRenderer());
    }

    private static void check(String name, Report report, ReportRenderer renderer) throws Exception {
        StringWriter out = new StringWriter();
        renderer.render(report, out);
        Path expected = Path.of("src/test/resources/golden/expected", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, out.toString(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), out.toString(), name);
    }
}
