package dev.doorman.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.report.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> env, String... args) {
        return AnalyzerCommand.run(args, env, Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
    }

    private String golden() {
        return TestDirs.goldenLogs().toString();
    }

    @Test
    void callIdThatIsNotAUuidIsRefusedAsUsage() {
        assertEquals(ExitCode.USAGE, run("--dir", golden(), "--call-id", "../../etc/passwd"));
        assertTrue(err.toString().contains("is not a canonical UUID"), err.toString());
    }

    @Test
    void unknownCallIsNoData() {
        assertEquals(ExitCode.NO_DATA, run("--dir", golden(), "--call-id", "99999999-9999-4999-8999-999999999999"));
        assertTrue(err.toString().contains("no file for call"));
    }

    @Test
    void oneCallTextReportOnStdout() {
        assertEquals(ExitCode.OK, run("--dir", golden(), "--call-id", "11111111-1111-4111-8111-111111111111"));
        assertTrue(out.toString().contains("Call 11111111-1111-4111-8111-111111111111"));
        assertTrue(out.toString().contains("Timeline"));
    }

    @Test
    void failOnBreachExitsThree() {
        assertEquals(ExitCode.THRESHOLD_BREACHED, run("--dir", golden(), "--all", "--summary", "--fail-on-breach"));
        assertEquals(ExitCode.OK, run("--dir", golden(), "--all", "--summary"));
    }

    @Test
    void relaxedThresholdsFileClearsTheBreach() throws Exception {
        Path t = tmp.resolve("limits.conf");
        Files.writeString(t, "# generous\nsynthesis.p95 = 5000\nturn_latency.p95 = 4000 ms\n");
        assertEquals(ExitCode.OK, run("--dir", golden(), "--all", "--summary", "--fail-on-breach", "--thresholds", t.toString()));
    }

    @Test
    void badThresholdsFileIsUsage() throws Exception {
        Path t = tmp.resolve("limits.conf");
        Files.writeString(t, "synthesis.p42 = 5\n");
        assertEquals(ExitCode.USAGE, run("--dir", golden(), "--all", "--thresholds", t.toString()));
        assertTrue(err.toString().contains("limits.conf:1"), err.toString());
    }

    @Test
    void emptyOrMissingDirectoryIsNoData() {
        assertEquals(ExitCode.NO_DATA, run("--dir", tmp.toString(), "--all", "--summary"));
        assertEquals(ExitCode.NO_DATA, run("--dir", tmp.resolve("nope").toString(), "--all"));
    }

    @Test
    void environmentSetsTheDefaultDirectory() {
        assertEquals(ExitCode.OK, run(Map.of("DOORMAN_ANALYZER_DIR", golden()), "--all", "--summary"));
        assertTrue(out.toString().contains("Summary of 3 calls"));
    }

    @Test
    void usageErrorsExitOne() {
        assertEquals(ExitCode.USAGE, run("--dir", golden()));
        assertEquals(ExitCode.USAGE, run("--dir", golden(), "--all", "--call-id", "11111111-1111-4111-8111-111111111111"));
        assertEquals(ExitCode.USAGE, run("--dir", golden(), "--call-id", "11111111-1111-4111-8111-111111111111", "--summary"));
        assertEquals(ExitCode.USAGE, run("--dir", golden(), "--all", "--since", "yesterday-ish"));
        assertEquals(ExitCode.USAGE, run("--dir", golden(), "--all", "--output", tmp.resolve("r.xyz").toString()));
        assertEquals(ExitCode.USAGE, run("--dir", golden(), "--all", "--bogus"));
    }

    @Test
    void formatFollowsTheExtensionAndHtmlIsSelfContained() throws Exception {
        for (String ext : new String[] {"json", "csv", "md", "html", "txt"}) {
            Path file = tmp.resolve("report." + ext);
            assertEquals(ExitCode.OK, run("--dir", golden(), "--all", "--output", file.toString()));
            assertTrue(Files.size(file) > 100, ext);
        }
        String html = Files.readString(tmp.resolve("report.html"));
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("waterfall"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script src"),
                "the HTML report must load nothing from elsewhere");
        assertTrue(Files.readString(tmp.resolve("report.json")).contains("\"call_reports\""));
        assertEquals(4, Files.readAllLines(tmp.resolve("report.csv")).size());
    }

    @Test
    void sinceRelativeSelectsRecentCalls() {
        assertEquals(ExitCode.OK, run("--dir", golden(), "--all", "--summary", "--since", "30h", "--format", "json"));
        assertTrue(out.toString().contains("\"calls\" : 2"), out.toString());
    }
}
