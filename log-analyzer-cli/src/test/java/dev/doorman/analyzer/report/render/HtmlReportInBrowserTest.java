package dev.doorman.analyzer.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.bench.CorpusGenerator;
import dev.doorman.analyzer.cli.AnalyzerCommand;
import dev.doorman.analyzer.report.TestDirs;
import dev.doorman.analyzer.testing.HeadlessChromium;
import dev.doorman.analyzer.testing.Requirement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML reports in a real browser (headless Chromium): the page's script runs without an
 * error (it marks the body ready; an error handler records any), and the parts a reader looks for
 * exist: the window, the tables, histograms with percentile markers, the trend, sortable tables
 * that really sort, slowest calls linking to their waterfalls, no_data shown with its cause.
 */
class HtmlReportInBrowserTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Appended to a copy of the report: sorts the slowest calls by worst turn and records the result. */
    private static final String CLICK = "<script>(function(){var th=document.querySelector('#slowest-calls th:nth-child(4)');"
            + "th.click();var rows=document.querySelectorAll('#slowest-calls tbody tr');"
            + "document.body.setAttribute('data-sorted',rows[0].cells[3].textContent+'|'+rows[rows.length-1].cells[3].textContent);"
            + "})();</script>";

    @TempDir
    Path tmp;

    private HeadlessChromium chromium;

    @BeforeEach
    void needsChromium() {
        chromium = HeadlessChromium.find();
        Requirement.require(chromium != null, "chromium (apt-get install chromium)");
    }

    private void analyzer(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalyzerCommand.run(args, Map.of(), Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertTrue(code == 0 || code == 3, "analyzer exited " + code + ": " + err);
    }

    private String render(Path html, String extra) throws Exception {
        Path page = tmp.resolve("view-" + html.getFileName());
        Files.writeString(page, Files.readString(html).replace("</body></html>", extra + "</body></html>"));
        String dom = chromium.dumpDom(page, tmp);
        assertTrue(dom.contains("data-ready=\"1\""), "the report's script did not finish: " + head(dom));
        assertFalse(dom.contains("data-errors="), "script error: " + attribute(dom, "data-errors"));
        return dom;
    }

    @Test
    void summaryRendersWithEveryPart() throws Exception {
        Path logs = tmp.resolve("logs");
        new CorpusGenerator(5, true, Instant.parse("2026-11-20T00:00:00Z")).spacingMs(300_000).generate(logs, 60);
        Path limits = Files.writeString(tmp.resolve("limits.conf"), "vad_silence.p95 = off\nresident_response.p95 = 20000\n"
                + "transcription.resident.p95 = 5000\n");
        Path html = tmp.resolve("summary.html");
        analyzer("--all", "--dir", logs.toString(), "--by", "building", "--thresholds", limits.toString(), "-o", html.toString());
        String dom = render(html, CLICK);
        for (String id : new String[] {"window", "stage-table", "verdicts", "shares", "distributions", "trend", "resident",
                "decisions", "by-table", "slowest-calls", "slowest-turns", "waterfalls", "errors", "data-quality", "calls"}) {
            assertTrue(dom.contains("id=\"" + id + "\""), "missing #" + id);
        }
        assertTrue(dom.contains("Calls started <b>2026-11-20"), "the time window in the header");
        assertTrue(count(dom, "class=\"histogram\"") >= 10, "histograms");
        for (String p : new String[] {"p50", "p95", "p99"}) {
            assertTrue(dom.contains("class=\"marker " + p + "\""), "percentile marker " + p);
        }
        assertTrue(dom.contains("<polyline class=\"p95-visitor\""), "trend line");
        assertTrue(count(dom, "class=\"waterfall\"") >= 1 && dom.contains("class=\"turn\""), "waterfall grouped by turn");
        Matcher link = Pattern.compile("href=\"#call-([0-9a-f-]{36})\"").matcher(dom);
        assertTrue(link.find(), "slowest calls link to waterfalls");
        assertTrue(dom.contains("id=\"call-" + link.group(1) + "\""), "the linked waterfall exists");
        assertEquals(60, count(dom, "class=\"call-report\""), "--all: one report per call");
        String[] sorted = attribute(dom, "data-sorted").split("\\|");
        assertTrue(Double.parseDouble(sorted[0]) <= Double.parseDouble(sorted[1]), "sorted ascending: " + sorted[0] + " .. " + sorted[1]);
    }

    @Test
    void callReportAndNoDataCause() throws Exception {
        Path limits = Files.writeString(tmp.resolve("limits.conf"), "ring_time.p95 = 10000\n");
        Path html = tmp.resolve("call.html");
        analyzer("--call-id", "2e6e863f-90ea-4fad-89a4-d16a8d0df1f6", "--dir", REPO.resolve("samples/logs").toString(),
                "--thresholds", limits.toString(), "-o", html.toString());
        String dom = render(html, "");
        assertTrue(dom.contains("id=\"no-data\""), "no_data notice at the top");
        assertTrue(dom.indexOf("id=\"no-data\"") < dom.indexOf("id=\"stages\""));
        assertTrue(dom.contains("no MORADOR_CONNECTED in these calls"), "its cause");
        assertTrue(dom.contains("class=\"waterfall\"") && dom.contains("id=\"turn-table\""));
    }

    @Test
    void comparisonRenders() throws Exception {
        new CorpusGenerator(1, true, Instant.parse("2026-11-01T00:00:00Z")).generate(tmp.resolve("a"), 120);
        new CorpusGenerator(2, true, Instant.parse("2026-11-01T00:00:00Z")).transcriptionFactor(1.6).generate(tmp.resolve("b"), 120);
        Path html = tmp.resolve("compare.html");
        analyzer("--compare", "--dir", tmp.resolve("a").toString(), "--dir", tmp.resolve("b").toString(), "-o", html.toString());
        String dom = render(html, "");
        assertTrue(dom.contains("id=\"comparison\""));
        assertTrue(dom.contains("<tr class=\"regression\"><td>transcription</td>"), "the slower stage is marked");
        assertTrue(dom.contains("class=\"histogram\""));
    }

    @Test
    void goldenSummaryRenders() throws Exception {
        Path html = tmp.resolve("golden.html");
        analyzer("--all", "--summary", "--dir", TestDirs.goldenLogs().toString(), "-o", html.toString());
        render(html, CLICK);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : "";
    }

    private static String head(String dom) {
        return dom.length() > 400 ? dom.substring(0, 400) : dom;
    }
}
