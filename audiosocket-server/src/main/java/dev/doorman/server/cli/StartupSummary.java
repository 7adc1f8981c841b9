package dev.doorman.server.cli;

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

    private static void addDialog(StartupSummary s, BuildInfo build, ServerConfig config, BuildingDirectory directory) {
        SttConfig stt = SttConfig.from(config.section("stt"));
        TtsConfig tts = TtsConfig.from(config.section("tts"));
        IntentConfig intent = IntentConfig.from(config.section("intent"));
        DirectoryConfig dir = DirectoryConfig.from(config.section("directory"));
        s.add("dialog", "on: the intercom dialog (dialog.enabled: false plays the greeting only)");
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
