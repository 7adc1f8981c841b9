package dev.doorman.calllogger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads call files back the way a consumer would: strictly, one JSON object per line. */
public final class CallFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CallFiles() {
    }

    public static Path fileOf(Path dir, String callId) {
        return dir.resolve(callId + ".jsonl");
    }

    /** Parsed lines; empty when the file does not exist yet. Fails on any line that is not JSON. */
    public static List<JsonNode> read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> lines = new ArrayList<>();
        if (content.isEmpty()) {
            return lines;
        }
        assertTrue(content.endsWith("\n"), "file must end with a newline: " + file);
        for (String line : content.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                assertTrue(node.isObject(), "line is not a JSON object: " + line);
                lines.add(node);
            } catch (IOException e) {
                throw new AssertionError("invalid JSON line in " + file + ": " + line, e);
            }
        }
        return lines;
    }

    /** Asserts seq runs first..first+n-1 without gaps and every line carries the schema's fields. */
    public static void assertWellFormed(List<JsonNode> lines, String callId, long firstSeq) {
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            assertEquals(firstSeq + i, line.get("seq").asLong(), "seq gap at line " + i + ": " + line);
            assertEquals(callId, line.get("call_id").asText());
            assertTrue(line.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"),
                    "ts: " + line);
            assertTrue(line.get("elapsed_ms").isNumber(), "elapsed_ms: " + line);
            assertTrue(line.get("event").isTextual(), "event: " + line);
            assertTrue(line.get("data").isObject(), "data: " + line);
        }
    }
}
