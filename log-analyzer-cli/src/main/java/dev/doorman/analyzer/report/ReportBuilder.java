package dev.doorman.analyzer.report;

import dev.doorman.analyzer.advice.Suggestions;
import dev.doorman.analyzer.model.Aggregate;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.Dimension;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.read.CallFile;
import dev.doorman.analyzer.read.DataQuality;
import dev.doorman.analyzer.read.LogDirectory;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Thresholds;
import dev.doorman.analyzer.threshold.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * Builds reports. A summary streams the directory into a bounded queue read by one worker per
 * core; each worker folds its calls into its own {@link Aggregate} and {@link DataQuality}, which
 * are merged at the end, so no lock is taken per event and memory does not grow with the number
 * of calls (unless per-call reports are asked for).
 */
public final class ReportBuilder {
    private static final CallFile END = new CallFile(null, "", CallFile.Format.JSONL, 0, null);
    /** How many of the slowest calls get their timeline (waterfall) in a summary. */
    static final int WATERFALLS = 10;

    private final CallFileAnalyzer analyzer;
    private final Thresholds thresholds;
    private final Suggestions suggestions;
    private final int threads;
    private final int top;
    private final Dimension by;

    public ReportBuilder(CallFileAnalyzer analyzer, Thresholds thresholds, Suggestions suggestions, int threads,
                         int top) {
        this(analyzer, thresholds, suggestions, threads, top, null);
    }

    /** {@code by}: split summaries by this dimension ({@code --by}), or null. */
    public ReportBuilder(CallFileAnalyzer analyzer, Thresholds thresholds, Suggestions suggestions, int threads,
                         int top, Dimension by) {
        this.by = by;
        this.analyzer = analyzer;
        this.thresholds = thresholds;
        this.suggestions = suggestions;
        this.threads = Math.max(1, threads);
        this.top = top;
    }

    /** The report of every call in {@code dir} that started within {@code window}. */
    public Report summary(LogDirectory dir, TimeWindow window, boolean perCallReports, Progress progress)
            throws IOException {
        if (progress != Progress.NONE) {
            long[] planned = dir.countCallFiles();
            progress.start(planned[0], planned[1]);
        }
        BlockingQueue<CallFile> queue = new ArrayBlockingQueue<>(4096);
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker worker = new Worker(queue, window, perCallReports, progress);
            workers.add(worker);
            worker.thread.start();
        }
        DataQuality quality = new DataQuality();
        try {
            dir.forEach(file -> put(queue, file), quality::problem);
        } finally {
            for (int i = 0; i < threads; i++) {
                put(queue, END);
            }
            for (Worker worker : workers) {
                join(worker.thread);
            }
            progress.finish();
        }
        Aggregate aggregate = new Aggregate(top, by);
        List<CallSummary> calls = new ArrayList<>();
        for (Worker worker : workers) {
            if (worker.failure != null) {
                throw new IllegalStateException("analysis failed", worker.failure);
            }
            aggregate.merge(worker.aggregate);
            quality.merge(worker.quality);
            calls.addAll(worker.calls);
        }
        calls.sort(Comparator.comparing((CallSummary c) -> c.start() == null ? "" : c.start().toString())
                .thenComparing(CallSummary::callId));
        List<CallSummary> waterfalls = new ArrayList<>();
        for (CallSummary slow : aggregate.slowestCalls().sorted()) {
            if (waterfalls.size() == WATERFALLS) {
                break;
            }
            // the file it came from (a search by id could walk a whole tree, and two servers may share an id)
            waterfalls.add(analyzer.analyze(CallFile.of(slow.file(), slow.callId(), slow.server()), new DataQuality(), true));
        }
        return finish(aggregate, null, calls, waterfalls, quality, window, dir.describe());
    }

    /** One call's report, or empty when the directory holds no file for it. */
    public Optional<Report> call(LogDirectory dir, String callId) {
        LogDirectory.Lookup lookup = dir.find(callId);
        return lookup.isFound() ? Optional.of(call(lookup.file())) : Optional.empty();
    }

    /** One call's report from its file. */
    public Report call(CallFile file) {
        DataQuality quality = new DataQuality();
        CallSummary call = analyzer.analyze(file, quality, true);
        Aggregate aggregate = new Aggregate(top);
        aggregate.add(call);
        return finish(aggregate, call, List.of(), List.of(call), quality, TimeWindow.ALL, file.path().toString());
    }

    private Report finish(Aggregate aggregate, CallSummary call, List<CallSummary> calls, List<CallSummary> waterfalls,
                          DataQuality quality, TimeWindow window, String sources) {
        Function<Metric, StageFigures> figures = metric -> call != null ? call.figures(metric) : aggregate.distribution(metric).figures();
        List<Verdict> verdicts = thresholds.judge(figures);
        List<String> advice = suggestions.advise(figures, aggregate, quality, verdicts);
        return new Report(aggregate, call, calls, waterfalls, quality, window, verdicts, advice, sources);
    }

    private static void put(BlockingQueue<CallFile> queue, CallFile file) {
        try {
            queue.put(file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while listing files", e));
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One analysis thread with its own aggregate: merged once, at the end. */
    private final class Worker implements Runnable {
        final Thread thread;
        final Aggregate aggregate = new Aggregate(top, by);
        final DataQuality quality = new DataQuality();
        final List<CallSummary> calls = new ArrayList<>();
        private final BlockingQueue<CallFile> queue;
        private final TimeWindow window;
        private final boolean keepCalls;
        private final Progress progress;
        volatile Throwable failure;

        Worker(BlockingQueue<CallFile> queue, TimeWindow window, boolean keepCalls, Progress progress) {
            this.queue = queue;
            this.window = window;
            this.keepCalls = keepCalls;
            this.progress = progress;
            this.thread = new Thread(this, "analyzer-worker");
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    CallFile file = queue.take();
                    if (file == END) {
                        return;
                    }
                    CallSummary call = analyzer.analyze(file, quality, false);
                    if (call.events() > 0 && window.contains(call.start())) {
                        aggregate.add(call);
                        if (keepCalls) {
                            calls.add(call);
                        }
                    }
                    progress.fileDone(file.sizeBytes());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure = e;
                // Keep draining so the producer never blocks on a full queue.
                drain();
            }
        }

        private void drain() {
            try {
                while (queue.take() != END) {
                    // discard
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
