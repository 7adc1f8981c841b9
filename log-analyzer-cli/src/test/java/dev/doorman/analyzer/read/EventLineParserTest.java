package dev.doorman.analyzer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.doorman.analyzer.bench.CorpusGenerator;
import dev.doorman.analyzer.report.TestDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written line parser against Jackson, the general parser it replaced: on real and
 * generated lines and on thousands of damaged ones (cut, bytes changed, inserted, removed), both
 * must agree on whether a line is an event and on every field a report reads.
 */
class EventLineParserTest {
    private static final String ID = "11111111-1111-4111-8111-111111111111";
    private static final JsonFactory JACKSON = new JsonFactory();
    private static final byte[] NOISE = "{}[]\":,.-+eE0123456789 \\tnulruefas\\u00e9x\u00e9\u20ac\t".getBytes(StandardCharsets.UTF_8);

    @Test
    void agreesWithJacksonOnGoodAndDamagedLines() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TestDirs.goldenLogs().resolve(ID + ".jsonl")));
        for (String f : List.of("22222222-2222-4222-8222-222222222222.jsonl")) {
            lines.addAll(Files.readAllLines(TestDirs.goldenLogs().resolve(f)));
        }
        for (Path f : Files.list(Path.of("..", "samples", "logs")).filter(p -> p.toString().endsWith(".jsonl")).toList()) {
            lines.addAll(Files.readAllLines(f));
        }
        StringBuilder call = new StringBuilder();
        new CorpusGenerator(3, false, Instant.parse("2026-11-01T00:00:00Z")).writeCall(ID, Instant.parse("2026-11-01T00:00:00Z"), call);
        lines.addAll(List.of(call.toString().split("\n")));
        lines.addAll(List.of(
                "{}", "[]", "{\"event\":\"X\"}", "{\"event\":5}", "{\"event\":\"CALL\\u005fSETUP\"}",
                "{\"event\":\"A\",\"event\":\"CALL_SETUP\"}", "{\"event\":\"CALL_SETUP\",\"event\":\"Z\"}",
                "{\"seq\":1.5,\"event\":\"E\"}", "{\"seq\":99999999999999999999,\"event\":\"E\"}",
                "{\"seq\":-3,\"event\":\"E\"}", "{\"elapsed_ms\":\"12.5\",\"event\":\"E\"}",
                "{\"elapsed_ms\":1e3,\"event\":\"E\"}", "{\"elapsed_ms\":-0.0,\"event\":\"E\"}",
                "{\"elapsed_ms\":0.1234567890123456789,\"event\":\"E\"}", "{\"elapsed_ms\":01,\"event\":\"E\"}",
                "{\"event\":\"E\",\"data\":{\"source\":5,\"turn\":\"7\",\"cached\":{\"a\":[1,{}]},\"reason\":null}}",
                "{\"event\":\"E\",\"data\":{\"message\":\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\u20ac\ud83d\ude00\",\"duration_ms\":1E-2}}",
                "{\"event\":\"E\",\"data\":{\"turn\":12345678901234567890,\"count\":-1}}",
                "{\"event\":\"E\",\"data\":[1,2]}", "{\"event\":\"E\",\"data\":{\"x\":[[[[[]]]]]}}",
                "{\"event\":\"E\"} x", "{\"event\":\"E\"}}", "  {\"event\" : \"E\" ,\"ts\": \"t\"}  ",
                "{\"call_id\":\"11111111-1111-4111-8111-111111111112\",\"event\":\"E\"}",
                "{\"call_id\":\"11111111-1111-4111-8111-11111111111A\",\"event\":\"E\"}",
                "{\"ts\":\"2026\\u002d11\",\"event\":\"E\",\"data\":{\"by\":\"speech\",\"decision\":\"authorized\",\"attempt\":2}}"));
        Random random = new Random(42);
        List<String> all = new ArrayList<>(lines);
        for (String line : lines) {
            for (int k = 0; k < 25; k++) {
                all.add(damage(line, random));
            }
        }
        int agreed = 0;
        int malformed = 0;
        for (String line : all) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (!Utf8.isValid(bytes, 0, bytes.length)) {
                continue;
            }
            String expected = jackson(bytes);
            String actual = ours(bytes);
            assertEquals(expected, actual, "line: " + line);
            agreed++;
            if (expected.equals("malformed")) {
                malformed++;
            }
        }
        assertTrue(agreed > 3000 && malformed > 1000, agreed + " lines compared, " + malformed + " malformed");
    }

    private static String damage(String line, Random random) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(Math.max(1, b.length));
        StringBuilder s = new StringBuilder(new String(b, StandardCharsets.UTF_8));
        int pos = Math.min(at, s.length());
        switch (random.nextInt(4)) {
            case 0 -> s.setLength(pos);
            case 1 -> {
                if (pos < s.length()) {
                    s.deleteCharAt(pos);
                }
            }
            case 2 -> s.insert(pos, (char) NOISE[random.nextInt(NOISE.length)]);
            default -> {
                if (pos < s.length()) {
                    s.setCharAt(pos, (char) NOISE[random.nextInt(NOISE.length)]);
                }
            }
        }
        return s.toString();
    }

    private static String ours(byte[] b) {
        EventLineParser p = new EventLineParser();
        if (!p.parse(b, 0, b.length, ID) || p.eventName == null || p.eventName.isEmpty()) {
            return "malformed";
        }
        return describe(p.tsLength < 0 ? null : new String(p.ts, 0, p.tsLength), p.callIdMismatch, p.seq, p.elapsedMs,
                p.eventName, p.data.build());
    }

    /** The Jackson-based parse the analyzer used before, as the reference. */
    private static String jackson(byte[] b) {
        try (JsonParser p = JACKSON.createParser(b, 0, b.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "malformed";
            }
            String ts = null;
            String callId = null;
            long seq = CallEvent.NO_SEQ;
            double elapsed = Double.NaN;
            String name = null;
            EventData.Builder data = new EventData.Builder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "ts" -> ts = value == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                    case "call_id" -> callId = value == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                    case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : skipSeq(p);
                    case "elapsed_ms" -> elapsed = EventDataParser.number(p, Double.NaN);
                    case "event" -> name = EventDataParser.text(p);
                    case "data" -> {
                        if (value == JsonToken.START_OBJECT) {
                            EventDataParser.object(p, data);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || name == null || name.isEmpty()) {
                return "malformed";
            }
            return describe(ts, callId != null && !callId.equalsIgnoreCase(ID), seq, elapsed, name, data.build());
        } catch (IOException | RuntimeException e) {
            return "malformed";
        }
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static long skipSeq(JsonParser p) throws IOException {
        p.skipChildren();
        return CallEvent.NO_SEQ;
    }

    private static String describe(String ts, boolean mismatch, long seq, double elapsed, String name, EventData data) {
        return "ts=" + ts + " mismatch=" + mismatch + " seq=" + seq + " elapsed=" + elapsed + " event=" + name + " " + data;
    }
}
