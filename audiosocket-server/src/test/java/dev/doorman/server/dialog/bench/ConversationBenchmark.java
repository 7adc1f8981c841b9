package dev.doorman.server.dialog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.dialog.SampleDialogConfig;
import dev.doorman.server.dialog.IntercomCallBehaviorFactory;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.simulator.CallResult;
import dev.doorman.server.simulator.CallSimulator;
import dev.doorman.server.simulator.SimulationOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Turn latency and capacity of the intercom dialog with the embedded engines (Vosk, FreeTTS, rules):
 * a real server in this JVM runs samples/config.yaml's pipeline; at each level N simulated visitors
 * at a time (starts 200 ms apart) each wait out the greeting, say who they are and whom they visit
 * (espeak-ng voices), and are answered. From the call files it reports, per answered turn, turn
 * latency ({@code PLAYBACK_START - SPEECH_ENDED}), transcription time, synthesis time to the first
 * audio, and the server's own share (turn latency minus transcription, intent, validation and
 * synthesis up to its first audio); callers refused by admission control ({@code --admission on})
 * are counted apart. Server CPU is the CPU time of the server's threads over the level's wall time.
 *
 * <p>Not a test: run it with {@code audiosocket-server/bench/conversation.sh}.
 */
@Command(name = "conversation-benchmark", mixinStandardHelpOptions = true)
public final class ConversationBenchmark implements Callable<Integer> {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VISITORS = List.of(
            "Hello, my name is Peter Parker. I am here to visit David Miller in apartment three oh three.",
            "Hi, this is Bruce Wayne. I am here to see Sarah Connor in apartment four oh one.",
            "Hello, my name is Clark Kent. I have a package for Alice Johnson in apartment one oh one.",
            "Hi, my name is Diana Prince, I am visiting Mary Smith in apartment three oh two.");

    @Option(names = "--levels", defaultValue = "1,4,8,12,16,24,32", split = ",", description = "Concurrent conversations per level.")
    private List<Integer> levels;

    @Option(names = "--min-calls", defaultValue = "16", description = "At least this many conversations per level (in rounds of N).")
    private int minCalls;

    @Option(names = "--admission", defaultValue = "off", description = "on: the server refuses callers past its measured capacity; off: it takes them all.")
    private String admission;

    @Option(names = "--speaking-share", defaultValue = "1.0",
            description = "conversation.admission.speakingShare: this benchmark's visitors all speak at once (1.0).")
    private double speakingShare;

    @Option(names = "--threads", defaultValue = "0", description = "conversation.threads (0: the server's default).")
    private int threads;

    @Option(names = "--config", defaultValue = "samples/config.yaml", description = "Config whose pipeline sections are used.")
    private Path configFile;

    @Option(names = "--log-dir", defaultValue = "/tmp/doorman-conversation-bench", description = "Where the call files go.")
    private Path logRoot;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConversationBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<byte[]> speech = visitorSpeech();
        System.out.println("admission " + admission + (admission.equals("on") ? " (speakingShare " + speakingShare + ")" : "")
                + ", conversation.threads " + (threads == 0 ? "default" : threads) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        System.out.println("| calls at once | admitted / refused | turns answered | turn latency p50 / p95 / p99 (ms) | STT p50 / p95 (ms) | synthesis to first audio p50 (ms) | server share p50 / p99 (ms) | server CPU (cores) | load avg 1 min (start / end) |");
        System.out.println("| ---: | --- | ---: | --- | --- | ---: | --- | ---: | --- |");
        List<String> notes = new ArrayList<>();
        for (int level : levels) {
            Path logDir = logRoot.resolve("admission-" + admission + "/level-" + level);
            Files.createDirectories(logDir);
            String loadBefore = loadAverage();
            Level run = runLevel(level, logDir, speech);
            List<Turn> turns = new ArrayList<>();
            int refused = 0;
            for (String id : run.callIds()) {
                Path file = logDir.resolve(id + ".jsonl");
                if (Files.readString(file).contains("\"ADMISSION_REFUSED\"")) {
                    refused++;
                } else {
                    turns.addAll(turnsOf(file));
                }
            }
            System.out.println(row(level, run.callIds().size() - refused, refused, turns, run, loadBefore, loadAverage()));
            notes.add(level + " calls: start-up measure " + run.capacity() + ", " + Math.round(run.wallSeconds()) + " s");
        }
        System.out.println();
        notes.forEach(n -> System.out.println("- " + n));
        return 0;
    }

    /** The calls of one level, and what the server's threads used while they ran. */
    record Level(List<String> callIds, double serverCpuSeconds, double wallSeconds, String capacity) {
    }

    private Level runLevel(int level, Path logDir, List<byte[]> speech) throws Exception {
        ServerConfig config = SampleDialogConfig.onLoopback(configFile, logDir);
        config = config.withSection("conversation", YAML.readTree("threads: " + threads + "\nadmission: {enabled: "
                + admission.equals("on") + ", speakingShare: " + speakingShare + "}\n"));
        List<String> ids = new ArrayList<>();
        try (IntercomCallBehaviorFactory dialog = IntercomCallBehaviorFactory.fromConfig(config::section, 8000);
             CallSimulator simulator = new CallSimulator(Math.max(1, Math.min(level, 4)))) {
            DoormanServer server = DoormanServer.builder(config).behaviors(dialog).build().start();
            double cpuBefore = serverThreadsCpuSeconds();
            long start = System.nanoTime();
            String capacity = String.format(Locale.ROOT, "rtf %.3f, capacity %d", dialog.speech().load().realTimeFactor(),
                    dialog.admission().capacity());
            try {
                int rounds = Math.max(1, (minCalls + level - 1) / level);
                for (int round = 0; round < rounds; round++) {
                    List<CompletableFuture<CallResult>> calls = new ArrayList<>();
                    for (int i = 0; i < level; i++) {
                        byte[] pcm = speech.get((round * level + i) % speech.size());
                        SimulationOptions options = SimulationOptions.builder("127.0.0.1", server.audioSocketPort(),
                                        new WavFile(8000, pcm))
                                .silenceAfter(Duration.ofSeconds(20))
                                .maxDuration(Duration.ofSeconds(60))
                                .build();
                        // Stagger starts 200 ms apart like real arrivals, scheduled rather than slept.
                        Executor arrival = CompletableFuture.delayedExecutor(200L * i, TimeUnit.MILLISECONDS);
                        calls.add(CompletableFuture.supplyAsync(() -> options, arrival).thenCompose(simulator::call));
                    }
                    for (CompletableFuture<CallResult> call : calls) {
                        ids.add(call.get(120, TimeUnit.SECONDS).callId());
                    }
                }
                double wall = (System.nanoTime() - start) / 1e9;
                return new Level(ids, serverThreadsCpuSeconds() - cpuBefore, wall, capacity);
            } finally {
                server.close();
            }
        }
    }

    // CPU time of the server's threads alive now (stages, event loops, workers, the call log writer).
    private static double serverThreadsCpuSeconds() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double seconds = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("doorman-") || info.getThreadName().startsWith("calllog-"))) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    seconds += cpu / 1e9;
                }
            }
        }
        return seconds;
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    // 6 s of silence (the greeting plays), then the visitor's sentence.
    private static List<byte[]> visitorSpeech() throws Exception {
        List<byte[]> all = new ArrayList<>();
        String[] voices = {"en-us+f2", "en-us+m3", "en-us+f2", "en-us"};
        for (int i = 0; i < VISITORS.size(); i++) {
            try (SpeechSynthesizer espeak = new SpeechSynthesizerFactory(k -> null).createEngine(TtsConfig.from(
                    YAML.readTree("engine: espeak\nvoice: " + voices[i] + "\nespeak: {speed: 140}\n")))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(new byte[8000 * 2 * 6]);
                out.write(espeak.synthesize(VISITORS.get(i), 8000).pcm());
                all.add(out.toByteArray());
            }
        }
        return all;
    }

    record Turn(double latencyMs, double sttMs, double intentMs, double validationMs, double synthesisMs,
                boolean cached) {
        /** What the server itself added: the latency less the engines' work it waited for (synthesis up to its first audio). */
        double serverShareMs() {
            return latencyMs - sttMs - intentMs - validationMs - synthesisMs;
        }
    }

    static List<Turn> turnsOf(Path file) throws Exception {
        Map<Integer, Map<String, Double>> byTurn = new HashMap<>();
        Map<Integer, Boolean> cached = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode e = JSON.readTree(line);
            JsonNode data = e.path("data");
            if (!data.has("turn") || data.path("turn").asInt() == 0) {
                continue;
            }
            int turn = data.path("turn").asInt();
            Map<String, Double> t = byTurn.computeIfAbsent(turn, k -> new HashMap<>());
            String type = e.path("event").asText();
            double elapsed = e.path("elapsed_ms").asDouble();
            double duration = data.path("duration_ms").asDouble();
            switch (type) {
                case "SPEECH_ENDED" -> t.putIfAbsent("ended", elapsed);
                case "PLAYBACK_START" -> t.putIfAbsent("playback", elapsed);
                case "TRANSCRIPTION_COMPLETE" -> t.merge("stt", duration, Double::sum);
                case "INTENT_EXTRACTION_COMPLETE" -> t.merge("intent", duration, Double::sum);
                case "FUZZY_VALIDATION_COMPLETE" -> t.merge("validation", duration, Double::sum);
                case "SYNTHESIS_COMPLETE" -> {
                    if (!t.containsKey("synthesis")) { // the answer: the first synthesis of the turn
                        t.put("synthesis", data.has("first_audio_ms") ? data.path("first_audio_ms").asDouble() : duration);
                        cached.put(turn, data.path("cached").asBoolean());
                    }
                }
                default -> { }
            }
        }
        List<Turn> turns = new ArrayList<>();
        byTurn.forEach((turn, t) -> {
            if (t.containsKey("ended") && t.containsKey("playback")) {
                turns.add(new Turn(t.get("playback") - t.get("ended"), t.getOrDefault("stt", 0.0),
                        t.getOrDefault("intent", 0.0), t.getOrDefault("validation", 0.0),
                        t.getOrDefault("synthesis", 0.0), cached.getOrDefault(turn, false)));
            }
        });
        return turns;
    }

    private static String row(int level, int admitted, int refused, List<Turn> turns, Level run, String loadBefore,
                              String loadAfter) {
        String cpu = String.format(Locale.ROOT, "%.2f", run.serverCpuSeconds() / run.wallSeconds());
        String load = loadBefore + " / " + loadAfter;
        if (turns.isEmpty()) {
            return String.format(Locale.ROOT, "| %d | %d / %d | 0 | - | - | - | - | %s | %s |", level, admitted, refused,
                    cpu, load);
        }
        return String.format(Locale.ROOT, "| %d | %d / %d | %d | %.0f / %.0f / %.0f | %.0f / %.0f | %.1f | %.2f / %.2f | %s | %s |",
                level, admitted, refused, turns.size(),
                pct(turns, Turn::latencyMs, 50), pct(turns, Turn::latencyMs, 95), pct(turns, Turn::latencyMs, 99),
                pct(turns, Turn::sttMs, 50), pct(turns, Turn::sttMs, 95), pct(turns, Turn::synthesisMs, 50),
                pct(turns, Turn::serverShareMs, 50), pct(turns, Turn::serverShareMs, 99), cpu, load);
    }

    /** Nearest-rank percentile. */
    static double pct(List<Turn> turns, java.util.function.ToDoubleFunction<Turn> f, double p) {
        double[] v = turns.stream().mapToDouble(f).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
