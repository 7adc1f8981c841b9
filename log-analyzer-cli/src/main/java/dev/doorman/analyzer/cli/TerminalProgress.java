package dev.doorman.analyzer.cli;

import dev.doorman.analyzer.report.Progress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on stderr, redrawn a few times a second by its own thread (workers only
 * bump counters). Shown only for large inputs: small runs finish before it would be read.
 */
final class TerminalProgress implements Progress {
    private static final long LARGE_FILES = 2_000;
    private static final long LARGE_BYTES = 50L << 20;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private volatile long files;
    private volatile long bytes;
    private volatile boolean running;
    private Thread painter;
    private long startNanos;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void start(long files, long bytes) {
        this.files = files;
        this.bytes = bytes;
        if (files < LARGE_FILES && bytes < LARGE_BYTES) {
            return;
        }
        startNanos = System.nanoTime();
        running = true;
        painter = new Thread(this::paintLoop, "analyzer-progress");
        painter.setDaemon(true);
        painter.start();
    }

    @Override
    public void fileDone(long size) {
        filesDone.incrementAndGet();
        bytesDone.addAndGet(size);
    }

    @Override
    public void finish() {
        if (painter == null) {
            return;
        }
        running = false;
        painter.interrupt();
        try {
            painter.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r" + " ".repeat(100) + "\r");
        err.flush();
    }

    private void paintLoop() {
        while (running) {
            paint();
            try {
                Thread.sleep(250); // a redraw cadence, not a wait for work
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void paint() {
        long done = filesDone.get();
        double fraction = files == 0 ? 1 : Math.min(1, done / (double) files);
        int filled = (int) (fraction * WIDTH);
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double mbPerSecond = bytesDone.get() / seconds / (1 << 20);
        err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %,d/%,d files  %.0f MB/s ", "#".repeat(filled),
                " ".repeat(WIDTH - filled), fraction * 100, done, files, mbPerSecond);
        err.flush();
    }
}
