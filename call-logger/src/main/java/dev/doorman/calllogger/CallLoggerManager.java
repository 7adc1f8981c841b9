package dev.doorman.calllogger;

import dev.doorman.calllogger.metrics.CallLoggerMetrics;
import dev.doorman.calllogger.privacy.TextRedactor;
import dev.doorman.calllogger.retention.RetentionSweeper;
import dev.doorman.calllogger.writer.CallFileSystem;
import dev.doorman.calllogger.writer.CallLog;
import dev.doorman.calllogger.writer.LogWriter;
import dev.doorman.calllogger.writer.WriterCounters;
import dev.doorman.calllogger.writer.WriterSettings;
import dev.doorman.events.CallId;
import dev.doorman.events.Stage;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Owns the loggers of the calls in progress and the one writer behind them. The application
 * creates one (no static singleton) and closes it on shutdown; {@link #close()} drains the queue,
 * ends the calls still open with {@code CALL_ENDED{reason:"shutdown"}} and closes the files.
 * With {@link CallLoggerConfig#enabled()} false there is no writer: loggers discard their events
 * (the stage latency metrics are still recorded).
 */
public final class CallLoggerManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallLoggerManager.class);

    private final CallLoggerConfig config;
    private final WriterCounters counters = new WriterCounters();
    private final LogWriter writer;
    private final CallLoggerMetrics metrics;
    private final RetentionSweeper retention;
    private final ConcurrentHashMap<String, CallLogger> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread shutdownHook;

    public CallLoggerManager(CallLoggerConfig config) {
        this(config, CallFileSystem.DEFAULT);
    }

    /** With another file system: the seam where tests inject faults. */
    CallLoggerManager(CallLoggerConfig config, CallFileSystem fs) {
        this.config = config;
        Path dir = config.logDir().toAbsolutePath().normalize();
        this.metrics = new CallLoggerMetrics(counters, this::queueDepth, config.queueCapacity());
        if (config.enabled()) {
            try {
                fs.createDirectories(dir);
            } catch (Exception e) {
                // Not fatal: calls go on, errors are counted, and writing starts once the directory is usable.
                LOG.error("call log directory {} is not usable yet: {}", dir, e.toString());
            }
            TextRedactor redactor = new TextRedactor(config.privacyMode(), salt(config));
            this.writer = new LogWriter(new WriterSettings(dir, config.queueCapacity(), config.maxOpenFiles(),
                    config.giveUpAfter(), config.shutdownGrace()), redactor, counters, fs);
            this.writer.start();
        } else {
            LOG.info("call logging is disabled (logging.enabled=false): no call files are written");
            this.writer = null;
        }
        config.meterRegistry().ifPresent(metrics::bindTo);
        if (config.enabled() && config.retentionDays() > 0) {
            this.retention = new RetentionSweeper(dir, config.retentionDays(), Clock.systemUTC(), calls::containsKey);
            this.retention.start();
        } else {
            this.retention = null;
        }
    }

    /**
     * The call's logger, created on first use with {@code CALL_SETUP{}} as its first event.
     *
     * @throws IllegalArgumentException when {@code callId} is not a canonical UUID (nothing is written)
     */
    public CallLogger getLogger(String callId) {
        return getLogger(callId, Map.of());
    }

    /** As {@link #getLogger(String)}; a new call's first event is {@code CALL_SETUP{setupData}}. */
    public CallLogger getLogger(String callId, Map<String, ?> setupData) {
        String id = CallId.normalize(callId);
        CallLogger existing = calls.get(id);
        if (existing != null) {
            return existing;
        }
        Map<String, ?> data = setupData == null ? Map.of() : setupData;
        CallLogger logger = calls.computeIfAbsent(id, key -> newLogger(key, data));
        if (closed.get()) {
            logger.logCallEnded("shutdown"); // raced with close(): end it like the others
        }
        return logger;
    }

    /** Ends the call if still open ({@code CALL_ENDED{reason:"removed"}}) and forgets it. */
    public void removeLogger(String callId) {
        String id = CallId.normalize(callId);
        CallLogger logger = calls.get(id);
        if (logger != null) {
            if (logger.isOpen()) {
                logger.logCallEnded("removed");
            }
            calls.remove(id, logger);
        }
    }

    /** Ids of the calls whose loggers are open. */
    public Set<String> activeCallIds() {
        return Set.copyOf(calls.keySet());
    }

    public CallLoggerStats stats() {
        return new CallLoggerStats(counters.eventsWritten(), counters.eventsDropped(), counters.writeErrors(),
                queueDepth(), counters.openFiles(), counters.bytesWritten());
    }

    /**
     * Registers a stage's latency series ({@code call_stage_latency_seconds{stage,provider}}) with
     * zero counts before any call, for a server that knows which engines it runs.
     */
    public void expectStage(Stage stage, String provider) {
        metrics.expectStage(stage, provider);
    }

    /** The metrics binder, to bind to a registry other than the configured one. */
    public MeterBinder metrics() {
        return metrics;
    }

    public CallLoggerConfig config() {
        return config;
    }

    /** Registers a JVM shutdown hook that {@link #close()}s this manager; idempotent. */
    public synchronized void registerShutdownHook() {
        if (shutdownHook != null || closed.get()) {
            return;
        }
        shutdownHook = new Thread(this::closeFromHook, "calllog-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Ends open calls with reason "shutdown", drains the queue, writes and closes all files. Writes
     * that fail are retried for {@code shutdownGrace}; what still cannot be written is counted as
     * dropped and logged once. Waits at most {@code closeTimeout} in all.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        removeShutdownHook();
        for (CallLogger logger : calls.values()) {
            logger.logCallEnded("shutdown");
        }
        if (retention != null) {
            retention.close();
        }
        if (writer != null) {
            writer.close(config.closeTimeout());
        }
    }

    private void closeFromHook() {
        synchronized (this) {
            shutdownHook = null; // cannot be removed while the JVM is already running it
        }
        close();
    }

    private synchronized void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // JVM already shutting down: the hook runs or ran close(), which is idempotent
            }
            shutdownHook = null;
        }
    }

    private CallLogger newLogger(String id, Map<String, ?> setupData) {
        if (writer == null) {
            return new DiscardingSession(id, metrics, this::forget).logger;
        }
        CallLog log = writer.openCall(id, setupData);
        return new CallSession(log, writer, metrics, this::forget).logger;
    }

    private void forget(CallLogger logger) {
        calls.remove(logger.callId(), logger);
    }

    private int queueDepth() {
        return writer == null ? 0 : writer.queueDepth();
    }

    private static String salt(CallLoggerConfig config) {
        if (config.privacyMode() != PrivacyMode.HASH) {
            return "";
        }
        return config.privacySalt().orElseGet(() -> {
            LOG.warn("privacy mode is hash but no salt is configured: using a random salt, so hashes of "
                    + "equal texts will not group across restarts");
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            return java.util.HexFormat.of().formatHex(random);
        });
    }
}
