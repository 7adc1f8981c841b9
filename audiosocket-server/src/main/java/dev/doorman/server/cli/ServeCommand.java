package dev.doorman.server.cli;

import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.access.AccessConfig;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.DoormanHome;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.conversation.ConversationConfig;
import dev.doorman.server.dialog.DialogConfig;
import dev.doorman.server.building.Building;
import dev.doorman.server.building.Buildings;
import dev.doorman.server.pipeline.intent.IntentConfig;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.pipeline.validation.DirectoryConfig;
import dev.doorman.server.resident.ResidentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code doorman serve}: runs the server until SIGTERM/SIGINT, then shuts down gracefully (stop
 * accepting, hang up calls with a hangup frame, drain the call logs).
 *
 * <p>Settings come from, in increasing precedence: defaults, {@code --config FILE}, environment
 * variables ({@code DOORMAN_SERVER_PORT}, ...), these flags. With nothing configured it runs the
 * intercom dialog on the embedded engines and the sample building directory (see {@link ConfigLoader}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the AudioSocket server: the virtual doorman (default command).",
                "With no config: the intercom dialog with Vosk (bundled US English model), FreeTTS and the "
                        + "sample building directory; dialog.enabled: false plays the greeting only."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:runtime failure (e.g. port in use)", "2:invalid configuration"},
        footerHeading = "%nEnvironment:%n",
        footer = {"  DOORMAN_<KEY_PATH>   a config key, e.g. DOORMAN_SERVER_PORT=9093",
                "  DOORMAN_LOG_LEVEL    app log level: TRACE DEBUG INFO (default) WARN ERROR",
                "  DOORMAN_LOG_FORMAT   text (default) or json (JSON lines with the call id)",
                "  JAVA_OPTS            JVM options (bin/doorman)"})
public final class ServeCommand implements Callable<Integer> {
    public static final int EXIT_RUNTIME = 1;
    public static final int EXIT_CONFIG = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (see samples/config.yaml); relative paths in it are relative to its folder.")
    Path configFile;

    @Option(names = "--port", paramLabel = "PORT", description = "AudioSocket port (server.port, default 9092).")
    String port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "AudioSocket bind address (server.bind, default 0.0.0.0).")
    String bind;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Per-call JSONL logs (logging.dir, default ./logs).")
    String logDir;

    @Option(names = "--admin-port", paramLabel = "PORT", description = "Admin HTTP port (admin.port, default 8080).")
    String adminPort;

    private final Map<String, String> env;
    private final DoormanHome home;
    private final PrintStream err;
    private Buildings buildings;

    public ServeCommand() {
        this(System.getenv());
    }

    ServeCommand(Map<String, String> env) {
        this(env, DoormanHome.fromSystemProperties());
    }

    /** @param home where the defaults that name files (the sample directory) resolve */
    ServeCommand(Map<String, String> env, DoormanHome home) {
        this.env = env;
        this.home = home;
        this.err = System.err;
    }

    /**
     * The loader that reads the server's configuration, taught the pipeline sections' keys so that
     * nested environment variables ({@code DOORMAN_STT_HTTP_BASE_URL}) map.
     */
    static ConfigLoader configLoader(DoormanHome home) {
        return new ConfigLoader(home)
                .withSectionSchema("stt", SttConfig.defaults())
                .withSectionSchema("tts", TtsConfig.defaults())
                .withSectionSchema("intent", IntentConfig.defaults())
                .withSectionSchema("directory", DirectoryConfig.defaults())
                .withSectionSchema("dialog", DialogConfig.DEFAULTS)
                .withSectionSchema("resident", ResidentConfig.defaults())
                .withSectionSchema("access", AccessConfig.defaults())
                .withSectionSchema("conversation", ConversationConfig.defaults());
    }

    @Override
    public Integer call() {
        ConfigLoader.Result loaded = null;
        DoormanServer server;
        try {
            loaded = configLoader(home).load(configFile, env, flagOverrides());
            loaded.warnings().forEach(w -> err.println("warning: " + w));
            server = buildServer(loaded.config());
            unusedPortWarning(loaded).ifPresent(w -> err.println("warning: " + w));
        } catch (ConfigException e) {
            err.println((loaded == null ? e : loaded.explain(e)).getMessage());
            return EXIT_CONFIG;
        }
        try {
            server.start();
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            server.close();
            closeDialog();
            return EXIT_RUNTIME;
        }
        summary(loaded.config(), server).lines().forEach(line -> LOG.info("{}", line));
        // SIGTERM/SIGINT: shut down gracefully on this thread, then exit 0. The hook covers other
        // ways the JVM may stop (close() is idempotent).
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> stopRequested.countDown());
            } catch (IllegalArgumentException e) {
                // not available on this platform: the shutdown hook still applies
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closeDialog();
        }, "doorman-shutdown"));
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        closeDialog();
        return 0;
    }

    /**
     * Builds the server for a loaded config: its buildings (one, {@code default}, on
     * {@code server.port} without a {@code buildings} list), each with the intercom dialog when its
     * {@code dialog.enabled}, else the greeting.
     */
    DoormanServer buildServer(ServerConfig config) {
        buildings = Buildings.create(config);
        DoormanServer server;
        try {
            server = buildings.addTo(DoormanServer.builder(config)).build();
        } catch (RuntimeException e) {
            closeDialog();
            throw e;
        }
        buildings.expectStages(server.callLoggers());
        return server;
    }

    /** {@code --port} (or its variable) with a buildings list that gives every building its own port. */
    Optional<String> unusedPortWarning(ConfigLoader.Result loaded) {
        String origin = loaded.origins().get("server.port");
        int port = loaded.config().server().port();
        if (origin == null || buildings.single() || buildings.all().stream().anyMatch(b -> b.config().port() == port)) {
            return Optional.empty();
        }
        return Optional.of("server.port " + port + " (from " + origin + ") is not used: each building listens on "
                + "its own port (buildings[].port)");
    }

    /** What a started server built by {@link #buildServer} runs with. */
    StartupSummary summary(ServerConfig config, DoormanServer server) {
        if (buildings.single()) {
            Building b = buildings.all().get(0);
            return StartupSummary.of(BuildInfo.load(), configFile, config, server.audioSocketPort(), server.adminPort(),
                    b.directory(), b.residents());
        }
        return StartupSummary.ofBuildings(BuildInfo.load(), configFile, config, server, buildings);
    }

    /** The buildings the server was built with (after {@link #buildServer}). */
    Buildings buildings() {
        return buildings;
    }

    // The dialogs' engines (speech models, synthesizers, AMI) outlive the calls: closed after the server.
    synchronized void closeDialog() {
        if (buildings != null) {
            Buildings closing = buildings;
            buildings = null; // main thread and shutdown hook may both get here: close once
            closing.close();
        }
    }

    private List<ConfigLoader.Override> flagOverrides() {
        List<ConfigLoader.Override> overrides = new ArrayList<>();
        if (port != null) {
            overrides.add(new ConfigLoader.Override("server.port", port, "--port"));
        }
        if (bind != null) {
            overrides.add(new ConfigLoader.Override("server.bind", bind, "--bind"));
        }
        if (logDir != null) {
            overrides.add(new ConfigLoader.Override("logging.dir", logDir, "--log-dir"));
        }
        if (adminPort != null) {
            overrides.add(new ConfigLoader.Override("admin.port", adminPort, "--admin-port"));
        }
        return overrides;
    }
}
