package dev.doorman.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One call's JSON-lines event file as written by the call logger, read back for assertions. */
public final class CallFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final List<JsonNode> events;

    private CallFile(Path path, List<JsonNode> events) {
        this.path = path;
        this.events = events;
    }

    /** Reads {@code <dir>/<callId>.jsonl}. */
    public static CallFile read(Path dir, String callId) {
        return read(dir.resolve(callId + ".jsonl"));
    }

    /**
     * The complete call files (ending with CALL_ENDED) in {@code dir}, for polling while calls go
     * on: a file being written (its last line partial) is not complete yet.
     */
    public static List<CallFile> endedIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).flatMap(f -> {
                try {
                    return Stream.of(read(f));
                } catch (UncheckedIOException e) {
                    return Stream.empty();
                }
            }).filter(CallFile::ended).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public static CallFile read(Path file) {
        try {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
            return new CallFile(file, events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read call file " + file, e);
        }
    }

    public Path path() {
        return path;
    }

    public List<JsonNode> events() {
        return events;
    }

    public List<String> types() {
        return events.stream().map(e -> e.path("event").asText()).toList();
    }

    public Optional<JsonNode> first(String type) {
        return events.stream().filter(e -> type.equals(e.path("event").asText())).findFirst();
    }

    public List<JsonNode> all(String type) {
        return events.stream().filter(e -> type.equals(e.path("event").asText())).toList();
    }

    public JsonNode last() {
        return events.get(events.size() - 1);
    }

    /** True when the file's last event is CALL_ENDED (the call's file is complete). */
    public boolean ended() {
        return !events.isEmpty() && "CALL_ENDED".equals(last().path("event").asText());
    }

    /**
     * The index of the first event whose {@code seq} is not its position (0, 1, 2, ...), or -1 when
     * the sequence is gap-free; a gap means lost events.
     */
    public int firstSeqGap() {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).path("seq").asLong(-1) != i) {
                return i;
            }
        }
        return -1;
    }
}
