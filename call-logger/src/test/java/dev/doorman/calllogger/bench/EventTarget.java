package dev.doorman.calllogger.bench;

import java.nio.file.Path;

/** One logging set-up under test: ours, or Logback's AsyncAppender + SiftingAppender + JsonEncoder. */
interface EventTarget extends AutoCloseable {
    /** Opens {@code calls} calls, each with one file under {@code dir}. */
    void open(Path dir, int calls);

    /** Logs one TRANSCRIPTION_COMPLETE-like event of call {@code call} (0-based) on the calling thread. */
    void log(int call, int turn);

    /** Events waiting for the background writer. */
    int queueDepth();

    int queueCapacity();

    /** Events lost so far (ours drops on overflow; Logback here is configured to block instead). */
    long dropped();

    /** Drains everything to the files and closes them. */
    @Override
    void close();

    /**
     * {@code doorman}: ours with as many open files as calls (no reopening, like Logback's appender
     * count); {@code doorman-defaults}: ours exactly as shipped (256 open files); {@code logback}:
     * Logback at its best, see {@link LogbackTarget}.
     */
    static EventTarget named(String name, int calls) {
        switch (name) {
            case "doorman":
                return new DoormanTarget(Math.max(calls, 1));
            case "doorman-defaults":
                return new DoormanTarget(dev.doorman.calllogger.CallLoggerConfig.DEFAULT_MAX_OPEN_FILES);
            case "logback":
                return new LogbackTarget();
            default:
                throw new IllegalArgumentException("unknown target '" + name + "' (doorman, doorman-defaults or logback)");
        }
    }
}
