package dev.doorman.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.doorman.server.audio.Resampler;
import dev.doorman.server.audio.WavFile;

/**
 * The real Asterisk 23.4.1 of {@code ../shared/asterisk} (next to the repository), run as a private
 * instance under a test folder through its {@code asterisk.sh}: our dialplan, AMI on a free port,
 * calls placed from Local channels. {@link #start} skips the test with a loud message when the
 * Asterisk is absent, and fails it under {@code CI=true}.
 *
 * <p>The instance writes its console to {@code <runDir>/console.log}; {@link #consoleLog()} reads it
 * for assertions and failure messages, {@link #dialplanSteps()} parses the applications it ran.
 * One instance can serve a whole test class: {@link #addDialplan} adds caller contexts later.
 */
public final class RealAsterisk implements AutoCloseable {
    public static final String AMI_USER = "doorman";
    public static final String AMI_SECRET = "doorman-test";

    private final Path script;
    private final Path runDir;
    private final int amiPort;

    private RealAsterisk(Path script, Path runDir, int amiPort) {
        this.script = script;
        this.runDir = runDir;
        this.amiPort = amiPort;
    }

    /** Where {@code asterisk.sh} is: {@code DOORMAN_ASTERISK_DIR}, else {@code ../shared/asterisk} above the repository. */
    public static Optional<Path> locateScript() {
        String dir = System.getenv("DOORMAN_ASTERISK_DIR");
        if (dir != null && !dir.isBlank()) {
            Path script = Path.of(dir, "asterisk.sh");
            return Files.isExecutable(script) ? Optional.of(script) : Optional.empty();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path script = p.resolve("shared").resolve("asterisk").resolve("asterisk.sh");
            if (Files.isExecutable(script)) {
                return Optional.of(script);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Asterisk with {@code config}'s files under {@code runDir} (created; a previous instance
     * there is stopped first) and waits until it is fully booted.
     */
    public static RealAsterisk start(Path runDir, AsteriskConfig config) throws IOException {
        Optional<Path> script = locateScript();
        Requirement.require(script.isPresent(), "the shared Asterisk (../shared/asterisk/asterisk.sh next to the "
                + "repository, or DOORMAN_ASTERISK_DIR)");
        Path run = runDir.toAbsolutePath();
        Files.createDirectories(run);
        RealAsterisk asterisk = new RealAsterisk(script.get(), run, freePort());
        asterisk.stopQuietly();
        Path conf = run.resolve("conf");
        Files.createDirectories(conf);
        for (Map.Entry<String, String> file : config.files(run, asterisk.amiPort).entrySet()) {
            Files.writeString(conf.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        asterisk.start();
        return asterisk;
    }

    /** The AMI (manager) port on 127.0.0.1; user {@link #AMI_USER}, secret {@link #AMI_SECRET}. */
    public int amiPort() {
        return amiPort;
    }

    public Path runDir() {
        return runDir;
    }

    /** Runs one CLI command (e.g. {@code core show channels}) and returns its output. */
    public String cli(String command) {
        Result result = script(Duration.ofSeconds(30), "cli", runDir.toString(), command);
        if (result.exit() != 0) {
            throw new IllegalStateException("asterisk CLI '" + command + "' failed (exit " + result.exit() + "): "
                    + result.output());
        }
        return result.output();
    }

    /**
     * Places a call from a Local channel: {@code Local/<exten>@<context>} runs the dialplan under
     * test, its other half runs {@code callerExten@callerContext} (the "caller": plays recordings,
     * sends DTMF, records what it hears).
     */
    public void originate(String exten, String context, String callerExten, String callerContext) {
        cli("channel originate Local/" + exten + "@" + context + " extension " + callerExten + "@" + callerContext);
    }

    /**
     * Appends contexts to the running instance's dialplan and reloads it (earlier contexts stay), so
     * one instance can serve many tests, each with its own callers.
     */
    public void addDialplan(String text) {
        Path extensions = runDir.resolve("etc").resolve("extensions.conf");
        try {
            Files.writeString(extensions, "\n" + text + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cli("dialplan reload");
    }

    /**
     * Stores {@code wav} where {@code Playback()} finds it, as Asterisk's {@code wav} format wants
     * (8 kHz mono 16-bit; resampled if needed), and returns the argument for {@code Playback()}.
     */
    public String sound(String name, WavFile wav) {
        Path dir = runDir.resolve("sounds");
        try {
            Files.createDirectories(dir);
            byte[] pcm = wav.sampleRate() == 8000 ? wav.pcm() : Resampler.convert(wav.pcm(), wav.sampleRate(), 8000);
            new WavFile(8000, pcm).write(dir.resolve(name + ".wav"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name).toString();
    }

    /**
     * One dialplan application Asterisk ran, from its console's {@code Executing [exten@context:priority]
     * App("channel", "args")} lines.
     */
    public record DialplanStep(String exten, String context, int priority, String app, String channel, String args) {
        /** The Local channel pair's common name: {@code Local/100@doorman-0000000a} for both its halves. */
        public String localPair() {
            int semicolon = channel.lastIndexOf(';');
            return semicolon < 0 ? channel : channel.substring(0, semicolon);
        }
    }

    private static final Pattern EXECUTING = Pattern.compile(
            "Executing \\[([^@\\]]+)@([^:@]+):(\\d+)] (\\w+)\\(\"([^\"]*)\", \"(.*)\"\\) in new stack");

    /** Every application run so far, in order (needs {@code verbose >= 3}, which the config sets). */
    public List<DialplanStep> dialplanSteps() {
        List<DialplanStep> steps = new ArrayList<>();
        for (String line : consoleLog().split("\n")) {
            Matcher m = EXECUTING.matcher(line);
            if (m.find()) {
                steps.add(new DialplanStep(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4),
                        m.group(5), m.group(6)));
            }
        }
        return steps;
    }

    /** The number of active channels, from {@code core show channels count}. */
    public int activeChannels() {
        String out = cli("core show channels count");
        for (String line : out.split("\n")) {
            line = line.strip();
            if (line.endsWith("active channels") || line.endsWith("active channel")) {
                return Integer.parseInt(line.split(" ")[0]);
            }
        }
        throw new IllegalStateException("unexpected 'core show channels count' output: " + out);
    }

    /** Everything Asterisk printed so far. */
    public String consoleLog() {
        try {
            return Files.readString(runDir.resolve("console.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no console log: " + e + ")";
        }
    }

    /** A folder inside the run directory for recordings the dialplan makes (created). */
    public Path recordings() {
        Path dir = runDir.resolve("recordings");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Stops this instance (AMI connections drop, calls end) and starts it again with the same files and ports. */
    public void restart() {
        stopQuietly();
        start();
    }

    /** Stops this instance; {@link #start()} brings it back with the same files and ports. */
    public void stop() {
        stopQuietly();
    }

    /** Starts this (stopped) instance again. */
    public void start() {
        Path conf = runDir.resolve("conf");
        Result result = script(Duration.ofSeconds(90), "start", runDir.toString(), conf.toString());
        if (result.exit() != 0) {
            throw new IllegalStateException("asterisk did not start (exit " + result.exit() + "):\n" + result.output());
        }
    }

    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        if (Files.exists(runDir.resolve("asterisk.pid"))) {
            script(Duration.ofSeconds(30), "stop", runDir.toString());
        }
    }

    private record Result(int exit, String output) {
    }

    private Result script(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // Output is small (CLI answers, a boot line); reading it to the end also waits for exit.
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The configuration files of one instance: {@code extensions.conf} (usually the project's
     * sample with the server's address rewritten, plus the test's caller contexts), AMI enabled for
     * {@link #AMI_USER}, and {@code transmit_silence} on or off.
     */
    public static final class AsteriskConfig {
        private final StringBuilder extensions = new StringBuilder();
        private final Map<String, String> extraFiles = new LinkedHashMap<>();
        private boolean transmitSilence = true;

        /** The project's {@code samples/asterisk/extensions.conf} with {@code 127.0.0.1:9092} replaced. */
        public AsteriskConfig sampleDialplan(String serverHostPort) throws IOException {
            Path sample = Repository.root().resolve("samples").resolve("asterisk").resolve("extensions.conf");
            extensions.append(Files.readString(sample).replace("127.0.0.1:9092", serverHostPort)).append('\n');
            return this;
        }

        /** More dialplan (contexts for the caller side, the resident's phone, ...). */
        public AsteriskConfig dialplan(String text) {
            extensions.append(text).append('\n');
            return this;
        }

        /** Asterisk's {@code transmit_silence} (its own default is no; ours here is yes). */
        public AsteriskConfig transmitSilence(boolean on) {
            this.transmitSilence = on;
            return this;
        }

        /** Any other config file, e.g. {@code musiconhold.conf}. */
        public AsteriskConfig file(String name, String content) {
            extraFiles.put(name, content);
            return this;
        }

        Map<String, String> files(Path runDir, int amiPort) {
            Map<String, String> files = new LinkedHashMap<>(extraFiles);
            files.put("extensions.conf", extensions.toString());
            files.put("manager.conf", """
                    [general]
                    enabled = yes
                    bindaddr = 127.0.0.1
                    port = %d

                    [%s]
                    secret = %s
                    deny = 0.0.0.0/0.0.0.0
                    permit = 127.0.0.1/255.255.255.255
                    read = all
                    write = all
                    """.formatted(amiPort, AMI_USER, AMI_SECRET));
            Path prefix = runDir.resolve("asterisk-23.4.1");
            files.put("asterisk.conf", """
                    [directories]
                    astetcdir => %1$s/etc
                    astmoddir => %2$s/lib/asterisk/modules
                    astvarlibdir => %1$s/lib
                    astdbdir => %1$s/lib
                    astkeydir => %1$s/lib
                    astdatadir => %1$s/lib
                    astagidir => %1$s/lib/agi-bin
                    astspooldir => %1$s/spool
                    astrundir => %1$s/run
                    astlogdir => %1$s/log
                    astsbindir => %2$s/sbin
                    [options]
                    verbose = 3
                    transmit_silence = %3$s
                    """.formatted(runDir, prefix, transmitSilence ? "yes" : "no"));
            files.putIfAbsent("modules.conf", "[modules]\nautoload = yes\n");
            return files;
        }
    }
}
