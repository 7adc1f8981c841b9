package dev.doorman.analyzer.cli;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.compare.ChangeVerdict;
import dev.doorman.analyzer.compare.Comparer;
import dev.doorman.analyzer.compare.Comparison;
import dev.doorman.analyzer.model.Dimension;
import dev.doorman.analyzer.read.DataQuality;
import dev.doorman.analyzer.read.IoErrors;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.read.Problem;
import dev.doorman.analyzer.report.render.ReportRenderer;
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
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
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
                "into per-stage latency reports: which stage is slow, for which calls, since when, and is it getting worse."},
        footerHeading = "%nExamples:%n",
        footer = {"  analyzer --all --summary                     summary of ./logs on stdout",
                "  analyzer --call-id 6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c --output call.html",
                "  analyzer --all --since 24h --output report.json",
                "  analyzer --all --summary --dir gate1/logs --dir gate2/logs --by server",
                "  analyzer --compare --since 14d --until 7d --fail-on-regression   (last 7 days vs the 7 before)",
                "  analyzer --all --summary --fail-on-breach --no-progress   (cron/CI: exit 3 on breach)",
                "  source <(analyzer --completion)              bash/zsh completion",
                "",
                "Exit codes: 0 ok, 1 usage error, 2 no data or unreadable input, 3 threshold breached",
                "(with --fail-on-breach), 4 regression found (with --fail-on-regression).",
                "Environment: DOORMAN_ANALYZER_DIR, else DOORMAN_LOGGING_DIR, sets the default of --dir."})
public final class AnalyzerCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    static final class Scope {
        @Option(names = "--call-id", paramLabel = "UUID",
                description = "Report one call: <dir>/<UUID>.jsonl (or the legacy <UUID>.log), also found in sub-folders.")
        String callId;

        @Option(names = "--all", description = "Report every call: the summary plus each call's report (--summary: the summary only).")
        boolean all;

        @Option(names = "--compare", description = "Compare two sets of calls: two --dir (baseline first), or one directory "
                + "split at --until (baseline: --since..--until, current: --until..now). Per stage and turn latency: "
                + "p50/p95/p99, their change with a 99%% confidence interval, and a Mann-Whitney test.")
        boolean compare;

        @Option(names = "--completion", description = "Print the bash/zsh completion script: source <(analyzer --completion).")
        boolean completion;
    }

    @Option(names = "--summary", description = "With --all: only the aggregate, in constant memory.")
    boolean summary;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
            description = "Directory of call files, walked with its sub-folders; repeat it for several servers "
                    + "(default: $DOORMAN_ANALYZER_DIR, else $DOORMAN_LOGGING_DIR, else ./logs).")
    List<Path> dirs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE; the format comes from its extension (.txt .json .csv .md .html).")
    Path output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", completionCandidates = LowerCase.Formats.class,
            description = "Report format: ${COMPLETION-CANDIDATES} (default: from --output's extension, else text).")
    OutputFormat format;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only calls that started at or after TIME: ISO (2026-11-20T14:00:00Z, 2026-11-20) or an age (30m, 24h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only calls that started before TIME (same forms as --since).")
    String until;

    @Option(names = "--by", paramLabel = "WHAT", completionCandidates = LowerCase.Dimensions.class,
            description = "Also break the summary down by ${COMPLETION-CANDIDATES}: server (per --dir, or per top-level "
                    + "folder of one tree), building (CALL_SETUP's building), the UTC hour or day a call started.")
    Dimension by;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many slowest calls and turns to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--thresholds", paramLabel = "FILE",
            description = "Latency limits, lines of '<metric>.<figure> = <ms>' (e.g. synthesis.p95 = 1500; 'off' removes one). "
                    + "Defaults: transcription.p95 = 1000, ai_processing.p95 = 3000, synthesis.p95 = 2000, turn_latency.p95 = 1500.")
    Path thresholdsFile;

    @Option(names = "--fail-on-breach", description = "Exit with 3 when any threshold is breached (for CI and cron).")
    boolean failOnBreach;

    @Option(names = "--fail-on-regression", description = "With --compare: exit with 4 when a metric regressed.")
    boolean failOnRegression;

    @Option(names = "--min-change", paramLabel = "PERCENT", defaultValue = "5",
            description = "With --compare: the smallest slow-down of a percentile called a regression (default: ${DEFAULT-VALUE}%%).")
    double minChangePercent;

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
        if (scope.completion) {
            out.print(AutoComplete.bash("analyzer", new CommandLine(new AnalyzerCommand(env, clock, out, err, false))));
            out.flush();
            return ExitCode.OK;
        }
        if (summary && !scope.all) {
            return usage("--summary goes with --all");
        }
        if (top < 0) {
            return usage("--top must be 0 or more, got " + top);
        }
        if (threads != null && threads < 1) {
            return usage("--threads must be 1 or more, got " + threads);
        }
        if (!(minChangePercent >= 0)) {
            return usage("--min-change must be 0 or more (percent), got " + minChangePercent);
        }
        if (failOnRegression && !scope.compare) {
            return usage("--fail-on-regression goes with --compare");
        }
        if (by != null && !scope.all) {
            return usage("--by goes with --all");
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
        List<Path> roots = dirs == null || dirs.isEmpty() ? List.of(defaultDir()) : dirs;
        if (scope.compare && roots.size() > 2) {
            return usage("--compare takes two --dir (baseline, then current) or one directory split at --until");
        }
        if (scope.compare && roots.size() == 1 && window.until() == null) {
            return usage("--compare needs two --dir, or --until to split one directory "
                    + "(baseline: --since..--until, current: --until..now)");
        }
        Thresholds thresholds;
        try {
            thresholds = thresholdsFile == null ? Thresholds.defaults() : Thresholds.load(thresholdsFile);
        } catch (NoSuchFileException e) {
            return usage("--thresholds: no such file: " + thresholdsFile);
        } catch (IOException e) {
            return usage("--thresholds: cannot read " + thresholdsFile + ": " + IoErrors.describe(e));
        } catch (IllegalArgumentException e) {
            return usage("--thresholds: " + e.getMessage());
        }

        LogDirectory logs = new LogDirectory(roots);
        Optional<String> notReadable = logs.problem();
        if (notReadable.isPresent()) {
            err.println("analyzer: " + notReadable.get() + " (set --dir or DOORMAN_ANALYZER_DIR)");
            return ExitCode.NO_DATA;
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ReportBuilder builder = new ReportBuilder(CallFileAnalyzer.withDefaults(), thresholds, new Suggestions(),
                workers, top, by);
        if (scope.callId != null) {
            return oneCall(builder, logs, chosen);
        }
        if (scope.compare) {
            return compare(builder, logs, window, chosen);
        }
        Report report;
        try {
            report = builder.summary(logs, window, !summary, progress());
        } catch (IOException e) {
            return cannotRead(logs, e);
        }
        ReportRenderer renderer = chosen.renderer();
        if (!write(w -> renderer.render(report, w))) {
            return ExitCode.NO_DATA;
        }
        if (report.aggregate().calls() == 0) {
            err.println("analyzer: no calls found in " + logs.describe()
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

    private int oneCall(ReportBuilder builder, LogDirectory logs, OutputFormat chosen) {
        String id = CallId.normalize(scope.callId);
        LogDirectory.Lookup lookup = logs.find(id);
        if (lookup.refusal() != null) {
            err.println("analyzer: cannot read call " + id + ": " + lookup.refusal());
            return ExitCode.NO_DATA;
        }
        if (!lookup.isFound()) {
            err.println("analyzer: no file for call " + id + " in " + logs.describe()
                    + " (looked for <id>.jsonl and <id>.log)");
            return ExitCode.NO_DATA;
        }
        Report report = builder.call(lookup.file());
        ReportRenderer renderer = chosen.renderer();
        if (!write(w -> renderer.render(report, w))) {
            return ExitCode.NO_DATA;
        }
        if (report.call().events() == 0) {
            err.println("analyzer: no event could be read from " + lookup.file().path() + " ("
                    + problems(report.dataQuality()) + ")");
            return ExitCode.NO_DATA;
        }
        if (failOnBreach && report.breached()) {
            return ExitCode.THRESHOLD_BREACHED;
        }
        return ExitCode.OK;
    }

    private int compare(ReportBuilder builder, LogDirectory logs, TimeWindow window, OutputFormat chosen) {
        Comparison comparison;
        try {
            Report baseline;
            Report current;
            String baselineLabel;
            String currentLabel;
            if (logs.roots().size() == 2) {
                LogDirectory a = new LogDirectory(List.of(logs.roots().get(0)));
                LogDirectory b = new LogDirectory(List.of(logs.roots().get(1)));
                baseline = builder.summary(a, window, false, progress());
                current = builder.summary(b, window, false, progress());
                baselineLabel = a.describe();
                currentLabel = b.describe();
            } else {
                TimeWindow before = window;
                TimeWindow after = new TimeWindow(window.until(), clock.instant());
                baseline = builder.summary(logs, before, false, progress());
                current = builder.summary(logs, after, false, progress());
                baselineLabel = (before.since() == null ? "start" : before.since().toString()) + " .. " + before.until();
                currentLabel = after.since() + " .. " + after.until();
            }
            comparison = new Comparer(minChangePercent / 100.0).compare(baselineLabel, baseline, currentLabel, current);
        } catch (IOException e) {
            return cannotRead(logs, e);
        }
        ReportRenderer renderer = chosen.renderer();
        Comparison done = comparison;
        if (!write(w -> renderer.renderComparison(done, w))) {
            return ExitCode.NO_DATA;
        }
        if (comparison.baseline().aggregate().calls() == 0 || comparison.current().aggregate().calls() == 0) {
            err.println("analyzer: nothing to compare: " + comparison.baseline().aggregate().calls() + " calls in "
                    + comparison.baselineLabel() + ", " + comparison.current().aggregate().calls() + " in "
                    + comparison.currentLabel());
            return ExitCode.NO_DATA;
        }
        if (failOnRegression && comparison.regressed()) {
            err.println("analyzer: regression: " + comparison.metrics().stream()
                    .filter(m -> m.verdict() == ChangeVerdict.REGRESSION).map(m -> m.metric().key())
                    .reduce((x, y) -> x + ", " + y).orElse(""));
            return ExitCode.REGRESSION;
        }
        return ExitCode.OK;
    }

    private Progress progress() {
        return terminal && !noProgress ? new TerminalProgress(err) : Progress.NONE;
    }

    private int cannotRead(LogDirectory logs, IOException e) {
        String path = e instanceof FileSystemException fse && fse.getFile() != null ? fse.getFile() : logs.describe();
        err.println("analyzer: cannot read " + path + ": " + IoErrors.describe(e));
        return ExitCode.NO_DATA;
    }

    /** Writes to --output or stdout; false (with the cause on stderr) when it cannot. */
    private boolean write(Body body) {
        try {
            if (output == null) {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                body.write(writer);
                writer.flush();
                return true;
            }
            try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                body.write(writer);
            }
        } catch (IOException e) {
            err.println("analyzer: cannot write " + (output == null ? "the report" : output) + ": "
                    + IoErrors.describe(e) + (e instanceof NoSuchFileException ? " (its folder does not exist)" : ""));
            return false;
        }
        err.println("analyzer: report written to " + output);
        return true;
    }

    /** Renders into a writer. */
    @FunctionalInterface
    private interface Body {
        void write(Writer writer) throws IOException;
    }

    private static String problems(DataQuality quality) {
        StringBuilder text = new StringBuilder();
        for (Problem p : Problem.values()) {
            if (quality.count(p) > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(p.key()).append(' ').append(quality.count(p));
                if (!quality.examples(p).isEmpty()) {
                    text.append(": ").append(quality.examples(p).get(0));
                }
            }
        }
        return text.length() == 0 ? "no line is an event" : text.toString();
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
