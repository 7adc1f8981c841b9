package dev.doorman.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the README's five-minute walk exactly as written, pasted as one block into bash: the server
 * started with {@code ./bin/doorman &} and no config file, a simulated visitor, the analyzer, the
 * server stopped. The call file must hold the whole dialog, up to the doorman deciding to call the
 * resident. It runs in a scratch folder that links to the checkout's launchers, samples and built
 * jars, so the walk's outputs (logs/, heard.wav, report.html) do not land in the checkout; the only
 * difference from a reader's shell is the ports, moved off 9092/8080 through the environment
 * variables the README documents (which also shows that `simulate` follows DOORMAN_SERVER_PORT).
 */
class ReadmeWalkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    /** The first sh block under the walk's heading. */
    static String walkBlock(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int heading = lines.indexOf("## A five-minute walk");
        assertTrue(heading >= 0, "the README has a five-minute walk");
        int open = heading;
        while (!lines.get(open).strip().equals("```sh")) {
            open++;
        }
        int close = open + 1;
        while (!lines.get(close).strip().equals("```")) {
            close++;
        }
        return String.join("\n", lines.subList(open + 1, close)) + "\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theWalkRunsAsPastedAndTheCallFileHoldsTheWholeDialog() throws Exception {
        Path repo = Repo.root();
        for (String jar : List.of("audiosocket-server/target/doorman.jar", "log-analyzer-cli/target/analyzer.jar")) {
            assertTrue(Files.isRegularFile(repo.resolve(jar)), jar + " is missing: run the walk through `mvn verify`");
        }
        for (String entry : List.of("bin", "samples", "audiosocket-server", "log-analyzer-cli")) {
            Files.createSymbolicLink(scratch.resolve(entry), repo.resolve(entry));
        }
        String block = walkBlock(repo.resolve("README.md"));
        // Around the block, not in it: fail on the first failing line, never leave the server
        // running, and wait for it to finish its shutdown.
        Path script = scratch.resolve("walk.sh");
        Files.writeString(script, "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n" + block + "wait\n");

        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(scratch.toFile())
                .redirectErrorStream(true).redirectOutput(scratch.resolve("walk.out").toFile());
        Map<String, String> env = bash.environment();
        env.keySet().removeIf(name -> name.startsWith("DOORMAN_") || name.equals("JAVA_OPTS"));
        env.put("DOORMAN_SERVER_PORT", String.valueOf(freePort()));
        env.put("DOORMAN_ADMIN_PORT", String.valueOf(freePort()));
        Process walk = bash.start();
        if (!walk.waitFor(4, TimeUnit.MINUTES)) {
            walk.descendants().forEach(ProcessHandle::destroyForcibly);
            walk.destroyForcibly();
            fail("the walk did not finish in 4 minutes:\n" + Files.readString(scratch.resolve("walk.out")));
        }
        String output = Files.readString(scratch.resolve("walk.out"));
        assertEquals(0, walk.exitValue(), output);

        // The server said what it runs: the doorman on its embedded defaults.
        for (String line : List.of("config built-in defaults (no --config)", "dialog: on", "speech recognition: vosk",
                "speech synthesis: freetts", "directory: " + scratch.resolve("samples/directory.json") + ": ",
                "resident leg: ", "access: ", "doorman stopped")) {
            assertTrue(output.contains(line), "'" + line + "' in\n" + output);
        }
        assertTrue(output.contains("server hung up"), "the doorman ended the call after answering:\n" + output);

        List<JsonNode> events = callFile(scratch.resolve("logs"));
        List<String> types = events.stream().map(e -> e.get("event").asText()).toList();
        int at = -1;
        for (String expected : List.of("CALL_SETUP", "GREETING", "SPEECH_ENDED", "TRANSCRIPTION_COMPLETE",
                "INTENT_EXTRACTION_COMPLETE", "FUZZY_VALIDATION_COMPLETE", "SYNTHESIS_COMPLETE", "CALL_MORADOR",
                "RESIDENT_NO_ANSWER", "AUTHORIZATION", "PLAYBACK_START", "CALL_ENDED")) {
            int found = types.subList(at + 1, types.size()).indexOf(expected);
            assertTrue(found >= 0, expected + " after " + (at < 0 ? "the start" : types.get(at)) + " in " + types);
            at += found + 1;
        }
        JsonNode transcript = data(events, "TRANSCRIPTION_COMPLETE");
        assertTrue(transcript.get("text").asText().contains("david miller"), transcript.toString());
        JsonNode resident = data(events, "CALL_MORADOR");
        assertEquals("303", resident.get("apartment").asText());
        assertEquals("David Miller", resident.get("resident").asText());
        assertEquals("unavailable", data(events, "RESIDENT_NO_ANSWER").get("reason").asText(),
                "without an Asterisk manager the resident cannot be called, and the file says why");
        assertEquals("no_answer", data(events, "AUTHORIZATION").get("decision").asText());

        assertTrue(Files.size(scratch.resolve("heard.wav")) > 8000 * 2, "heard.wav holds what the bot said");
        assertTrue(Files.readString(scratch.resolve("report.html")).contains("<html"), "the HTML report");
    }

    private static List<JsonNode> callFile(Path logs) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(logs)) {
            files = list.filter(p -> p.toString().endsWith(".jsonl")).toList();
        }
        assertEquals(1, files.size(), "one call file: " + files);
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(files.get(0))) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private static JsonNode data(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("event").asText().equals(type)).findFirst().orElseThrow().get("data");
    }
}
