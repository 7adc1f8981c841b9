package dev.doorman.server.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.audio.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new SimulateCommand(env));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path wav(String name, WavFile audio) throws Exception {
        Path p = dir.resolve(name);
        audio.write(p);
        return p;
    }

    @Test
    void stereoWavIsRejectedWithTheReason() throws Exception {
        ByteBuffer h = ByteBuffer.wrap(WavFile.header(8000, 4)).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort(22, (short) 2);
        Path stereo = dir.resolve("stereo.wav");
        Files.write(stereo, ByteBuffer.allocate(48).put(h.array()).array());

        assertEquals(2, run("--port", "9", "--wav", stereo.toString()));
        assertTrue(err.toString().contains("2 channel(s)"), err.toString());
        assertTrue(err.toString().contains("sox"), err.toString());
    }

    @Test
    void wavAtAnotherRateThanTheCallIsRejected() throws Exception {
        Path wide = wav("wide.wav", TestAudio.tone(16_000, 1600));

        assertEquals(2, run("--port", "9", "--wav", wide.toString()));
        assertTrue(err.toString().contains("is 16000 Hz but the call runs at 8000 Hz"), err.toString());
    }

    @Test
    void missingAndNonWavFilesAreNamed() throws Exception {
        assertEquals(2, run("--port", "9", "--wav", dir.resolve("nope.wav").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());

        Path text = Files.writeString(dir.resolve("notes.wav"), "hello, not audio");
        assertEquals(2, run("--port", "9", "--wav", text.toString()));
        assertTrue(err.toString().contains("not a RIFF/WAVE file"), err.toString());
    }

    @Test
    void badDtmfIsAUsageError() throws Exception {
        Path tone = wav("tone.wav", TestAudio.tone(8000, 800));

        assertEquals(2, run("--port", "9", "--wav", tone.toString(), "--dtmf", "12z"));
        assertTrue(err.toString().contains("DTMF digit 'Z'"), err.toString());
    }

    @Test
    void callRecordsTheServerAndPrintsTheGapReport() throws Exception {
        Path tone = wav("tone.wav", TestAudio.tone(8000, 1600));
        Path recording = dir.resolve("heard.wav");
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(FakeAudioSocketServer.ECHO)) {
            int code = run("--port", String.valueOf(server.port()), "--wav", tone.toString(),
                    "--silence-after", "100ms", "--record", recording.toString(), "--dtmf", "5", "--dtmf-at-ms", "40");

            assertEquals(0, code, err.toString());
        }
        String text = out.toString();
        assertTrue(text.contains("finished, simulator hung up"), text);
        assertTrue(text.contains("DTMF 5"), text);
        assertTrue(text.contains("received audio gaps: p50"), text);
        WavFile heard = WavFile.read(recording);
        assertEquals(8000, heard.sampleRate());
        assertTrue(heard.pcm().length > 0);
    }

    @Test
    void jsonReportForALoadRunWritesOneRecordingPerCall() throws Exception {
        Path tone = wav("tone.wav", TestAudio.tone(8000, 800));
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(FakeAudioSocketServer.ECHO)) {
            int code = run("--port", String.valueOf(server.port()), "--wav", tone.toString(), "--silence-after", "0s",
                    "--calls", "3", "--ramp", "60ms", "--json", "--record", dir.resolve("rec.wav").toString());

            assertEquals(0, code, err.toString());
        }
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(3, json.get("calls").asInt());
        assertEquals(3, json.get("completed").asInt());
        assertEquals(3, json.get("results").size());
        assertEquals("caller_hangup", json.get("results").get(0).get("outcome").asText());
        assertTrue(json.get("received_gaps").has("error_p99_ms"));
        for (int i = 1; i <= 3; i++) {
            assertTrue(Files.exists(dir.resolve(String.format("rec-%04d.wav", i))));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void unreachableServerExitsWith1AfterTheWait() throws Exception {
        Path tone = wav("tone.wav", TestAudio.tone(8000, 800));

        assertEquals(1, run("--port", String.valueOf(freePort()), "--wav", tone.toString(), "--wait", "1s"));
        assertTrue(out.toString().contains("connection failed"), out.toString());
        assertTrue(out.toString().contains("(waited 1 s)"), out.toString());
    }

    // The README walk starts the server and the simulator together: the call must wait for the
    // server to listen. The server here comes up a second after the simulator starts dialling.
    @Test
    void aServerThatStartsLateIsWaitedFor() throws Exception {
        Path tone = wav("tone.wav", TestAudio.tone(8000, 800));
        int port = freePort();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<FakeAudioSocketServer> server = later.schedule(
                    () -> new FakeAudioSocketServer(FakeAudioSocketServer.ECHO, port), 1, TimeUnit.SECONDS);
            int code = run("--port", String.valueOf(port), "--wav", tone.toString(), "--silence-after", "0s",
                    "--wait", "20s");
            server.get().close();
            assertEquals(0, code, out + "\n" + err);
            assertTrue(server.get().connections.size() == 1, "one connection once the server listened");
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void withoutWaitingALateServerIsAConnectionFailure() throws Exception {
        Path tone = wav("tone.wav", TestAudio.tone(8000, 800));

        assertEquals(1, run("--port", String.valueOf(freePort()), "--wav", tone.toString(), "--wait", "0s"));
        assertTrue(out.toString().contains("connection failed"), out.toString());
        assertFalse(out.toString().contains("waited"), out.toString());
    }

    @Test
    void thePortComesFromTheServersEnvironmentOrConfig() throws Exception {
        Path tone = wav("tone.wav", TestAudio.tone(8000, 800));
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(FakeAudioSocketServer.ECHO)) {
            String port = String.valueOf(server.port());
            assertEquals(0, run(Map.of("DOORMAN_SERVER_PORT", port), "--wav", tone.toString(), "--silence-after", "0s"),
                    out + "\n" + err);

            Path config = dir.resolve("config.yaml");
            Files.writeString(config, "server:\n  port: " + port + "\n");
            assertEquals(0, run("--config", config.toString(), "--wav", tone.toString(), "--silence-after", "0s"),
                    out + "\n" + err);
            assertEquals(2, server.connections.size());
        }
    }

    @Test
    void aBadPortInTheEnvironmentNamesTheVariable() throws Exception {
        Path tone = wav("tone.wav", TestAudio.tone(8000, 800));

        assertEquals(2, run(Map.of("DOORMAN_SERVER_PORT", "abc"), "--wav", tone.toString()));
        assertTrue(err.toString().contains("server.port") && err.toString().contains("environment variable DOORMAN_SERVER_PORT"),
                err.toString());
    }
}
