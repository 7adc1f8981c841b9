package dev.doorman.server.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.e2e.CallFile;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.testing.RealAsterisk;
import dev.doorman.server.testing.Requirement;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the interop tests share: a server on the port the sample dialplan was pointed at, the
 * callers' dialplan (each call's caller extension is its tag, e.g. {@code 1100}), their recordings
 * of what the bot said, and the link from a caller to its call file.
 */
final class InteropCalls {
    static final Path ALLISON = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private InteropCalls() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An Allison prompt (Debian's asterisk-core-sounds-en-wav). */
    static Path allison(String name) {
        Path wav = ALLISON.resolve(name + ".wav");
        Requirement.require(Files.isRegularFile(wav), "Debian package asterisk-core-sounds-en-wav (" + wav + ")");
        return wav;
    }

    /** A visitor's sentence in an espeak-ng voice (not the bot's FreeTTS one), at 8 kHz. */
    static WavFile espeak(String text) throws Exception {
        Requirement.require(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "Debian package espeak-ng");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (SpeechSynthesizer voice = new SpeechSynthesizerFactory(k -> null).createEngine(
                TtsConfig.from(yaml.readTree("engine: espeak\nvoice: en-us+m3\nespeak: {speed: 150}\n")))) {
            return new WavFile(8000, voice.synthesize(text, 8000).pcm());
        }
    }

    /** The base config of a test server on {@code 127.0.0.1:port}, logs in {@code logs}, admin off. */
    static ServerConfig serverConfig(int port, Path logs) {
        ServerConfig defaults = ServerConfig.defaults();
        return defaults
                .withServer(defaults.server().withBind("127.0.0.1").withPort(port))
                .withLogging(defaults.logging().withDir(logs.toString()))
                .withAdmin(new ServerConfig.Admin(false, "127.0.0.1", 0));
    }

    /** The greeting behavior with {@code greeting}, optionally hanging up after it. */
    static DoormanServer greetingServer(int port, Path logs, Path greeting, boolean hangupAfterGreeting,
                                        UnaryOperator<ServerConfig> tweak) {
        ServerConfig config = serverConfig(port, logs)
                .withPrompts(new ServerConfig.Prompts(greeting.toString(), "the greeting", hangupAfterGreeting));
        return DoormanServer.builder(tweak.apply(config)).build().start();
    }

    /**
     * A caller context: answers, records what it hears into {@code <recordings>/<tag>.wav}, then runs
     * {@code steps} (dialplan lines after {@code same => n,}), then hangs up.
     */
    static String callerContext(String name, Path recordings, String... steps) {
        StringBuilder dialplan = new StringBuilder("[" + name + "]\n")
                .append("exten => _X.,1,Answer()\n")
                .append(" same => n,MixMonitor(").append(recordings).append("/${EXTEN}-both.wav,r(")
                .append(recordings).append("/${EXTEN}.wav))\n");
        for (String step : steps) {
            dialplan.append(" same => n,").append(step).append('\n');
        }
        return dialplan.append(" same => n,Hangup()\n").toString();
    }

    /** The call id the sample dialplan gave the call whose caller ran extension {@code tag}. */
    static String callIdOf(RealAsterisk asterisk, String tag) {
        List<RealAsterisk.DialplanStep> steps = asterisk.dialplanSteps();
        String pair = steps.stream().filter(s -> s.exten().equals(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("caller " + tag + " never ran\n" + asterisk.consoleLog()))
                .localPair();
        return steps.stream()
                .filter(s -> s.localPair().equals(pair) && s.context().equals("doorman"))
                .map(s -> UUID_TEXT.matcher(s.args()))
                .filter(Matcher::find)
                .map(Matcher::group)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no AudioSocket step for caller " + tag));
    }

    /** The applications the sample dialplan ran for caller {@code tag}'s call, in order. */
    static List<RealAsterisk.DialplanStep> doormanSteps(RealAsterisk asterisk, String tag) {
        List<RealAsterisk.DialplanStep> steps = asterisk.dialplanSteps();
        String pair = steps.stream().filter(s -> s.exten().equals(tag)).findFirst().orElseThrow().localPair();
        return steps.stream().filter(s -> s.localPair().equals(pair) && s.context().equals("doorman")).toList();
    }

    /** Waits until {@code count} call files in {@code logs} are complete (end with CALL_ENDED). */
    static List<CallFile> awaitEnded(Path logs, int count, Duration within) {
        await().atMost(within).until(() -> endedFiles(logs).size() >= count);
        return endedFiles(logs);
    }

    private static List<CallFile> endedFiles(Path logs) {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).map(CallFile::read).filter(CallFile::ended).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The call's file is whole: CALL_SETUP first, CALL_ENDED last (with {@code reason} unless null),
     * seq 0, 1, 2, ... without gaps.
     */
    static void assertComplete(CallFile call, String reason) {
        assertEquals("CALL_SETUP", call.events().get(0).path("event").asText(), call.types().toString());
        assertEquals("CALL_ENDED", call.last().path("event").asText(), call.types().toString());
        if (reason != null) {
            assertEquals(reason, call.last().path("data").path("reason").asText(), call.types().toString());
        }
        assertEquals(-1, call.firstSeqGap(), "seq gap in " + call.path());
    }

    /** Waits until Asterisk has no channels left (recordings are closed then). */
    static void awaitIdle(RealAsterisk asterisk) {
        await().atMost(Duration.ofSeconds(20)).until(() -> asterisk.activeChannels() == 0);
    }
}
