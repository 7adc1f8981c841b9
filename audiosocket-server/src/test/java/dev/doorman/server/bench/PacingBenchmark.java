package dev.doorman.server.bench;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.e2e.CallFile;
import dev.doorman.server.simulator.CallSimulator;
import dev.doorman.server.simulator.DurationConverter;
import dev.doorman.server.simulator.GapStats;
import dev.doorman.server.simulator.SimulationOptions;
import dev.doorman.server.simulator.SimulationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The pacing benchmark: the server in its own JVM, N simulated callers (this JVM) each streaming
 * speech and pauses while the server plays a long prompt (then comfort silence), runs VAD on every
 * call and logs every event. For each level it reports the received audio's gap p50/p99/max and
 * gap error p99, the simulator's own send-side gap error (its timing noise on the same cores), the
 * server's CPU and heap, and lost log events (dropped counter + seq gaps in the call files).
 *
 * <p>Not a test: run it with {@code audiosocket-server/bench/pacing.sh}.
 */
@Command(name = "pacing-benchmark", mixinStandardHelpOptions = true)
public final class PacingBenchmark implements Callable<Integer> {
    private static final Path ALLISON = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");
    /** What each caller says, between pauses. */
    private static final String VISITOR_PROMPT = "hello-world.wav";
    /** Prompts joined into one long greeting so the server is playing speech most of the call. */
    private static final List<String> GREETING_PROMPTS = List.of("vm-intro.wav", "agent-pass.wav",
            "call-fwd-no-ans.wav", "all-circuits-busy-now.wav", "cannot-complete-as-dialed.wav", "check-number-dial-again.wav");

    @Option(names = "--jar", defaultValue = "audiosocket-server/target/doorman.jar", description = "The server's shaded jar.")
    private Path jar;

    @Option(names = "--levels", defaultValue = "100,500,1000,2000", split = ",", description = "Concurrent calls per level.")
    private List<Integer> levels;

    @Option(names = "--duration", defaultValue = "40s", converter = DurationConverter.class, description = "Length of each call.")
    private Duration duration;

    @Option(names = "--ramp", defaultValue = "20s", converter = DurationConverter.class, description = "Call starts spread over this time.")
    private Duration ramp;

    @Option(names = "--server-jvm", defaultValue = "-Xmx512m", split = " ", description = "JVM options of the server.")
    private List<String> serverJvm;

    @Option(names = "--threads", defaultValue = "2", description = "Simulator event loop threads.")
    private int threads;

    @Option(names = "--work-dir", description = "Where configs, server logs and call files go (default: a temp dir).")
    private Path workDir;

    @Option(names = "--call-logging", defaultValue = "on", split = ",",
            description = "on, off (logging.enabled=false: a sink that discards), or on,off to run each level both ways.")
    private List<String> callLogging;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PacingBenchmark()).execute(args));
    }

    record Row(int calls, boolean callLogging, SimulationReport report, double serverCpuCores, double simulatorCpuCores,
               double logWriterCpuCores, double jitCpuCores, double heapMaxMb,
               double rssMaxMb, long droppedEvents, long writeErrors, int callFiles, int incompleteFiles, int seqGaps,
               double serverGapsWithin2msPct, int exitCode) {
    }

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("doorman-pacing");
        WavFile visitor = visitorAudio(duration);
        Path greeting = dir.resolve("long-greeting.wav");
        longGreeting().write(greeting);
        System.out.printf("work dir %s, calls of %s ramped over %s, server %s, simulator %d threads%n",
                dir, duration, ramp, serverJvm, threads);
        List<Row> rows = new ArrayList<>();
        for (int calls : levels) {
            for (String logging : callLogging) {
                boolean on = !"off".equals(logging.trim());
                Path levelDir = dir.resolve("level-" + calls + (on ? "" : "-nolog") + "-" + rows.size());
                Row row = runLevel(calls, levelDir, greeting, visitor, on);
                rows.add(row);
                System.out.println(format(row));
            }
        }
        System.out.println();
        System.out.println(header());
        rows.forEach(r -> System.out.println(format(r)));
        if (callLogging.size() > 1) {
            System.out.println();
            System.out.println(overheadTable(rows));
        }
        return 0;
    }

    private Row runLevel(int calls, Path dir, Path greeting, WavFile visitor, boolean callLogging) throws Exception {
        Files.createDirectories(dir);
        Path logs = dir.resolve("calls");
        String yaml = """
                server:
                  bind: 127.0.0.1
                  port: ${PORT}
                  maxCalls: %d
                  idleTimeoutSeconds: 10
                playback:
                  bargeIn: false
                prompts:
                  greeting: %s
                logging:
                  dir: %s
                  enabled: %s
                admin:
                  port: ${ADMIN_PORT}
                dialog:
                  enabled: false    # greeting only: this measures pacing, not speech
                """.formatted(calls + 100, greeting, logs, callLogging);
        try (ServerProcess server = ServerProcess.start(jar, serverJvm, dir, yaml)) {
            ProcessCpu serverCpu = new ProcessCpu(server.pid());
            ProcessCpu ownCpu = new ProcessCpu(ProcessHandle.current().pid());
            PrometheusScrape scrape = new PrometheusScrape(server.adminPort);
            double[] heapMax = {0};
            double[] rssMax = {0};
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    double heap = PrometheusScrape.sum(scrape.fetch(), "jvm_memory_used_bytes", "area=\"heap\"");
                    heapMax[0] = Math.max(heapMax[0], heap);
                    rssMax[0] = Math.max(rssMax[0], serverCpu.rssBytes());
                } catch (Exception e) {
                    // a missed sample is not worth failing the run for
                }
            }, 0, 1, TimeUnit.SECONDS);

            SimulationOptions options = SimulationOptions.builder("127.0.0.1", server.audioSocketPort, visitor)
                    .silenceAfter(Duration.ZERO).record(false).calls(calls, ramp)
                    .maxDuration(duration.plus(Duration.ofMinutes(2))).build();
            // CPU is compared over the window where all calls are up: from the end of the ramp to the first call's end.
            ScheduledExecutorService window = Executors.newSingleThreadScheduledExecutor();
            double[] cpu = new double[8];
            long windowNanos = duration.minus(ramp).toNanos();
            window.schedule(() -> cpu(cpu, 0, serverCpu, ownCpu), ramp.toNanos(), TimeUnit.NANOSECONDS);
            window.schedule(() -> cpu(cpu, 2, serverCpu, ownCpu), ramp.toNanos() + windowNanos, TimeUnit.NANOSECONDS);
            SimulationReport report;
            try (CallSimulator simulator = new CallSimulator(threads)) {
                report = simulator.run(options);
            }
            window.shutdown();
            window.awaitTermination(5, TimeUnit.SECONDS);
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            String metrics = scrape.fetch();
            long dropped = (long) orZero(PrometheusScrape.sum(metrics, "calllog_events_dropped_total", ""));
            long writeErrors = (long) orZero(PrometheusScrape.sum(metrics, "calllog_write_errors_total", ""));
            // The server's own view: the share of its send gaps within 2 ms of 20 ms (an SLO bucket).
            double within2ms = PrometheusScrape.sum(metrics, "doorman_playback_gap_error_seconds_bucket", "le=\"0.002\"")
                    / PrometheusScrape.sum(metrics, "doorman_playback_gap_error_seconds_count", "") * 100;
            int exit = server.stop();
            int[] files = verifyCallFiles(logs);
            double seconds = windowNanos / 1e9;
            return new Row(calls, callLogging, report, (cpu[2] - cpu[0]) / seconds, (cpu[3] - cpu[1]) / seconds,
                    (cpu[5] - cpu[4]) / seconds, (cpu[7] - cpu[6]) / seconds,
                    heapMax[0] / (1 << 20), rssMax[0] / (1 << 20), dropped, writeErrors, files[0], files[1], files[2],
                    within2ms, exit);
        }
    }

    private static void cpu(double[] into, int at, ProcessCpu server, ProcessCpu own) {
        try {
            into[at] = server.cpuSeconds();
            into[at + 1] = own.cpuSeconds();
            into[4 + at / 2] = server.threadCpuSeconds("calllog-writer");
            into[6 + at / 2] = server.threadCpuSeconds(name -> name.contains("Compiler"));
        } catch (IOException e) {
            into[at] = Double.NaN;
        }
    }

    /** {files, files not ending with CALL_ENDED, files with a seq gap}. */
    private static int[] verifyCallFiles(Path logs) throws IOException {
        int[] counts = new int[3];
        if (!Files.isDirectory(logs)) {
            return counts; // call logging off
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                CallFile call = CallFile.read(f);
                counts[0]++;
                if (!call.ended()) {
                    counts[1]++;
                }
                if (call.firstSeqGap() >= 0 || call.first("EVENTS_DROPPED").isPresent()) {
                    counts[2]++;
                }
            }
        }
        return counts;
    }

    /** The caller: hello-world, then 2.5 s of pause, repeated for the whole call. */
    private static WavFile visitorAudio(Duration length) throws IOException {
        WavFile hello = WavFile.read(ALLISON.resolve(VISITOR_PROMPT));
        int total = (int) (length.toMillis() * hello.sampleRate() / 1000) * 2;
        byte[] pcm = new byte[total];
        int pause = hello.sampleRate() * 5 / 2 * 2;
        for (int at = 0; at < total; at += hello.pcm().length + pause) {
            System.arraycopy(hello.pcm(), 0, pcm, at, Math.min(hello.pcm().length, total - at));
        }
        return new WavFile(hello.sampleRate(), pcm);
    }

    /** Several Allison prompts joined with short pauses: about 25 s of speech. */
    private static WavFile longGreeting() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rate = 8000;
        for (String name : GREETING_PROMPTS) {
            WavFile prompt = WavFile.read(ALLISON.resolve(name));
            out.writeBytes(prompt.pcm());
            out.writeBytes(new byte[rate / 2 * 2]);
        }
        return new WavFile(rate, out.toByteArray());
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** Call logging on against off, level by level: the server's CPU and the log writer thread's. */
    static String overheadTable(List<Row> rows) {
        StringBuilder out = new StringBuilder("| calls | call logging | server CPU (cores) | of which JIT compiler"
                + " threads | server CPU without JIT | calllog-writer thread | writer share of server CPU |\n"
                + "| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %d | %s | %.3f | %.3f | %.3f | %.4f | %.2f %% |%n", r.calls(),
                    r.callLogging() ? "on" : "off", r.serverCpuCores(), r.jitCpuCores(),
                    r.serverCpuCores() - r.jitCpuCores(), r.logWriterCpuCores(),
                    100 * r.logWriterCpuCores() / r.serverCpuCores()));
        }
        return out.toString();
    }

    static String header() {
        return "| calls | completed / refused / failed | gap p50 | gap p99 | gap max | gap error p99 | simulator send error p99 "
                + "| server send gaps within 2 ms | server CPU (cores) | simulator CPU (cores) | server heap max | server RSS max "
                + "| lost events (dropped / files with gaps / incomplete files) |\n"
                + "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |";
    }

    static String format(Row r) {
        GapStats got = r.report().receivedGaps();
        GapStats sent = r.report().sentGaps();
        return String.format(Locale.ROOT,
                "| %s | %d / %d / %d | %.2f ms | %.2f ms | %.1f ms | %.2f ms | %.2f ms | %.3f %% | %.2f | %.2f | %.0f MiB | %.0f MiB | %d / %d / %d of %d (exit %d) |",
                r.callLogging() ? String.valueOf(r.calls()) : r.calls() + " (call logging off)", r.report().completed(), r.report().refused(), r.report().failed(),
                got.gapP50Ms(), got.gapP99Ms(), got.gapMaxMs(), got.errorP99Ms(), sent.errorP99Ms(),
                r.serverGapsWithin2msPct(), r.serverCpuCores(), r.simulatorCpuCores(), r.heapMaxMb(), r.rssMaxMb(),
                r.droppedEvents() + r.writeErrors(), r.seqGaps(), r.incompleteFiles(), r.callFiles(), r.exitCode());
    }
}
