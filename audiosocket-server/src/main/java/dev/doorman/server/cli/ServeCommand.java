package dev.doorman.server.cli;

import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.access.AccessConfig;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.dialog.IntercomCallBehaviorFactory;
import dev.doorman.server.resident.ResidentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code doorman serve}: runs the server until SIGTERM/SIGINT, then shuts down gracefully (stop
 * accepting, hang up calls with a hangup frame, drain the call logs).
 *
 * <p>Settings come from, in increasing precedence: defaults, {@code --config FILE}, environment
 * variables ({@code DOORMAN_SERVER_PORT}, ...), these flags.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the AudioSocket server (default command).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:runtime failure (e.g. port in use)", "2:invalid configuration"})
public final class ServeCommand implements Callable<Integer> {
    public static final int EXIT_RUNTIME = 1;
    public static final int EXIT_CONFIG = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see samples/config.yaml).")
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
    private final PrintStream err;
    private IntercomCallBehaviorFactory dialog;

    public ServeCommand() {
        this(System.getenv());
    }

    ServeCommand(Map<String, String> env) {
        this.env = env;
        this.err = System.err;
    }

    @Override
    public Integer call() {
        DoormanServer server;
        try {
            ConfigLoader.Result loaded = new ConfigLoader()
                    .withSectionSchema("resident", ResidentConfig.defaults())
                    .withSectionSchema("access", AccessConfig.defaults())
                    .load(configFile, env, flagOverrides());
            loaded.warnings().forEach(w -> err.println("warning: " + w));
            server = buildServer(loaded.config());
        } catch (ConfigException e) {
            err.println(e.getMessage());
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
     * Builds the server for a loaded config; the place to choose the call behavior: the intercom
     * dialog (speech pipeline) when {@code dialog.enabled}, else the greeting.
     */
    DoormanServer buildServer(ServerConfig config) {
        DoormanServer.Builder builder = DoormanServer.builder(config);
        if (IntercomCallBehaviorFactory.enabled(config.section("dialog"))) {
            dialog = IntercomCallBehaviorFactory.fromConfig(config::section, config.server().sampleRate());
            builder.behaviors(dialog).legs(dialog.residents().legs()).meterBinder(dialog.residents().metrics())
                    .readinessCheck("resident", () -> !dialog.residents().enabled() || dialog.residents().available());
        }
        return builder.build();
    }

    // The dialog's engines (speech model, synthesizer) outlive the calls: closed after the server.
    private synchronized void closeDialog() {
        if (dialog != null) {
            IntercomCallBehaviorFactory closing = dialog;
            dialog = null; // main thread and shutdown hook may both get here: close once
            closing.close();
        }
    }

    private Map<String, String> flagOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (port != null) {
            overrides.put("server.port", port);
        }
        if (bind != null) {
            overrides.put("server.bind", bind);
        }
        if (logDir != null) {
            overrides.put("logging.dir", logDir);
        }
        if (adminPort != null) {
            overrides.put("admin.port", adminPort);
        }
        return overrides;
    }
}
