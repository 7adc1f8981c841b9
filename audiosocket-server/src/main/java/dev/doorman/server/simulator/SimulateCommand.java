package dev.doorman.server.simulator;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code doorman simulate}: plays a caller against an AudioSocket server exactly as Asterisk would,
 * so the bot can be tried (and load-tested) without a PBX.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Acts as Asterisk's AudioSocket() does: connects, sends the call UUID, streams a WAV one "
                        + "20 ms frame per 20 ms, presses DTMF digits, streams silence after the WAV, then hangs up "
                        + "by closing the socket. Records what the server sends and reports the spacing of its "
                        + "audio frames (gap p50/p99/max and gap error |gap - 20 ms|).",
                "With --calls N, runs N concurrent calls started evenly over --ramp, for load tests."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every call ran to its end (hung up by the simulator or by the server after talking)",
                "1:at least one call failed (no connection, protocol error, error frame, timeout) or was refused",
                "2:bad options or input file"})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "Server address (default: the server's server.bind when it is one address, else 127.0.0.1).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Server AudioSocket port (default: the server's server.port, from --config and "
                    + "DOORMAN_SERVER_PORT as `doorman serve` reads them, else 9092).")
    private Integer port;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The server's config file, to take its port (and address) from, as `doorman serve --config FILE` does.")
    private Path config;

    @Option(names = "--wait", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Keep retrying a refused connection this long, for a server that is still starting "
                    + "(0s: fail at once; default: ${DEFAULT-VALUE}).")
    private Duration wait;

    @Option(names = "--wav", paramLabel = "FILE",
            description = "What the caller says: a mono 16-bit PCM WAV at the call's rate (8 kHz by default). "
                    + "Required unless the caller converses (--visitor-name or --script).")
    private Path wav;

    @Option(names = "--visitor-name", paramLabel = "NAME",
            description = "Converse: the caller listens to the doorman (Vosk), answers as this visitor (espeak-ng), "
                    + "and the report says whether and how fast the doorman reached --resident.")
    private String visitorName;

    @Option(names = "--resident", paramLabel = "NAME", description = "Converse: whom the visitor comes to see.")
    private String resident;

    @Option(names = "--apartment", paramLabel = "NUMBER", description = "Converse: the resident's apartment, if the visitor knows it.")
    private String apartment;

    @Option(names = "--voice", paramLabel = "VOICE", description = "Converse: the visitor's espeak-ng voice (default: en-us).")
    private String voice;

    @Option(names = "--script", paramLabel = "FILE",
            description = "Converse with several visitors, one call each: a CSV file of 'visitor name,resident,apartment,voice' "
                    + "lines (apartment and voice optional, # comments). Exit code 0 only if every visitor reached their resident.")
    private Path script;

    @Option(names = "--rate", defaultValue = "8000", paramLabel = "HZ",
            description = "The call's audio rate, as Asterisk's c(slin) / c(slin16) gives: 8000 (kind 0x10, 320-byte frames) "
                    + "or 16000 (kind 0x12, 640-byte frames). The WAV must be at this rate (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--call-id", paramLabel = "UUID", description = "The call's UUID (default: random). One call only.")
    private String callId;

    @Option(names = "--dtmf", paramLabel = "DIGITS", description = "DTMF digits to press (0-9, *, #, A-D), one 0x03 frame each.")
    private String dtmf = "";

    @Option(names = "--dtmf-at-ms", defaultValue = "500", paramLabel = "MS",
            description = "When the first digit is pressed, from the start of the call (default: ${DEFAULT-VALUE}).")
    private long dtmfAtMs;

    @Option(names = "--dtmf-interval-ms", defaultValue = "250", paramLabel = "MS",
            description = "Time between digits (default: ${DEFAULT-VALUE}).")
    private long dtmfIntervalMs;

    @Option(names = "--silence-after", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Silence streamed after the WAV before hanging up, e.g. 3s (default: ${DEFAULT-VALUE}).")
    private Duration silenceAfter;

    @Option(names = "--mute", description = "Send the UUID and then nothing (tries the server's idle timeout).")
    private boolean mute;

    @Option(names = "--max-duration", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Hang up a call still connected after this long and count it as timed out (default: ${DEFAULT-VALUE}).")
    private Duration maxDuration;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Write what the server sends to this WAV. With --calls N, one file per call: FILE-0001.wav, ...")
    private Path record;

    @Option(names = "--calls", defaultValue = "1", paramLabel = "N", description = "Concurrent calls to run (default: ${DEFAULT-VALUE}).")
    private int calls;

    @Option(names = "--ramp", defaultValue = "0s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Spread the call starts evenly over this time, e.g. 10s (default: ${DEFAULT-VALUE}).")
    private Duration ramp;

    @Option(names = "--threads", paramLabel = "N", description = "Simulator event loop threads (default: one per core).")
    private Integer threads;

    @Option(names = "--json", description = "Print the report as JSON, with every call's result.")
    private boolean json;

    private final Map<String, String> env;

    public SimulateCommand() {
        this(System.getenv());
    }

    /** @param env the environment the server's port is read from ({@code DOORMAN_SERVER_PORT}) */
    public SimulateCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (visitorName != null || script != null) {
            return converse();
        }
        if (wav == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--wav is required (or --visitor-name/--resident or --script for a conversing caller)");
        }
        WavFile audio = readWav();
        ServerAddress server = serverAddress();
        SimulationOptions options;
        try {
            options = SimulationOptions.builder(server.host(), server.port(), audio)
                    .callId(callId)
                    .dtmf(dtmf, Duration.ofMillis(dtmfAtMs))
                    .dtmfInterval(Duration.ofMillis(dtmfIntervalMs))
                    .silenceAfter(silenceAfter)
                    .mute(mute)
                    .record(record != null)
                    .maxDuration(maxDuration)
                    .connectWait(wait)
                    .calls(calls, ramp)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        SimulationReport report;
        try (CallSimulator simulator = threads == null ? new CallSimulator() : new CallSimulator(threads)) {
            report = simulator.run(options);
        }
        if (record != null) {
            writeRecordings(report.calls());
        }
        PrintWriter out = spec.commandLine().getOut();
        ReportWriter writer = new ReportWriter();
        out.print(json ? writer.json(report) + System.lineSeparator() : writer.text(report));
        out.flush();
        return report.failed() == 0 && report.refused() == 0 ? 0 : 1;
    }

    private int converse() throws IOException {
        List<VisitorScript> visitors;
        try {
            if (script != null) {
                visitors = ConversationRunner.readScript(script);
            } else if (resident == null) {
                throw new IllegalArgumentException("--visitor-name needs --resident (whom the visitor visits)");
            } else {
                visitors = List.of(new VisitorScript(visitorName, resident, apartment, voice));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    (script != null ? "--script: " : "") + e.getMessage(), e);
        }
        SimulationOptions options;
        try {
            ServerAddress server = serverAddress();
            options = SimulationOptions.builder(server.host(), server.port(), ConversationRunner.silence(rate))
                    .callId(callId)
                    .silenceAfter(silenceAfter)
                    .maxDuration(maxDuration)
                    .connectWait(wait)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<ConversationRunner.Result> results;
        // The doorman is heard by free decoding (no grammar: its prompts are not directory answers),
        // Java resampling (FreeTTS kevin at 8 kHz was heard better so than by Kaldi upsampling).
        SttConfig ears = new SttConfig(null, null, new SttConfig.Vosk(null, true, null, false, 0), null);
        try (SpeechRecognizer recognizer = new SpeechRecognizerFactory().create(ears);
             CallSimulator simulator = threads == null ? new CallSimulator() : new CallSimulator(threads)) {
            results = new ConversationRunner(simulator, recognizer).run(visitors, options);
        }
        ConversationRunner.print(results, spec.commandLine().getOut());
        return results.stream().allMatch(ConversationRunner.Result::reachedRightResident) ? 0 : 1;
    }

    /** Where the server listens: the flags, else what `doorman serve` would read from the same config and environment. */
    private ServerAddress serverAddress() {
        if (host != null && port != null) {
            return new ServerAddress(host, port);
        }
        ServerConfig.Server server;
        try {
            // The server section is all that is needed: the pipeline sections stay unbound.
            server = new ConfigLoader().load(config, env, List.of()).config().server();
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot tell the server's address: "
                    + e.getMessage() + " (or give --host and --port)", e);
        }
        if (port == null && server.port() == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the server's server.port is 0 (a free port chosen at start): give --port");
        }
        boolean wildcard = server.bind().equals("0.0.0.0") || server.bind().equals("::") || server.bind().equals("[::]");
        return new ServerAddress(host != null ? host : wildcard ? "127.0.0.1" : server.bind(),
                port != null ? port : server.port());
    }

    private record ServerAddress(String host, int port) {
    }

    private WavFile readWav() throws IOException {
        WavFile audio;
        try {
            audio = WavFile.read(wav);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--wav: no such file: " + wav);
        } catch (WavFile.WavFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--wav: " + e.getMessage());
        }
        if (audio.sampleRate() != rate) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.format(
                    "--wav: %s is %d Hz but the call runs at %d Hz (--rate); convert it with: "
                            + "sox %s -r %d -c 1 -b 16 -e signed-integer out.wav",
                    wav, audio.sampleRate(), rate, wav, rate));
        }
        if (audio.pcm().length == 0 && !mute) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--wav: " + wav + " has no audio samples");
        }
        return audio;
    }

    private void writeRecordings(List<CallResult> results) throws IOException {
        if (results.size() == 1) {
            new WavFile(results.get(0).sampleRate(), results.get(0).recordedPcm()).write(record);
            return;
        }
        String name = record.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
        for (int i = 0; i < results.size(); i++) {
            CallResult r = results.get(i);
            new WavFile(r.sampleRate(), r.recordedPcm()).write(record.resolveSibling(String.format("%s-%04d.wav", base, i + 1)));
        }
    }
}
