package dev.doorman.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a call's JSONL event file as written by call-logger. */
final class CallLogs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CallLogs() {
    }

    static List<JsonNode> events(Path dir, String callId) {
        Path file = dir.resolve(callId + ".jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> types(Path dir, String callId) {
        return events(dir, callId).stream().map(e -> e.get("event").asText()).toList();
    }

    static JsonNode first(Path dir, String callId, String type) {
        return events(dir, callId).stream().filter(e -> e.get("event").asText().equals(type)).findFirst()
                .map(e -> e.get("data")).orElse(null);
    }

    static boolean ended(Path dir, String callId) {
        return types(dir, callId).contains("CALL_ENDED");
    }
}
