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

    private static final String ID = "11111111-1111-4111-8111-111111111111";

    @Test
    void callIdOnAnEmptyOrBinaryFileExitsTwo() throws Exception {
        Files.writeString(tmp.resolve(ID + ".jsonl"), "");
        assertEquals(ExitCode.NO_DATA, run("--dir", tmp.toString(), "--call-id", ID));
        assertTrue(err.toString().contains("no event could be read") && err.toString().contains("empty_files"), err.toString());
        byte[] garbage = new byte[4000];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(tmp.resolve(ID + ".jsonl"), garbage);
        err.reset();
        assertEquals(ExitCode.NO_DATA, run("--dir", tmp.toString(), "--call-id", ID));
        assertTrue(err.toString().contains("no event could be read"), err.toString());
    }

    @Test
    void callIdOnAFileThatVanishesIsUnreadableWithItsCause() {
        // Fault injection: the file is listed, then gone when it is opened (permissions do not bite as root).
        Path gone = tmp.resolve(ID + ".jsonl");
        var report = new dev.doorman.analyzer.report.ReportBuilder(
                dev.doorman.analyzer.report.CallFileAnalyzer.withDefaults(), dev.doorman.analyzer.threshold.Thresholds.defaults(),
                new dev.doorman.analyzer.advice.Suggestions(), 1, 10)
                .call(new dev.doorman.analyzer.read.CallFile(gone, ID, dev.doorman.analyzer.read.CallFile.Format.JSONL, 0, "x"));
        assertEquals(1, report.dataQuality().count(dev.doorman.analyzer.read.Problem.UNREADABLE_FILE));
        assertTrue(report.dataQuality().examples(dev.doorman.analyzer.read.Problem.UNREADABLE_FILE).get(0)
                .endsWith("no such file or directory"));
    }

    @Test
    void callIdNeverFollowsASymbolicLinkOutOfTheDirectory() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.copy(TestDirs.goldenLogs().resolve(ID + ".jsonl"), outside.resolve(ID + ".jsonl"));
        Path logs = Files.createDirectory(tmp.resolve("logs"));
        Files.createSymbolicLink(logs.resolve(ID + ".jsonl"), outside.resolve(ID + ".jsonl"));
        assertEquals(ExitCode.NO_DATA, run("--dir", logs.toString(), "--call-id", ID));
        assertTrue(err.toString().contains("symbolic link"), err.toString());
        assertFalse(out.toString().contains("Timeline"));
    }

    @Test
    void fifosDirectoriesAndLinksNamedLikeCallFilesAreCounted() throws Exception {
        TestDirs.copyGolden(tmp);
        Files.createDirectory(tmp.resolve("aaaaaaaa-0000-4000-8000-000000000001.jsonl"));
        Files.createSymbolicLink(tmp.resolve("aaaaaaaa-0000-4000-8000-000000000002.jsonl"), tmp.resolve(ID + ".jsonl"));
        Process mkfifo = new ProcessBuilder("mkfifo", tmp.resolve("aaaaaaaa-0000-4000-8000-000000000003.jsonl").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertEquals(ExitCode.OK, run("--dir", tmp.toString(), "--all", "--summary", "--format", "json"));
        assertTrue(out.toString().contains("\"not_regular_files\" : 3"), out.toString());
        assertTrue(out.toString().contains("\"calls\" : 3"));
    }

    @Test
    void dirThatIsAFileSaysSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("README.md"), "# hello");
        assertEquals(ExitCode.NO_DATA, run("--dir", file.toString(), "--all"));
        assertTrue(err.toString().contains("not a directory: " + file + " (it is a file"), err.toString());
    }

    @Test
    void unwritableOutputNamesTheCause() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        assertEquals(ExitCode.NO_DATA, run("--dir", golden(), "--all", "--output", file.resolve("r.json").toString()));
        assertTrue(err.toString().contains("cannot write " + file.resolve("r.json") + ": not a directory"), err.toString());
        err.reset();
        assertEquals(ExitCode.NO_DATA, run("--dir", golden(), "--all", "--output", tmp.resolve("no/such/r.json").toString()));
        assertTrue(err.toString().contains("no such file or directory (its folder does not exist)"), err.toString());
    }

    @Test
    void ioErrorsSayTheirCauseNotJustThePath() {
        assertEquals("permission denied", dev.doorman.analyzer.read.IoErrors.describe(
                new java.nio.file.AccessDeniedException("/dir")));
        assertEquals("no such file or directory", dev.doorman.analyzer.read.IoErrors.describe(
                new java.nio.file.NoSuchFileException("/dir")));
        assertEquals("not a directory", dev.doorman.analyzer.read.IoErrors.describe(
                new java.nio.file.FileSystemException("/x", null, "Not a directory")));
    }

    @Test
    void allMeansEveryCallsReportInEveryFormat() throws Exception {
        for (String format : new String[] {"text", "md", "html", "json", "csv"}) {
            out.reset();
            assertEquals(ExitCode.OK, run("--dir", golden(), "--all", "--format", format));
            String all = out.toString();
            out.reset();
            assertEquals(ExitCode.OK, run("--dir", golden(), "--all", "--summary", "--format", format));
            String summaryOnly = out.toString();
            assertFalse(all.equals(summaryOnly), format + ": --all must differ from --all --summary");
            for (String id : new String[] {ID, "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"}) {
                assertTrue(all.contains(id), format + " lacks call " + id);
            }
        }
    }

    @Test
    void completionScriptIsValidBashWithTheOptions() throws Exception {
        assertEquals(ExitCode.OK, run("--completion"));
        String script = out.toString();
        assertTrue(script.contains("--compare") && script.contains("--by") && script.contains("complete -F"), script);
        assertTrue(script.contains("(\"server\" \"building\" \"hour\" \"day\")"), "--by completes its lower-case values");
        Path file = Files.writeString(tmp.resolve("analyzer.bash"), script);
        Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        assertEquals(0, bash.waitFor(), new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpRendersEveryOptionWithoutWarnings() {
        assertEquals(ExitCode.OK, run("--help"));
        String help = out.toString() + err.toString();
        assertFalse(help.contains("WARN"), help);
        for (String option : new String[] {"--compare", "--by", "--fail-on-regression", "--min-change", "--completion",
                "--by=WHAT", "text, json, csv, md, html"}) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void byGoesWithAll() {
        assertEquals(ExitCode.USAGE, run("--dir", golden(), "--call-id", ID, "--by", "server"));
        assertEquals(ExitCode.OK, run("--dir", golden(), "--all", "--summary", "--by", "building"));
        assertTrue(out.toString().contains("(unnamed)"), out.toString());
    }
}
