package dev.doorman.analyzer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes a call file line by line in the server's format (seq from 0, ts from the start plus elapsed). */
public final class CallFiles {
    private final String callId;
    private final Instant start;
    private final List<String> lines = new ArrayList<>();

    public CallFiles(String callId, Instant start) {
        this.callId = callId;
        this.start = start;
    }

    public CallFiles event(double elapsedMs, String event, String data) {
        Instant ts = start.plusNanos((long) (elapsedMs * 1_000_000));
        lines.add("{\"ts\":\"" + ts + "\",\"call_id\":\"" + callId + "\",\"seq\":" + lines.size() + ",\"elapsed_ms\":"
                + elapsedMs + ",\"event\":\"" + event + "\",\"data\":" + data + "}");
        return this;
    }

    public Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(callId + ".jsonl");
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A visit with the resident leg in the shape the server writes it: a busy first attempt, then an answer and a decision by speech. */
    public static CallFiles visitWithResident(String callId, Instant start, String building) {
        CallFiles f = new CallFiles(callId, start);
        f.event(0, "CALL_SETUP", building == null ? "{}" : "{\"building\":\"" + building + "\"}");
        f.event(1000, "SPEECH_ENDED", "{\"source\":\"visitor\",\"turn\":1,\"duration_ms\":900.0,\"hangover_ms\":600.0}");
        f.event(1300, "TRANSCRIPTION_COMPLETE", "{\"source\":\"visitor\",\"turn\":1,\"text\":\"x\",\"duration_ms\":300.0}");
        f.event(1350, "AI_PROCESSING_COMPLETE", "{\"turn\":1,\"response_text\":\"y\",\"duration_ms\":50.0}");
        f.event(1500, "SYNTHESIS_COMPLETE", "{\"target\":\"visitor\",\"turn\":1,\"duration_ms\":150.0,\"cached\":false}");
        f.event(1510, "PLAYBACK_START", "{\"target\":\"visitor\",\"turn\":1}");
        f.event(1600, "CALL_MORADOR", "{\"apartment\":\"302\",\"resident\":\"Mary Jones\",\"destination\":\"1302\",\"attempt\":1}");
        f.event(6600, "RESIDENT_NO_ANSWER", "{\"reason\":\"busy\",\"attempt\":1}");
        f.event(6700, "CALL_MORADOR", "{\"apartment\":\"302\",\"resident\":\"Mary Jones\",\"destination\":\"1302\",\"attempt\":2}");
        f.event(10900, "MORADOR_CONNECTED", "{\"apartment\":\"302\",\"resident\":\"Mary Jones\",\"ring_ms\":4200.0,\"attempt\":2}");
        f.event(10950, "SYNTHESIS_COMPLETE", "{\"target\":\"resident\",\"turn\":0,\"duration_ms\":40.0,\"cached\":false}");
        f.event(10960, "PLAYBACK_START", "{\"target\":\"resident\",\"turn\":0}");
        f.event(14000, "SPEECH_ENDED", "{\"source\":\"resident\",\"turn\":1,\"duration_ms\":700.0,\"hangover_ms\":600.0}");
        f.event(14200, "TRANSCRIPTION_COMPLETE", "{\"source\":\"resident\",\"turn\":1,\"text\":\"yes\",\"duration_ms\":200.0}");
        f.event(14230, "AI_PROCESSING_COMPLETE", "{\"turn\":1,\"response_text\":\"ok\",\"duration_ms\":30.0,\"source\":\"resident\"}");
        f.event(14300, "SYNTHESIS_COMPLETE", "{\"target\":\"resident\",\"turn\":1,\"duration_ms\":70.0,\"cached\":true}");
        f.event(14310, "PLAYBACK_START", "{\"target\":\"resident\",\"turn\":1}");
        f.event(14400, "AUTHORIZATION", "{\"decision\":\"authorized\",\"by\":\"speech\",\"apartment\":\"302\",\"resident\":\"Mary Jones\"}");
        f.event(14500, "DOOR_OPEN", "{\"method\":\"webhook\",\"status\":\"ok\",\"attempts\":1}");
        f.event(15000, "CALL_ENDED", "{\"reason\":\"server_hangup\",\"total_duration_ms\":15000.0}");
        return f;
    }
}
