package dev.doorman.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.doorman.calllogger.PrivacyMode;
import dev.doorman.server.call.SourceAllowList;
import dev.doorman.server.pipeline.vad.VadConfig;
import dev.doorman.server.protocol.FrameKind;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The whole configuration. The sections the server owns are typed records; the speech pipeline's
 * sections ({@link #PIPELINE_SECTIONS}) are kept raw and bound by their owners through
 * {@link #section(String)}. Build it with {@link ConfigLoader} (file + environment + flags) or
 * programmatically from {@link #defaults()} and the {@code with...} methods.
 */
public record ServerConfig(Server server, Playback playback, Prompts prompts, VadConfig vad,
                           Logging logging, Admin admin, Map<String, JsonNode> sections) {
    /** Top-level sections that belong to the speech pipeline and are kept as raw trees. */
    public static final Set<String> PIPELINE_SECTIONS = Set.of("stt", "tts", "intent", "directory", "dialog",
            "resident", "access", "conversation");

    /**
     * The optional top-level list of buildings served by this process, kept raw in
     * {@link #sections} and bound by {@code dev.doorman.server.building.BuildingsConfig}.
     */
    public static final String BUILDINGS = "buildings";

    /** Private networks and loopback: safe by default, and covers Docker bridge networks. */
    public static final List<String> DEFAULT_ALLOW = List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8",
            "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");

    public ServerConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(playback, "playback");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(vad, "vad");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(admin, "admin");
        sections = sections == null ? Map.of() : Map.copyOf(sections);
    }

    /**
     * The AudioSocket listener and call limits.
     *
     * @param bind               address to listen on
     * @param port               0 picks a free port (tests)
     * @param maxCalls           concurrent calls; a UUID beyond them is refused (hangup frame, dialplan continues)
     * @param allow              source networks (CIDR) allowed to connect
     * @param idleTimeoutSeconds no whole frame from Asterisk for this long: a call that takes the server's
     *                           audio goes on (a quiet caller), one that cannot be shown alive ends ({@code timeout})
     * @param maxCallSeconds     calls are hung up after this long ({@code max_duration})
     * @param maxAudioFrameBytes larger audio frames are a protocol error
     * @param sampleRate         the call rate assumed until Asterisk's first audio frame says otherwise
     * @param ioThreads          Netty event loops; 0 = one per CPU core
     * @param workerThreads      the bounded pool for blocking stage work
     * @param workerQueue        tasks waiting for a worker; beyond it work is rejected and counted
     * @param uuidTimeoutMs      a connection without a UUID frame this long after connecting is closed
     * @param maxPendingConnections connections still waiting for their UUID; the oldest makes room for a new one
     */
    public record Server(String bind, int port, int maxCalls, List<String> allow, int idleTimeoutSeconds,
                         int maxCallSeconds, int maxAudioFrameBytes, int sampleRate, int ioThreads,
                         int workerThreads, int workerQueue, int uuidTimeoutMs, int maxPendingConnections) {
        public static Server defaults() {
            return new Server("0.0.0.0", 9092, 2000, DEFAULT_ALLOW, 10, 600, 8192, 8000, 0,
                    Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 1000, 2000, 1024);
        }

        public Server withPort(int newPort) {
            return new Server(bind, newPort, maxCalls, allow, idleTimeoutSeconds, maxCallSeconds,
                    maxAudioFrameBytes, sampleRate, ioThreads, workerThreads, workerQueue, uuidTimeoutMs,
                    maxPendingConnections);
        }

        public Server withBind(String newBind) {
            return new Server(newBind, port, maxCalls, allow, idleTimeoutSeconds, maxCallSeconds,
                    maxAudioFrameBytes, sampleRate, ioThreads, workerThreads, workerQueue, uuidTimeoutMs,
                    maxPendingConnections);
        }

        public Server withLimits(int newMaxCalls, int newIdleTimeoutSeconds, int newMaxCallSeconds) {
            return new Server(bind, port, newMaxCalls, allow, newIdleTimeoutSeconds, newMaxCallSeconds,
                    maxAudioFrameBytes, sampleRate, ioThreads, workerThreads, workerQueue, uuidTimeoutMs,
                    maxPendingConnections);
        }

        public Server withAllow(List<String> newAllow) {
            return new Server(bind, port, maxCalls, newAllow, idleTimeoutSeconds, maxCallSeconds,
                    maxAudioFrameBytes, sampleRate, ioThreads, workerThreads, workerQueue, uuidTimeoutMs,
                    maxPendingConnections);
        }

        public Server withSampleRate(int newSampleRate) {
            return new Server(bind, port, maxCalls, allow, idleTimeoutSeconds, maxCallSeconds,
                    maxAudioFrameBytes, newSampleRate, ioThreads, workerThreads, workerQueue, uuidTimeoutMs,
                    maxPendingConnections);
        }

        public Server withPendingLimits(int newUuidTimeoutMs, int newMaxPendingConnections) {
            return new Server(bind, port, maxCalls, allow, idleTimeoutSeconds, maxCallSeconds,
                    maxAudioFrameBytes, sampleRate, ioThreads, workerThreads, workerQueue, newUuidTimeoutMs,
                    newMaxPendingConnections);
        }

        public Server withThreads(int newIoThreads, int newWorkerThreads, int newWorkerQueue) {
            return new Server(bind, port, maxCalls, allow, idleTimeoutSeconds, maxCallSeconds,
                    maxAudioFrameBytes, sampleRate, newIoThreads, newWorkerThreads, newWorkerQueue, uuidTimeoutMs,
                    maxPendingConnections);
        }
    }

    /**
     * Outgoing audio.
     *
     * @param comfortSilence   send silence while no prompt plays (Asterisk gives up after 2 s of
     *                         silence on both sides)
     * @param bargeIn          caller speech stops the current prompt
     * @param maxFramesPerTick frames a late tick may send at once before the timeline is re-anchored
     */
    public record Playback(boolean comfortSilence, boolean bargeIn, int maxFramesPerTick) {
        public static Playback defaults() {
            return new Playback(true, true, 2);
        }
    }

    /**
     * Recorded prompts.
     *
     * @param greeting            WAV file (mono 16-bit PCM, any rate) or {@code classpath:...}
     * @param greetingText        what the greeting says, written in the GREETING event
     * @param hangupAfterGreeting the greeting-only behavior hangs up once the greeting played
     */
    public record Prompts(String greeting, String greetingText, boolean hangupAfterGreeting) {
        public static Prompts defaults() {
            return new Prompts("classpath:prompts/greeting.wav",
                    "Hello, this is the doorman. Who are you here to see?", false);
        }
    }

    /**
     * The per-call event logs.
     *
     * @param privacy       {@code full}, {@code hash} (salted SHA-256) or {@code omit} for free text
     * @param retentionDays delete call logs older than this; 0 keeps them
     * @param enabled       false writes no call files (a sink that discards: to measure what logging costs)
     */
    public record Logging(String dir, String privacy, String privacySalt, int retentionDays,
                          int queueCapacity, int maxOpenFiles, boolean enabled) {
        public static Logging defaults() {
            return new Logging("logs", "full", null, 0, 65_536, 256, true);
        }

        public Logging withDir(String newDir) {
            return new Logging(newDir, privacy, privacySalt, retentionDays, queueCapacity, maxOpenFiles, enabled);
        }

        public PrivacyMode privacyMode() {
            return PrivacyMode.parse(privacy);
        }
    }

    /** The admin HTTP endpoint (/health, /ready, /metrics, /calls). */
    public record Admin(boolean enabled, String bind, int port) {
        public static Admin defaults() {
            return new Admin(true, "127.0.0.1", 8080);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig(Server.defaults(), Playback.defaults(), Prompts.defaults(), VadConfig.defaults(),
                Logging.defaults(), Admin.defaults(), Map.of());
    }

    /** A raw pipeline section ({@code stt}, {@code tts}, ...); a missing node when absent. */
    public JsonNode section(String name) {
        JsonNode node = sections.get(name);
        return node == null ? MissingNode.getInstance() : node;
    }

    public ServerConfig withServer(Server s) {
        return new ServerConfig(s, playback, prompts, vad, logging, admin, sections);
    }

    public ServerConfig withPlayback(Playback p) {
        return new ServerConfig(server, p, prompts, vad, logging, admin, sections);
    }

    public ServerConfig withPrompts(Prompts p) {
        return new ServerConfig(server, playback, p, vad, logging, admin, sections);
    }

    public ServerConfig withVad(VadConfig v) {
        return new ServerConfig(server, playback, prompts, v, logging, admin, sections);
    }

    public ServerConfig withLogging(Logging l) {
        return new ServerConfig(server, playback, prompts, vad, l, admin, sections);
    }

    public ServerConfig withAdmin(Admin a) {
        return new ServerConfig(server, playback, prompts, vad, logging, a, sections);
    }

    public ServerConfig withSection(String name, JsonNode node) {
        Map<String, JsonNode> copy = new java.util.HashMap<>(sections);
        copy.put(name, node);
        return new ServerConfig(server, playback, prompts, vad, logging, admin, copy);
    }

    /**
     * Checks every value the types cannot; the first problem is thrown naming its key.
     *
     * @throws ConfigException e.g. {@code server.port: must be 0..65535, got 70000}
     */
    public ServerConfig validate() {
        requireText("server.bind", server.bind());
        range("server.port", server.port(), 0, 65535);
        range("server.maxCalls", server.maxCalls(), 1, 1_000_000);
        if (server.allow() == null || server.allow().isEmpty()) {
            throw new ConfigException("server.allow", "must list at least one network (0.0.0.0/0 and ::/0 allow everyone)");
        }
        for (int i = 0; i < server.allow().size(); i++) {
            try {
                SourceAllowList.parse(server.allow().get(i));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("server.allow[" + i + "]", e.getMessage());
            }
        }
        range("server.idleTimeoutSeconds", server.idleTimeoutSeconds(), 1, 86_400);
        range("server.maxCallSeconds", server.maxCallSeconds(), 1, 7 * 86_400);
        range("server.maxAudioFrameBytes", server.maxAudioFrameBytes(), 2, 65_535);
        range("server.uuidTimeoutMs", server.uuidTimeoutMs(), 100, 60_000);
        range("server.maxPendingConnections", server.maxPendingConnections(), 1, 1_000_000);
        try {
            FrameKind.audioForRate(server.sampleRate());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("server.sampleRate", e.getMessage() + ", got " + server.sampleRate());
        }
        range("server.ioThreads", server.ioThreads(), 0, 1024);
        range("server.workerThreads", server.workerThreads(), 1, 4096);
        range("server.workerQueue", server.workerQueue(), 1, 10_000_000);
        range("playback.maxFramesPerTick", playback.maxFramesPerTick(), 1, 50);
        requireText("prompts.greeting", prompts.greeting());
        requireText("logging.dir", logging.dir());
        try {
            PrivacyMode.parse(String.valueOf(logging.privacy()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("logging.privacy", "must be full, hash or omit, got '" + logging.privacy() + "'");
        }
        range("logging.retentionDays", logging.retentionDays(), 0, 36_500);
        range("logging.queueCapacity", logging.queueCapacity(), 2, 1 << 30);
        range("logging.maxOpenFiles", logging.maxOpenFiles(), 1, 1_000_000);
        requireText("admin.bind", admin.bind());
        range("admin.port", admin.port(), 0, 65535);
        if (admin.enabled() && admin.port() != 0 && admin.port() == server.port()) {
            throw new ConfigException("admin.port", "must differ from server.port (" + server.port() + ")");
        }
        return this;
    }

    private static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be " + min + ".." + max + ", got " + value);
        }
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
    }
}
