package dev.doorman.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.ami.AmiClient;
import dev.doorman.server.ami.AmiListener;
import dev.doorman.server.ami.AmiMessage;
import dev.doorman.server.ami.AmiSettings;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.dialog.IntercomCallBehaviorFactory;
import dev.doorman.server.dialog.SampleDialogConfig;
import dev.doorman.server.e2e.CallFile;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.resident.ResidentPrompts;
import dev.doorman.server.testing.RealAsterisk;
import dev.doorman.server.testing.Repository;
import dev.doorman.server.testing.Requirement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resident leg end to end through the real Asterisk (the cases run at once, each a visit to
 * its own apartment): a visitor (a Local channel playing recorded
 * speech into the project's sample dialplan) asks for a resident; the doorman originates the
 * resident's dial string over the AMI with the AudioSocket application back to itself; the
 * resident's "phone" is dialplan that answers and plays a recorded answer (or keys DTMF); the
 * decision reaches the visitor, the webhook and the door station (DTMF on the visitor's channel).
 * Every event of both legs must be in the visitor's one call file, in order.
 */
@Execution(ExecutionMode.CONCURRENT)
class ResidentLegInteropTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBHOOK_SECRET = "test-webhook-secret";

    @TempDir
    static Path tmp;
    static RealAsterisk asterisk;
    static Path logs;
    static Path sounds;
    static Path recordings;
    static HttpServer webhook;
    static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** The access controller is down for this apartment's visits: every attempt gets 503. */
    static final String WEBHOOK_DOWN_FOR = "310";
    static AmiClient observer;
    static final List<AmiMessage> dtmfSeen = new CopyOnWriteArrayList<>();
    static IntercomCallBehaviorFactory dialog;
    static DoormanServer server;
    static SpeechRecognizer vosk;
    static final Set<Path> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Visits in progress at once. Two cores decode about four visitors speaking at the same moment
     * in real time (docs/benchmarks.md); more, and a visitor whose dialplan acts on a clock (the one
     * who hangs up while it rings) may act before the doorman has understood them.
     */
    static final java.util.concurrent.Semaphore LANES = new java.util.concurrent.Semaphore(4);
    static int noAmiPort;
    static ServerConfig noAmiConfig;

    record Delivery(JsonNode body, boolean signatureValid) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        Requirement.require(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "espeak-ng (apt-get install espeak-ng)");
        logs = tmp.resolve("logs");
        sounds = Files.createDirectories(tmp.resolve("sounds"));
        recordings = Files.createDirectories(tmp.resolve("recordings"));
        try (SpeechSynthesizer espeak = new SpeechSynthesizerFactory(k -> null).createEngine(
                TtsConfig.from(YAML.readTree("engine: espeak\nvoice: en-us+m3\nespeak: {speed: 150}\n")))) {
            for (String[] s : new String[][] {{"yes", "Yes, let them in."}, {"no", "No, thank you."}, {"who", "Who is it?"},
                    {"name", "Hello, my name is Peter Parker."}}) {
                new WavFile(8000, espeak.synthesize(s[1], 8000).pcm()).write(sounds.resolve(s[0] + ".wav"));
            }
        }
        Files.copy(Repository.root().resolve("samples/visitors/visit-david-miller-303.wav"), sounds.resolve("visit-303.wav"));
        Path directory = tmp.resolve("directory.json");
        Files.writeString(directory, """
                [
                  {"apartment": "303", "residents": ["David Miller"], "extension": "1303"},
                  {"apartment": "304", "residents": ["Diane Novak"], "extension": "1304"},
                  {"apartment": "305", "residents": ["Walter White"], "extension": "1305"},
                  {"apartment": "306", "residents": ["Tina Keys"], "extension": "1306"},
                  {"apartment": "307", "residents": ["Ray Later"], "extension": "1307"},
                  {"apartment": "308", "residents": ["Bea Busy"], "extension": "1308"},
                  {"apartment": "309", "residents": ["Rita Rings"], "extension": "1309"},
                  {"apartment": "310", "residents": ["Tom Keys"], "extension": "1306"},
                  {"apartment": "311", "residents": ["Nora Nobody"], "extension": "1311"}
                ]
                """);

        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/door", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (JSON.readTree(body).path("apartment").asText().equals(WEBHOOK_DOWN_FOR)) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Doorman-Signature");
            deliveries.add(new Delivery(JSON.readTree(body), ("sha256=" + hmac(body)).equals(signature)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();

        ServerConfig config = SampleDialogConfig.onLoopback(Repository.root().resolve("samples/config.yaml"), logs);
        ((ObjectNode) config.section("directory")).put("path", directory.toString());
        vosk = new SpeechRecognizerFactory(k -> null).create(SttConfig.defaults());

        // The server's port is needed by the dialplan, Asterisk's AMI port by the server: bind first.
        int audioSocketPort = freePort();
        noAmiPort = freePort();
        noAmiConfig = config.withServer(config.server().withPort(noAmiPort)).withSection("resident", YAML.readTree(
                "enabled: true\nami: {host: 127.0.0.1, port: " + freePort() + ", username: u, secret: s}\n"));
        config = config.withServer(config.server().withPort(audioSocketPort));
        asterisk = RealAsterisk.start(tmp.resolve("asterisk"), new RealAsterisk.AsteriskConfig()
                .sampleDialplan("127.0.0.1:" + audioSocketPort)
                .dialplan(dialplan()));
        config = config.withSection("resident", YAML.readTree("""
                enabled: true
                ami: {host: 127.0.0.1, port: %d, username: %s, secret: %s}
                dial: "Local/${extension}@test-residents"
                ringTimeoutSeconds: 6
                attempts: 2
                retryPauseSeconds: 1
                noInputSeconds: 5
                holdRepeatSeconds: 4
                """.formatted(asterisk.amiPort(), RealAsterisk.AMI_USER, RealAsterisk.AMI_SECRET)));
        config = config.withSection("access", YAML.readTree("""
                webhook: {url: "http://127.0.0.1:%d/door", secret: %s, timeoutMs: 2000, attempts: 3}
                dtmf: "9#"
                """.formatted(webhook.getAddress().getPort(), WEBHOOK_SECRET)));
        // The visits run at once, more than this machine's measured capacity: admission control (which
        // would tell the last callers that all lines are busy) is not what this test is about.
        config = config.withSection("conversation", YAML.readTree("admission: {enabled: false}\n"));
        dialog = IntercomCallBehaviorFactory.fromConfig(config::section, 8000);
        server = DoormanServer.builder(config).behaviors(dialog).legs(dialog.residents().legs())
                .meterBinder(dialog.residents().metrics()).build().start();

        observer = new AmiClient(AmiSettings.of("127.0.0.1", asterisk.amiPort(), RealAsterisk.AMI_USER,
                RealAsterisk.AMI_SECRET).withEvents("dtmf")).start();
        observer.addListener(new AmiListener() {
            @Override
            public void onEvent(AmiMessage event) {
                if (event.event().filter("DTMFEnd"::equalsIgnoreCase).isPresent()) {
                    dtmfSeen.add(event);
                }
            }
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> observer.isReady() && dialog.residents().available());
    }

    private static String dialplan() {
        String s = sounds.toString();
        return """
                [globals]
                SOUNDS=%s
                RECORDINGS=%s
                TRIES1307=0

                ; The residents' phones: each extension answers the doorman its own way, and speaks when
                ; the doorman has finished (WaitForNoise, then WaitForSilence on what it hears), not on a clock.
                [test-residents]
                exten => 1303,1,Answer()
                 same => n,WaitForNoise(200,1,30)
                 same => n,WaitForSilence(1200,1,30)
                 same => n,Playback(${SOUNDS}/yes)
                 same => n,Wait(30)
                exten => 1304,1,Answer()
                 same => n,WaitForNoise(200,1,30)
                 same => n,WaitForSilence(1200,1,30)
                 same => n,Playback(${SOUNDS}/no)
                 same => n,Wait(30)
                ; (interrupts the end of the question, as people do. An open finding: Vosk does not hear
                ; "who" in espeak's "Who is it?" on its own - "it", "in it" or "unit" with five voices,
                ; free or with the grammar - and after the question had ended the doorman heard "is";
                ; said over the question's end it is decoded "who unit", which the rules take as ask_who)
                exten => 1305,1,Answer()
                 same => n,WaitForNoise(200,1,30)
                 same => n,Wait(8.5)
                 same => n,Playback(${SOUNDS}/who)
                 same => n,WaitForNoise(200,1,30)
                 same => n,WaitForSilence(1200,1,30)
                 same => n,Playback(${SOUNDS}/yes)
                 same => n,Wait(30)
                exten => 1306,1,Answer()
                 same => n,Wait(4)
                 same => n,SendDTMF(1)
                 same => n,Wait(30)
                ; the first attempt rings out, the second is answered
                exten => 1307,1,Set(GLOBAL(TRIES1307)=$[${TRIES1307} + 1])
                 same => n,GotoIf($[${TRIES1307} = 1]?ring)
                 same => n,Answer()
                 same => n,WaitForNoise(200,1,30)
                 same => n,WaitForSilence(1200,1,30)
                 same => n,Playback(${SOUNDS}/yes)
                 same => n,Wait(30)
                 same => n(ring),Ringing()
                 same => n,Wait(60)
                ; (a Local channel that signals busy or ringing in its very first priority is reported
                ; to Originate as "could not be placed" (reason 0), so each starts with a NoOp)
                exten => 1308,1,NoOp(busy)
                 same => n,Busy(5)
                exten => 1309,1,NoOp(rings until the visitor gives up)
                 same => n,Ringing()
                 same => n,Wait(120)

                ; Visitors: record what they hear; say who they are, then key the apartment or speak it.
                [visitor-speaks]
                exten => _XXX,1,Answer()
                 same => n,MixMonitor(${RECORDINGS}/mix-${EXTEN}.wav,r(${RECORDINGS}/heard-${EXTEN}.wav))
                 same => n,Wait(6)
                 same => n,Playback(${SOUNDS}/visit-${EXTEN})
                 same => n,Wait(90)
                [visitor-keys]
                exten => _XXX,1,Answer()
                 same => n,MixMonitor(${RECORDINGS}/mix-${EXTEN}.wav,r(${RECORDINGS}/heard-${EXTEN}.wav))
                 same => n,Wait(6)
                 same => n,Playback(${SOUNDS}/name)
                 same => n,Wait(2)
                 same => n,SendDTMF(${EXTEN}#)
                 same => n,Wait(90)
                ; hangs up a few seconds into the first ring (resident.ringTimeoutSeconds is 6)
                [visitor-leaves]
                exten => _XXX,1,Answer()
                 same => n,Wait(6)
                 same => n,Playback(${SOUNDS}/name)
                 same => n,Wait(2)
                 same => n,SendDTMF(${EXTEN}#)
                 same => n,Wait(4)
                 same => n,Hangup()

                ; The second doorman, whose AMI is down.
                [doorman-no-ami]
                exten => 100,1,Answer()
                 same => n,Set(CALL_ID=${UUID()})
                 same => n,AudioSocket(${CALL_ID},127.0.0.1:%d)
                 same => n,Hangup()
                """.formatted(s, recordings, noAmiPort);
    }

    @AfterAll
    static void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {server, dialog, observer, asterisk, vosk}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
        if (webhook != null) {
            webhook.stop(0);
        }
        keepCallFiles();
    }

    // -Ddoorman.interop.keepCallFiles=DIR copies the visits' call files there (how samples/logs got its resident legs).
    private static void keepCallFiles() {
        String keep = System.getProperty("doorman.interop.keepCallFiles");
        if (keep == null || logs == null) {
            return;
        }
        try (var files = Files.list(logs)) {
            Path target = Files.createDirectories(Path.of(keep));
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the call files in " + keep, e);
        }
    }

    // --- the cases ----------------------------------------------------------------------------

    @Test
    void residentAuthorizesBySpeechAndTheDoorOpens() throws Exception {
        CallFile call = visit("303", "visitor-speaks");
        String callId = call.events().get(0).path("call_id").asText();

        assertInOrder(call, "CALL_SETUP", "CALL_MORADOR", "MORADOR_CONNECTED", "SPEECH_ENDED", "TRANSCRIPTION_COMPLETE",
                "AUTHORIZATION", "DOOR_OPEN", "RESIDENT_LEG_ENDED", "CALL_ENDED");
        JsonNode morador = data(call, "CALL_MORADOR");
        assertEquals("303", morador.path("apartment").asText());
        assertEquals("David Miller", morador.path("resident").asText());
        assertEquals("Local/1303@test-residents", morador.path("destination").asText());
        assertEquals(1, morador.path("attempt").asInt());
        JsonNode connected = data(call, "MORADOR_CONNECTED");
        assertEquals(1, connected.path("attempt").asInt());
        assertTrue(connected.path("ring_ms").asDouble() > 0, connected.toString());
        assertAuthorization(call, "authorized", "speech", "David Miller");
        assertTrue(residentEvents(call).contains("TRANSCRIPTION_COMPLETE"), "the resident's words, in the visitor's file");
        assertTrue(residentEvents(call).contains("PLAYBACK_START"), "the question played to the resident");
        JsonNode understood = call.events().stream().filter(e -> "INTENT_EXTRACTION_COMPLETE".equals(e.path("event").asText())
                && "resident".equals(e.path("data").path("source").asText())).findFirst().orElseThrow().path("data");
        assertEquals("authorize", understood.path("intent").asText(), understood.toString());

        // The door: webhook signed and received, DTMF played on the visitor's channel.
        Delivery delivery = deliveries.stream().filter(d -> d.body().path("call_id").asText().equals(callId)).findFirst()
                .orElseThrow(() -> new AssertionError("no webhook for " + callId + ": " + deliveries));
        assertTrue(delivery.signatureValid(), "X-Doorman-Signature verifies with the shared secret");
        assertEquals("authorized", delivery.body().path("decision").asText());
        assertEquals("David Miller", delivery.body().path("resident").asText());
        assertEquals("Peter Parker", delivery.body().path("visitor_name").asText().replaceAll("(?i)peter parker", "Peter Parker"));
        assertEquals("303", delivery.body().path("apartment").asText());
        List<String> doors = call.all("DOOR_OPEN").stream().map(e -> e.path("data").path("method").asText() + ":"
                + e.path("data").path("status").asText()).sorted().toList();
        assertEquals(List.of("dtmf:ok", "webhook:ok"), doors);
        await().atMost(Duration.ofSeconds(10)).until(() -> dtmfSeen.stream().map(e -> e.get("Digit", "")).toList()
                .containsAll(List.of("9", "#")));

        // What the visitor heard, as Vosk hears it.
        String heard = transcribe(recordings.resolve("heard-303.wav"));
        assertTrue(heard.contains("authorized"), "the visitor heard: " + heard);
    }

    @Test
    void residentDeniesBySpeech() throws Exception {
        CallFile call = visit("304", "visitor-keys");
        assertAuthorization(call, "denied", "speech", "Diane Novak");
        assertTrue(call.all("DOOR_OPEN").isEmpty(), "no door for a denied visit");
        assertInOrder(call, "MORADOR_CONNECTED", "AUTHORIZATION", "RESIDENT_LEG_ENDED", "CALL_ENDED");
    }

    @Test
    void residentAsksWhoItIsThenAuthorizes() throws Exception {
        CallFile call = visit("305", "visitor-keys");
        assertAuthorization(call, "authorized", "speech", "Walter White");
        List<String> intents = call.all("INTENT_EXTRACTION_COMPLETE").stream()
                .filter(e -> "resident".equals(e.path("data").path("source").asText()))
                .map(e -> e.path("data").path("intent").asText()).toList();
        assertEquals(2, intents.size(), intents.toString());
        assertEquals("authorize", intents.get(1));
        // Vosk does not reliably hear "who" in the synthetic "Who is it?" (see the dialplan): the
        // doorman must then answer what it understood, the visit's details or a request for yes/no.
        String reply = call.all("AI_PROCESSING_COMPLETE").stream()
                .filter(e -> "resident".equals(e.path("data").path("source").asText())).findFirst().orElseThrow()
                .path("data").path("response_text").asText();
        if (intents.get(0).equals("ask_who")) {
            assertEquals("The visitor says they are Peter Parker, here for apartment 305. Do you authorize? "
                    + "Say yes or no.", reply);
        } else {
            assertEquals("unknown", intents.get(0));
            assertEquals(ResidentPrompts.ENGLISH.retry(), reply);
        }
    }

    @Test
    void residentKeysOneToAuthorize() throws Exception {
        CallFile call = visit("306", "visitor-keys");
        assertAuthorization(call, "authorized", "dtmf", "Tina Keys");
        assertTrue(call.all("DTMF_RECEIVED").stream().anyMatch(e -> "resident".equals(e.path("data").path("source").asText())
                && "1".equals(e.path("data").path("digit").asText())));
    }

    @Test
    void noAnswerIsRetriedThenAnswered() throws Exception {
        CallFile call = visit("307", "visitor-keys");
        List<JsonNode> attempts = call.all("CALL_MORADOR");
        assertEquals(2, attempts.size(), call.types().toString());
        assertEquals("no_answer", data(call, "RESIDENT_NO_ANSWER").path("reason").asText());
        assertEquals(1, data(call, "RESIDENT_NO_ANSWER").path("attempt").asInt());
        assertEquals(2, data(call, "MORADOR_CONNECTED").path("attempt").asInt());
        assertAuthorization(call, "authorized", "speech", "Ray Later");
    }

    @Test
    void busyEveryTimeEndsWithNoAnswerAndTheVisitorIsTold() throws Exception {
        CallFile call = visit("308", "visitor-keys");
        List<String> reasons = call.all("RESIDENT_NO_ANSWER").stream().map(e -> e.path("data").path("reason").asText()).toList();
        assertEquals(List.of("busy", "busy"), reasons, "errors: " + call.all("ERROR"));
        assertFalse(call.types().contains("MORADOR_CONNECTED"));
        assertAuthorization(call, "no_answer", "timeout", "Bea Busy");
        String said = lastSaidToVisitor(call);
        assertEquals("Sorry, Bea Busy did not answer. Goodbye.", said);
        assertEquals("server_hangup", call.last().path("data").path("reason").asText());
    }

    @Test
    void visitorHangsUpWhileItRingsAndTheRingingStops() throws Exception {
        CallFile call = visit("309", "visitor-leaves");
        assertAuthorization(call, "visitor_left", "hangup", "Rita Rings");
        assertEquals("caller_hangup", call.last().path("data").path("reason").asText());
        assertFalse(call.types().contains("MORADOR_CONNECTED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !asterisk.cli("core show channels").contains("1309@test-residents"));
    }

    @Test
    void webhookDownIsRetriedAndTheVisitorIsStillTold() throws Exception {
        CallFile call = visit(WEBHOOK_DOWN_FOR, "visitor-keys");
        assertAuthorization(call, "authorized", "dtmf", "Tom Keys");
        JsonNode door = call.all("DOOR_OPEN").stream().filter(e -> "webhook".equals(e.path("data").path("method").asText()))
                .findFirst().orElseThrow().path("data");
        assertEquals("failed", door.path("status").asText());
        assertEquals(3, door.path("attempts").asInt());
        assertTrue(call.all("ERROR").stream().anyMatch(e -> "door_open_failed".equals(e.path("data").path("error_type").asText())));
        assertEquals("Tom Keys has authorized your visit. Please come in. Goodbye.", lastSaidToVisitor(call));
        assertTrue(deliveries.stream().noneMatch(d -> d.body().path("apartment").asText().equals(WEBHOOK_DOWN_FOR)));
    }

    @Test
    void managerDownTheVisitorHearsAnApologyAndTheCallEndsCleanly() throws Exception {
        try (IntercomCallBehaviorFactory noAmi = IntercomCallBehaviorFactory.fromConfig(noAmiConfig::section, 8000);
             DoormanServer second = DoormanServer.builder(noAmiConfig).behaviors(noAmi).legs(noAmi.residents().legs())
                     .build().start()) {
            assertFalse(noAmi.residents().available());
            CallFile call = visit("100", "doorman-no-ami", "311", "visitor-keys");
            assertEquals("unavailable", data(call, "RESIDENT_NO_ANSWER").path("reason").asText());
            assertEquals(1, call.all("CALL_MORADOR").size(), "nothing to retry while the manager is down");
            assertTrue(data(call, "ERROR").path("message").asText().contains("AMI not connected"), data(call, "ERROR").toString());
            assertAuthorization(call, "no_answer", "timeout", "Nora Nobody");
            assertEquals("Sorry, I cannot call Nora Nobody right now. Please try again later. Goodbye.", lastSaidToVisitor(call));
            assertEquals("server_hangup", call.last().path("data").path("reason").asText());
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    /** Places a visitor call and returns its call file once complete. */
    private static CallFile visit(String apartment, String visitorContext) throws Exception {
        return visit("100", "doorman", apartment, visitorContext);
    }

    private static CallFile visit(String exten, String context, String apartment, String visitorContext) throws Exception {
        // The visit is the one file whose call rang this apartment (each case has its own).
        Path[] file = new Path[1];
        LANES.acquire();
        try {
            asterisk.originate(exten, context, apartment, visitorContext);
            await().atMost(Duration.ofSeconds(150)).until(() -> {
                for (Path f : files()) {
                    String text = Files.readString(f);
                    if (text.contains("\"CALL_ENDED\"") && text.contains("\"event\":\"CALL_MORADOR\",\"data\":{\"apartment\":\""
                            + apartment + "\"") && claimed.add(f)) {
                        file[0] = f;
                        return true;
                    }
                }
                return false;
            });
        } finally {
            LANES.release();
        }
        CallFile call = CallFile.read(file[0]);
        assertEquals("CALL_SETUP", call.types().get(0));
        assertEquals("CALL_ENDED", call.types().get(call.types().size() - 1), "CALL_ENDED is the last line: " + call.types());
        assertEquals(-1, call.firstSeqGap(), "no lost lines");
        long distinctIds = call.events().stream().map(e -> e.path("call_id").asText()).distinct().count();
        assertEquals(1, distinctIds, "both legs log under the visitor's call id");
        assertEquals(1, call.all("AUTHORIZATION").size(), "one outcome per visit: " + call.types());
        return call;
    }

    private static Set<Path> files() throws IOException {
        if (!Files.isDirectory(logs)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(logs)) {
            return new HashSet<>(s.toList());
        }
    }

    private static void assertAuthorization(CallFile call, String decision, String by, String resident) {
        JsonNode a = data(call, "AUTHORIZATION");
        assertEquals(decision, a.path("decision").asText(), call.types() + "\nerrors: " + call.all("ERROR")
                + "\nheard: " + call.all("TRANSCRIPTION_COMPLETE").stream().map(e -> e.path("data").path("source").asText()
                + ": " + e.path("data").path("text").asText()).toList());
        assertEquals(by, a.path("by").asText());
        assertEquals(resident, a.path("resident").asText());
    }

    private static JsonNode data(CallFile call, String type) {
        return call.first(type).orElseThrow(() -> new AssertionError(type + " missing: " + call.types())).path("data");
    }

    private static List<String> residentEvents(CallFile call) {
        return call.events().stream().filter(e -> "resident".equals(e.path("data").path("source").asText())
                        || "resident".equals(e.path("data").path("target").asText()))
                .map(e -> e.path("event").asText()).toList();
    }

    private static String lastSaidToVisitor(CallFile call) {
        return call.events().stream().filter(e -> "SYNTHESIS_START".equals(e.path("event").asText())
                        && "visitor".equals(e.path("data").path("target").asText()))
                .reduce((a, b) -> b).orElseThrow().path("data").path("text").asText();
    }

    private static void assertInOrder(CallFile call, String... expected) {
        List<String> types = call.types();
        int at = -1;
        for (String name : expected) {
            int next = types.subList(at + 1, types.size()).indexOf(name);
            assertTrue(next >= 0, name + " missing after position " + at + " in " + types);
            at += next + 1;
        }
    }

    private static String transcribe(Path wav) throws IOException {
        WavFile recording = WavFile.read(wav);
        try (RecognitionStream stream = vosk.open(recording.sampleRate())) {
            stream.accept(recording.pcm(), 0, recording.pcm().length);
            return stream.finish().text().toLowerCase(Locale.ROOT);
        }
    }

    private static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
