package dev.doorman.analyzer.cli;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.report.CallFileAnalyzer;
import dev.doorman.analyzer.report.Progress;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.report.ReportBuilder;
import dev.doorman.analyzer.report.TimeWindow;
import dev.doorman.analyzer.threshold.Thresholds;
import dev.doorman.events.CallId;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code analyzer}: turns call files into per-stage latency reports. This class is the CLI's
 * documentation: every option is declared and described here.
 */
@Command(name = "analyzer", mixinStandardHelpOptions = true, versionProvider = AnalyzerVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Turns doorman call files (<call-id>.jsonl, and the Python system's legacy <call-id>.log)",
                "into per-stage latency reports: which stage is slow, for which calls, since when."},
        footerHeading = "%nExamples:%n",
        footer = {"  analyzer --all --summary                     summary of ./logs on stdout",
                "  analyzer --call-id 6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c --output call.html",
                "  analyzer --all --since 24h --output report.json",
                "  analyzer --all --summary --fail-on-breach --no-progress   (cron/CI: exit 3 on breach)",
                "",
                "Exit codes: 0 ok, 1 usage error, 2 no data or unreadable input, 3 threshold breached",
                "(with --fail-on-breach).",
                "Environment: DOORMAN_ANALYZER_DIR, else DOORMAN_LOGGING_DIR, sets the default of --dir."})
public final class AnalyzerCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    static final class Scope {
        @Option(names = "--call-id", paramLabel = "UUID",
                description = "Report one call: <dir>/<UUID>.jsonl (or the legacy <UUID>.log).")
        String callId;

        @Option(names = "--all", description = "Report every call in the directory (per-call reports plus the summary).")
        boolean all;
    }

    @Option(names = "--summary", description = "With --all: only the aggregate, in constant memory.")
    boolean summary;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
            description = "Directory of call files (default: $DOORMAN_ANALYZER_DIR, else $DOORMAN_LOGGING_DIR, else ./logs).")
    Path dir;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE; the format comes from its extension (.txt .json .csv .md .html).")
    Path output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: from --output's extension, else text).")
    OutputFormat format;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only calls that started at or after TIME: ISO (2026-11-20T14:00:00Z, 2026-11-20) or an age (30m, 24h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only calls that started before TIME (same forms as --since).")
    String until;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many slowest calls and turns to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--thresholds", paramLabel = "FILE",
            description = "Latency limits, lines of '<metric>.<figure> = <ms>' (e.g. synthesis.p95 = 1500; 'off' removes one). "
                    + "Defaults: transcription.p95 = 1000, ai_processing.p95 = 3000, synthesis.p95 = 2000, turn_latency.p95 = 1500.")
    Path thresholdsFile;

    @Option(names = "--fail-on-breach", description = "Exit with 3 when any threshold is breached (for CI and cron).")
    boolean failOnBreach;

    @Option(names = "--no-progress", description = "Never draw the progress bar (it is drawn on stderr for large inputs on a terminal).")
    boolean noProgress;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    private final Map<String, String> env;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    public AnalyzerCommand(Map<String, String> env, Clock clock, PrintStream out, PrintStream err, boolean terminal) {
        this.env = env;
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), Clock.systemUTC(), out, System.err, System.console() != null));
    }

    /** Runs the CLI and returns its exit code (tests call this; main exits with it). */
    public static int run(String[] args, Map<String, String> env, Clock clock, PrintStream out, PrintStream err,
                          boolean terminal) {
        CommandLine cli = new CommandLine(new AnalyzerCommand(env, clock, out, err, terminal));
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            cli.getErr().println("analyzer: " + e.getMessage());
            cli.getErr().println("Try 'analyzer --help' for the options.");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            // Never a stack trace: one line that names the problem.
            cli.getErr().println("analyzer: error: " + e);
            return ExitCode.NO_DATA;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        if (summary && scope.callId != null) {
            return usage("--summary goes with --all, not with --call-id");
        }
        if (top < 0) {
            return usage("--top must be 0 or more, got " + top);
        }
        if (threads != null && threads < 1) {
            return usage("--threads must be 1 or more, got " + threads);
        }
        if (scope.callId != null && !CallId.isValid(scope.callId)) {
            return usage("--call-id: " + invalidCallId(scope.callId));
        }
        OutputFormat chosen = format;
        if (chosen == null && output != null) {
            Optional<OutputFormat> fromName = OutputFormat.fromFileName(output);
            if (fromName.isEmpty()) {
                return usage("cannot tell the format of '" + output.getFileName()
                        + "' from its extension: add --format text|json|csv|md|html");
            }
            chosen = fromName.get();
        }
        if (chosen == null) {
            chosen = OutputFormat.TEXT;
        }
        TimeWindow window;
        try {
            TimeArgument times = new TimeArgument(clock);
            Instant from = since == null ? null : times.parse(since);
            Instant to = until == null ? null : times.parse(until);
            if (from != null && to != null && !from.isBefore(to)) {
                return usage("--since (" + from + ") must be before --until (" + to + ")");
            }
            window = new TimeWindow(from, to);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (scope.callId != null && !window.isOpen()) {
            return usage("--since/--until select calls for --all; a --call-id report covers its one call");
        }
        Thresholds thresholds;
        try {
            thresholds = thresholdsFile == null ? Thresholds.defaults() : Thresholds.load(thresholdsFile);
        } catch (NoSuchFileException e) {
            return usage("--thresholds: no such file: " + thresholdsFile);
        } catch (IOException e) {
            return usage("--thresholds: cannot read " + thresholdsFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage("--thresholds: " + e.getMessage());
        }

        LogDirectory logs = new LogDirectory(dir != null ? dir : defaultDir());
        if (!logs.exists()) {
            err.println("analyzer: no such directory: " + logs.path() + " (set --dir or DOORMAN_ANALYZER_DIR)");
            return ExitCode.NO_DATA;
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ReportBuilder builder = new ReportBuilder(CallFileAnalyzer.withDefaults(), thresholds, new Suggestions(),
                workers, top);
        Report report;
        if (scope.callId != null) {
            Optional<Report> one = builder.call(logs, scope.callId);
            if (one.isEmpty()) {
                err.println("analyzer: no file for call " + CallId.normalize(scope.callId) + " in " + logs.path()
                        + " (looked for <id>.jsonl and <id>.log)");
                return ExitCode.NO_DATA;
            }
            report = one.get();
        } else {
            Progress progress = terminal && !noProgress ? new TerminalProgress(err) : Progress.NONE;
            try {
                report = builder.summary(logs, window, !summary, progress);
            } catch (IOException e) {
                err.println("analyzer: cannot read " + logs.path() + ": " + e.getMessage());
                return ExitCode.NO_DATA;
            }
        }
        try {
            write(report, chosen);
        } catch (IOException e) {
            err.println("analyzer: cannot write " + (output == null ? "the report" : output) + ": " + e.getMessage());
            return ExitCode.NO_DATA;
        }
        if (report.aggregate().calls() == 0) {
            err.println("analyzer: no calls found in " + logs.path()
                    + (window.isOpen() ? "" : " in the time window") + "; see data_quality for unreadable input");
            return ExitCode.NO_DATA;
        }
        if (failOnBreach && report.breached()) {
            err.println("analyzer: threshold breached: " + report.verdicts().stream().filter(v -> v.breached())
                    .map(v -> v.metric() + "." + v.figure()).reduce((x, y) -> x + ", " + y).orElse(""));
            return ExitCode.THRESHOLD_BREACHED;
        }
        return ExitCode.OK;
    }

    private void write(Report report, OutputFormat chosen) throws IOException {
        if (output == null) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            chosen.renderer().render(report, writer);
            writer.flush();
            return;
        }
        try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            chosen.renderer().render(report, writer);
        }
        err.println("analyzer: report written to " + output);
    }

    private Path defaultDir() {
        String fromEnv = env.get("DOORMAN_ANALYZER_DIR");
        if (fromEnv == null || fromEnv.isBlank()) {
            fromEnv = env.get("DOORMAN_LOGGING_DIR");
        }
        return Path.of(fromEnv == null || fromEnv.isBlank() ? "logs" : fromEnv);
    }

    private int usage(String message) {
        err.println("analyzer: " + message);
        err.println("Try 'analyzer --help' for the options.");
        return ExitCode.USAGE;
    }

    private static String invalidCallId(String raw) {
        try {
            CallId.normalize(raw);
            return "invalid call id";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
