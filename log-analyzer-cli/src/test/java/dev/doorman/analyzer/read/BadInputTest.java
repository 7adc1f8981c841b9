package dev.doorman.analyzer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.report.CallFileAnalyzer;
import dev.doorman.analyzer.report.Progress;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.report.ReportBuilder;
import dev.doorman.analyzer.report.TimeWindow;
import dev.doorman.analyzer.threshold.Thresholds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is counted with a file:line example, and the good lines are still analyzed. */
class BadInputTest {
    private static final String ID = "aaaaaaaa-0000-4000-8000-000000000001";
    private static final String GOOD1 = line(0, 0, "CALL_SETUP", "{}");
    private static final String GOOD2 = line(1, 1000, "TRANSCRIPTION_COMPLETE",
            "{\"source\":\"visitor\",\"turn\":1,\"duration_ms\":250.0}");

    @TempDir
    Path dir;

    private static String line(int seq, double elapsed, String event, String data) {
        return "{\"ts\":\"2026-11-20T10:00:00.000000Z\",\"call_id\":\"" + ID + "\",\"seq\":" + seq
                + ",\"elapsed_ms\":" + elapsed + ",\"event\":\"" + event + "\",\"data\":" + data + "}";
    }

    private Report analyze(int maxLine) throws Exception {
        CallFileAnalyzer analyzer = new CallFileAnalyzer(new JsonlEventReader(maxLine), new LegacyLogReader(maxLine));
        return new ReportBuilder(analyzer, Thresholds.defaults(), new Suggestions(), 2, 5)
                .summary(new LogDirectory(dir), TimeWindow.ALL, false, Progress.NONE);
    }

    private void write(String content) throws Exception {
        Files.writeString(dir.resolve(ID + ".jsonl"), content, StandardCharsets.UTF_8);
    }

    @Test
    void malformedLine() throws Exception {
        write(GOOD1 + "\n{not json\n" + GOOD2 + "\n");
        Report r = analyze(1 << 20);
        assertEquals(1, r.dataQuality().count(Problem.MALFORMED_LINE));
        assertEquals(ID + ".jsonl:2", r.dataQuality().examples(Problem.MALFORMED_LINE).get(0));
        assertEquals(1, r.figures(Metric.TRANSCRIPTION).count());
    }

    @Test
    void truncatedLastLine() throws Exception {
        write(GOOD1 + "\n" + GOOD2 + "\n" + GOOD2.substring(0, 40));
        Report r = analyze(1 << 20);
        assertEquals(1, r.dataQuality().count(Problem.TRUNCATED_LAST_LINE));
        assertEquals(ID + ".jsonl:3", r.dataQuality().examples(Problem.TRUNCATED_LAST_LINE).get(0));
        assertEquals(0, r.dataQuality().count(Problem.MALFORMED_LINE));
        assertEquals(1, r.figures(Metric.TRANSCRIPTION).count());
    }

    @Test
    void invalidUtf8InASkippedField() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((GOOD1 + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(line(1, 5, "GREETING", "{\"text\":\"caf").getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3);
        bytes.write(0x28);
        bytes.writeBytes("\"}}\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes((GOOD2.replace("\"seq\":1", "\"seq\":2") + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve(ID + ".jsonl"), bytes.toByteArray());
        Report r = analyze(1 << 20);
        assertEquals(1, r.dataQuality().count(Problem.INVALID_UTF8));
        assertEquals(ID + ".jsonl:2", r.dataQuality().examples(Problem.INVALID_UTF8).get(0));
        assertEquals(1, r.figures(Metric.TRANSCRIPTION).count());
    }

    @Test
    void emptyFile() throws Exception {
        write("");
        Report r = analyze(1 << 20);
        assertEquals(1, r.dataQuality().count(Problem.EMPTY_FILE));
        assertEquals(0, r.aggregate().calls());
    }

    @Test
    void unknownEventTypeIsCountedAndKept() throws Exception {
        write(GOOD1 + "\n" + line(1, 10, "SOMETHING_NEW", "{\"x\":[1,2,{\"y\":null}]}") + "\n"
                + GOOD2.replace("\"seq\":1", "\"seq\":2") + "\n");
        Report r = analyze(1 << 20);
        assertEquals(1, r.dataQuality().count(Problem.UNKNOWN_EVENT_TYPE));
        assertEquals(1L, r.dataQuality().unknownEventTypes().get("SOMETHING_NEW"));
        assertEquals(0, r.dataQuality().count(Problem.SEQUENCE_GAP));
        assertEquals(1, r.figures(Metric.TRANSCRIPTION).count());
    }

    @Test
    void hugeLineIsSkippedWithoutLosingTheNextLines() throws Exception {
        write(GOOD1 + "\n" + line(1, 5, "GREETING", "{\"text\":\"" + "x".repeat(10_000) + "\"}") + "\n"
                + GOOD2.replace("\"seq\":1", "\"seq\":2") + "\n");
        Report r = analyze(4096);
        assertEquals(1, r.dataQuality().count(Problem.HUGE_LINE));
        assertEquals(ID + ".jsonl:2", r.dataQuality().examples(Problem.HUGE_LINE).get(0));
        assertEquals(1, r.figures(Metric.TRANSCRIPTION).count());
    }

    @Test
    void foreignFilesAreIgnoredAndCounted() throws Exception {
        write(GOOD1 + "\n" + GOOD2 + "\n");
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.writeString(dir.resolve("not-a-uuid.jsonl"), GOOD1);
        Files.createDirectory(dir.resolve("sub"));
        Report r = analyze(1 << 20);
        assertEquals(2, r.dataQuality().count(Problem.FOREIGN_FILE));
        assertEquals(1, r.aggregate().calls());
        assertTrue(r.dataQuality().examples(Problem.FOREIGN_FILE).contains("notes.txt"));
    }

    @Test
    void binaryGarbageAndLegacyGarbageNeverThrow() throws Exception {
        byte[] garbage = new byte[5000];
        new java.util.Random(1).nextBytes(garbage);
        Files.write(dir.resolve(ID + ".jsonl"), garbage);
        Files.write(dir.resolve("aaaaaaaa-0000-4000-8000-000000000002.log"), garbage);
        Report r = analyze(1 << 20);
        assertEquals(0, r.aggregate().calls());
        assertTrue(r.dataQuality().hasProblems());
    }

    @Test
    void sequenceGapIsDataLoss() throws Exception {
        write(GOOD1 + "\n" + GOOD2.replace("\"seq\":1", "\"seq\":4") + "\n");
        Report r = analyze(1 << 20);
        assertEquals(1, r.dataQuality().count(Problem.SEQUENCE_GAP));
        assertEquals(3, r.dataQuality().eventsMissingInGaps());
        assertEquals(1, r.dataQuality().callsWithDataLoss());
    }
}
