package dev.doorman.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.building.Building;
import dev.doorman.server.building.BuildingConfig;
import dev.doorman.server.building.Buildings;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.pipeline.intent.IntentConfig;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.resident.ResidentService;
import dev.doorman.server.pipeline.validation.DirectoryConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the server loaded, printed once it listens: one {@code label: value} line per item (config,
 * ports, call logs, dialog, engines and model, directory, languages, resident leg, access), so an
 * operator sees at a glance what this process runs with. Secrets are never printed.
 */
public final class StartupSummary {
    /** A line of the summary. */
    public record Line(String label, String value) {
        @Override
        public String toString() {
            return label + ": " + value;
        }
    }

    private final List<Line> lines = new ArrayList<>();

    public StartupSummary add(String label, String value) {
        lines.add(new Line(label, value));
        return this;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /**
     * @param configFile     the {@code --config} file, or null
     * @param audioSocketPort the bound AudioSocket port (differs from the config with port 0)
     * @param adminPort      the bound admin port, or -1 when disabled
     * @param directory      the dialog's building directory, or null when the dialog is off
     * @param residents      the dialog's resident leg, or null when the dialog is off
     */
    public static StartupSummary of(BuildInfo build, Path configFile, ServerConfig config, int audioSocketPort,
                                    int adminPort, BuildingDirectory directory, ResidentService residents) {
        StartupSummary s = new StartupSummary();
        ServerConfig.Server server = config.server();
        s.add("doorman", build.version() + ", config " + (configFile == null ? "built-in defaults (no --config)"
                : configFile.toAbsolutePath().normalize()));
        s.add("audiosocket", server.bind() + ":" + audioSocketPort + ", max " + server.maxCalls()
                + " calls, from " + String.join(" ", server.allow()));
        s.add("admin", adminPort < 0 ? "off" : "http://" + config.admin().bind() + ":" + adminPort
                + " (/health /ready /metrics /calls)");
        ServerConfig.Logging logging = config.logging();
        s.add("call logs", Path.of(logging.dir()).toAbsolutePath().normalize() + " (privacy " + logging.privacy()
                + ", " + (logging.retentionDays() == 0 ? "kept" : "deleted after " + logging.retentionDays() + " days")
                + ")");
        if (directory == null) {
            ServerConfig.Prompts prompts = config.prompts();
            s.add("dialog", "off: greeting only (" + prompts.greeting()
                    + (prompts.hangupAfterGreeting() ? ", then hang up" : "") + "); dialog.enabled: true runs the doorman");
        } else {
            addDialog(s, build, config, directory);
        }
        s.add("resident leg", residents == null ? "off: the dialog is off" : residents.describe());
        s.add("access", residents == null ? "none" : residents.describeAccess());
        return s;
    }

    /**
     * The summary of a server of several buildings: what they share, then a block of lines per
     * building ({@code north: ...}, {@code north speech recognition: ...}).
     */
    public static StartupSummary ofBuildings(BuildInfo build, Path configFile, ServerConfig config,
                                             DoormanServer server, Buildings buildings) {
        StartupSummary s = new StartupSummary();
        ServerConfig.Server srv = config.server();
        s.add("doorman", build.version() + ", config " + (configFile == null ? "built-in defaults (no --config)"
                : configFile.toAbsolutePath().normalize()));
        List<String> ports = new ArrayList<>();
        for (Building b : buildings.all()) {
            ports.add(b.id() + " " + server.audioSocketPort(b.id()));
        }
        s.add("audiosocket", srv.bind() + ", ports " + String.join(", ", ports) + "; max " + srv.maxCalls()
                + " calls, from " + String.join(" ", srv.allow()));
        s.add("admin", server.adminPort() < 0 ? "off" : "http://" + config.admin().bind() + ":" + server.adminPort()
                + " (/health /ready /metrics /calls /buildings)");
        ServerConfig.Logging logging = config.logging();
        s.add("call logs", Path.of(logging.dir()).toAbsolutePath().normalize() + " (privacy " + logging.privacy()
                + ", " + (logging.retentionDays() == 0 ? "kept" : "deleted after " + logging.retentionDays() + " days")
                + ")");
        s.add("buildings", buildings.all().size() + " (" + buildings.describeSharing() + ")");
        for (Building b : buildings.all()) {
            BuildingConfig c = b.config();
            String head = b.id();
            s.add(head, c.name() + ", port " + server.audioSocketPort(b.id()) + ", language " + c.language());
            StartupSummary block = new StartupSummary();
            if (b.dialog() == null) {
                block.add("dialog", "off: greeting only (" + c.prompts().greeting() + ")");
            } else {
                addDialog(block, build, c::section, b.directory());
                block.add("resident leg", b.residents().describe());
                block.add("access", b.residents().describeAccess());
            }
            block.lines().forEach(line -> s.add(head + " " + line.label(), line.value()));
        }
        return s;
    }

    private static void addDialog(StartupSummary s, BuildInfo build, ServerConfig config, BuildingDirectory directory) {
        s.add("dialog", "on: the intercom dialog (dialog.enabled: false plays the greeting only)");
        addDialog(s, build, config::section, directory);
    }

    private static void addDialog(StartupSummary s, BuildInfo build, Function<String, JsonNode> sections,
                                  BuildingDirectory directory) {
        SttConfig stt = SttConfig.from(sections.apply("stt"));
        TtsConfig tts = TtsConfig.from(sections.apply("tts"));
        IntentConfig intent = IntentConfig.from(sections.apply("intent"));
        DirectoryConfig dir = DirectoryConfig.from(sections.apply("directory"));
        s.add("speech recognition", switch (stt.engine()) {
            case SttConfig.VOSK -> "vosk, model " + (stt.vosk().modelDir() == null
                    ? "bundled US English (" + build.voskModel() + ")" : stt.vosk().modelDir());
            default -> stt.engine() + " " + stt.http().baseUrl() + ", model " + stt.http().model();
        });
        s.add("speech synthesis", tts.engine() + ", voice " + tts.voiceOrDefault());
        s.add("intent", intent.engine().equals(IntentConfig.RULES) ? "rules"
                : intent.engine() + " " + intent.chat().baseUrl() + ", model " + intent.chat().model());
        int residents = directory.entries().stream().mapToInt(e -> e.residents().size()).sum();
        s.add("directory", Path.of(dir.path()).toAbsolutePath().normalize() + ": " + directory.entries().size()
                + " apartments, " + residents + " residents");
        s.add("languages", "recognition " + recognitionLanguage(stt) + ", intent " + intent.language());
    }

    private static String recognitionLanguage(SttConfig stt) {
        if (!stt.engine().equals(SttConfig.VOSK)) {
            return stt.language() != null ? stt.language() : "detected by the server";
        }
        return stt.vosk().modelDir() == null ? "en-US (the bundled model)" : "the model's";
    }
}
