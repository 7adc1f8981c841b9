package dev.doorman.server.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    private static final long MS = 1_000_000L;

    private static CallResult result(String id, CallOutcome outcome, String detail, long framesReceived) {
        GapRecorder received = new GapRecorder(20 * MS);
        for (long i = 0; i < framesReceived; i++) {
            received.frameAt(i * 20 * MS + (i % 2 == 0 ? 0 : 3 * MS));
        }
        return new CallResult(id, outcome, detail, 8000, 1000, 50, "", framesReceived, framesReceived * 320,
                framesReceived > 0 ? 5 : -1, new byte[0], received, new GapRecorder(20 * MS));
    }

    private final SimulationReport report = SimulationReport.of(List.of(
            result("a", CallOutcome.CALLER_HANGUP, null, 50),
            result("b", CallOutcome.SERVER_CLOSED, "Connection reset by peer", 0),
            result("c", CallOutcome.CONNECT_FAILED, "cannot connect to 127.0.0.1:9: refused", 0)), 1500);

    @Test
    void countsRefusedAndFailedCallsSeparately() {
        assertEquals(1, report.completed());
        assertEquals(1, report.refused());
        assertEquals(1, report.failed());
        assertEquals(49, report.receivedGaps().gaps());
        assertEquals(3.0, report.receivedGaps().errorMaxMs(), 0.01);
    }

    @Test
    void textListsTheProblemCalls() {
        String text = new ReportWriter().text(report);

        assertTrue(text.startsWith("3 calls in 1.5 s: 1 completed, 1 refused, 1 failed"), text);
        assertTrue(text.contains("b SERVER_CLOSED: Connection reset by peer"), text);
        assertTrue(text.contains("c CONNECT_FAILED: cannot connect"), text);
        assertTrue(text.contains("(49 gaps)"), text);
        assertTrue(text.contains("sent audio gaps    : none (fewer than two frames)"), text);
    }

    @Test
    void jsonCarriesEveryCall() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new ReportWriter().json(report));

        assertEquals(3, json.get("results").size());
        assertEquals(1, json.get("outcomes").get("server_closed").asInt());
        assertTrue(json.get("results").get(1).get("refused").asBoolean());
        assertEquals(-1.0, json.get("results").get(2).get("first_audio_ms").asDouble());
        assertEquals(3.0, json.get("received_gaps").get("error_max_ms").asDouble(), 0.01);
    }
}
