package dev.doorman.calllogger.writer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.calllogger.CallFiles;
import dev.doorman.calllogger.PrivacyMode;
import dev.doorman.calllogger.privacy.TextRedactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The writer's bookkeeping, with its thread started only when the test says so. */
class LogWriterTest {
    @TempDir
    Path dir;

    private LogWriter writer(int capacity, WriterCounters counters) {
        return new LogWriter(new WriterSettings(dir, capacity, 4, Duration.ofSeconds(30), Duration.ofSeconds(1)),
                new TextRedactor(PrivacyMode.FULL, ""), counters, CallFileSystem.DEFAULT);
    }

    @Test
    void overflowIsCountedAndReportedAsEventsDroppedWithoutSeqGaps() {
        WriterCounters counters = new WriterCounters();
        LogWriter writer = writer(8, counters);
        String id = UUID.randomUUID().toString();
        CallLog call = writer.openCall(id, Map.of()); // takes one slot
        for (int i = 0; i < 20; i++) {
            writer.submit(call, "STEP", Map.of("i", i)); // 7 fit, 13 dropped: the writer is not running yet
        }
        writer.end(call, "done"); // queue full: the end waits outside the queue, not lost
        assertEquals(13, counters.eventsDropped());

        writer.start();
        writer.close();

        List<JsonNode> lines = CallFiles.read(CallFiles.fileOf(dir, id));
        CallFiles.assertWellFormed(lines, id, 0);
        assertEquals(List.of("CALL_SETUP", "STEP", "STEP", "STEP", "STEP", "STEP", "STEP", "STEP",
                "EVENTS_DROPPED", "CALL_ENDED"), lines.stream().map(l -> l.get("event").asText()).toList());
        JsonNode dropped = lines.get(8).get("data");
        assertEquals(13, dropped.get("count").asLong());
        assertEquals("queue_full", dropped.get("reason").asText());
        assertEquals(10, counters.eventsWritten());
        assertEquals(6, lines.get(7).get("data").get("i").asInt());
    }

    @Test
    void droppedSetupMarkerStillGivesCallSetupFirst() {
        WriterCounters counters = new WriterCounters();
        LogWriter writer = writer(2, counters);
        CallLog first = writer.openCall(UUID.randomUUID().toString(), Map.of());
        writer.openCall(UUID.randomUUID().toString(), Map.of());
        String id = UUID.randomUUID().toString();
        CallLog third = writer.openCall(id, Map.of("n", 3)); // its setup marker does not fit
        writer.start();
        writer.submit(third, "STEP", Map.of());
        writer.end(third, "done");
        writer.end(first, "done");
        writer.close();
        List<JsonNode> lines = CallFiles.read(CallFiles.fileOf(dir, id));
        CallFiles.assertWellFormed(lines, id, 0);
        assertEquals("CALL_SETUP", lines.get(0).get("event").asText());
        assertEquals(3, lines.get(0).get("data").get("n").asInt());
    }

    @Test
    void linesCanBeRenumberedToMakeRoomAhead() {
        ByteSink lines = new ByteSink(16);
        JsonLineEncoder encoder = new JsonLineEncoder(new TextRedactor(PrivacyMode.FULL, ""));
        com.fasterxml.jackson.core.io.SerializedString id = new com.fasterxml.jackson.core.io.SerializedString(
                UUID.randomUUID().toString());
        encoder.encode(lines, "2026-01-01T00:00:00.000000Z", id, 8, 10, "STEP", Map.of("seq", 1, "note", ",\"seq\":5"));
        encoder.encode(lines, "2026-01-01T00:00:00.000000Z", id, 9, 20, "STEP", Map.of());
        ByteSink shifted = new ByteSink(16);
        JsonLineEncoder.appendShifted(lines, shifted, 2);
        String[] out = new String(shifted.asByteBuffer().array(), 0, shifted.size(),
                java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertEquals(2, out.length);
        assertEquals(true, out[0].contains("\"seq\":10,"), out[0]);
        assertEquals(true, out[0].contains("\"note\":\",\\\"seq\\\":5\""), "data untouched: " + out[0]);
        assertEquals(true, out[1].contains("\"seq\":11,"), out[1]);
    }

    @Test
    void elapsedMillisAreWrittenWithMicrosecondPrecision() {
        assertEquals("5234.125", JsonLineEncoder.millis(5_234_125));
        assertEquals("0.007", JsonLineEncoder.millis(7));
        assertEquals("0.000", JsonLineEncoder.millis(-3));
    }

    @Test
    void timestampsAreRfc3339WithMicroseconds() {
        TimestampFormat format = new TimestampFormat();
        long now = System.nanoTime();
        String ts = format.format(now);
        assertEquals(27, ts.length(), ts);
        java.time.Instant parsed = java.time.Instant.parse(ts);
        long skewMillis = Math.abs(java.time.Duration.between(parsed, java.time.Instant.now()).toMillis());
        assertEquals(true, skewMillis < 60_000, ts);
        java.time.Instant later = java.time.Instant.parse(format.format(now + 1_500_000));
        assertEquals(1_500, java.time.Duration.between(parsed, later).toNanos() / 1000, 1);
    }
}
