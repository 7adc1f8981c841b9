package dev.doorman.calllogger;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Settings of a {@link CallLoggerManager}; build with {@link #builder()}. */
public final class CallLoggerConfig {
    public static final Path DEFAULT_LOG_DIR = Path.of("logs");
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    public static final int DEFAULT_MAX_OPEN_FILES = 256;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final Path logDir;
    private final int queueCapacity;
    private final PrivacyMode privacyMode;
    private final String privacySalt;
    private final int retentionDays;
    private final int maxOpenFiles;
    private final MeterRegistry meterRegistry;
    private final Duration closeTimeout;
    private final boolean enabled;
    private final Duration giveUpAfter;
    private final Duration shutdownGrace;

    private CallLoggerConfig(Builder b) {
        this.logDir = b.logDir;
        this.queueCapacity = b.queueCapacity;
        this.privacyMode = b.privacyMode;
        this.privacySalt = b.privacySalt;
        this.retentionDays = b.retentionDays;
        this.maxOpenFiles = b.maxOpenFiles;
        this.meterRegistry = b.meterRegistry;
        this.closeTimeout = b.closeTimeout;
        this.enabled = b.enabled;
        this.giveUpAfter = b.giveUpAfter;
        this.shutdownGrace = b.shutdownGrace;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults: {@code ./logs}, 65536 events, full text, keep forever, 256 open files. */
    public static CallLoggerConfig defaults() {
        return builder().build();
    }

    public Path logDir() {
        return logDir;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public PrivacyMode privacyMode() {
        return privacyMode;
    }

    /** The salt for {@link PrivacyMode#HASH}; empty means one is generated per manager. */
    public Optional<String> privacySalt() {
        return Optional.ofNullable(privacySalt);
    }

    /** Days to keep call files; 0 keeps them forever. */
    public int retentionDays() {
        return retentionDays;
    }

    public int maxOpenFiles() {
        return maxOpenFiles;
    }

    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /** How long {@link CallLoggerManager#close()} waits for the writer to drain. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** False: no writer, no files; loggers discard their events (stage latency metrics still work). */
    public boolean enabled() {
        return enabled;
    }

    /** How long a call's file may keep failing before its lines are given up (counted as dropped). */
    public Duration giveUpAfter() {
        return giveUpAfter;
    }

    /** How long {@link CallLoggerManager#close()} keeps retrying failed writes before giving their lines up. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    @Override
    public String toString() {
        return "CallLoggerConfig{enabled=" + enabled + ", logDir=" + logDir + ", queueCapacity=" + queueCapacity
                + ", privacyMode=" + privacyMode + ", retentionDays=" + retentionDays + ", maxOpenFiles="
                + maxOpenFiles + '}';
    }

    public static final class Builder {
        private Path logDir = DEFAULT_LOG_DIR;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private PrivacyMode privacyMode = PrivacyMode.FULL;
        private String privacySalt;
        private int retentionDays;
        private int maxOpenFiles = DEFAULT_MAX_OPEN_FILES;
        private MeterRegistry meterRegistry;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private boolean enabled = true;
        private Duration giveUpAfter = DEFAULT_GIVE_UP_AFTER;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

        private Builder() {
        }

        /** False turns call logging off: a sink that discards (for measuring what logging costs). */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder giveUpAfter(Duration giveUpAfter) {
            this.giveUpAfter = positive("giveUpAfter", giveUpAfter);
            return this;
        }

        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = positive("shutdownGrace", shutdownGrace);
            return this;
        }

        public Builder logDir(Path logDir) {
            this.logDir = Objects.requireNonNull(logDir, "logDir");
            return this;
        }

        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 2 || queueCapacity > (1 << 30)) {
                throw new IllegalArgumentException("queueCapacity must be between 2 and 2^30, got " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        public Builder privacyMode(PrivacyMode privacyMode) {
            this.privacyMode = Objects.requireNonNull(privacyMode, "privacyMode");
            return this;
        }

        /** Salt for {@link PrivacyMode#HASH}; keep it stable so hashes group across restarts. */
        public Builder privacySalt(String privacySalt) {
            this.privacySalt = privacySalt == null || privacySalt.isEmpty() ? null : privacySalt;
            return this;
        }

        public Builder retentionDays(int retentionDays) {
            if (retentionDays < 0) {
                throw new IllegalArgumentException("retentionDays must be 0 (keep forever) or more, got " + retentionDays);
            }
            this.retentionDays = retentionDays;
            return this;
        }

        public Builder maxOpenFiles(int maxOpenFiles) {
            if (maxOpenFiles < 1) {
                throw new IllegalArgumentException("maxOpenFiles must be at least 1, got " + maxOpenFiles);
            }
            this.maxOpenFiles = maxOpenFiles;
            return this;
        }

        /** When set, the manager binds its metrics to this registry. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /** Waits at most this long in {@link CallLoggerManager#close()}; must exceed {@code shutdownGrace}. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = positive("closeTimeout", closeTimeout);
            return this;
        }

        public CallLoggerConfig build() {
            if (closeTimeout.compareTo(shutdownGrace) <= 0) {
                throw new IllegalArgumentException("closeTimeout (" + closeTimeout + ") must be longer than "
                        + "shutdownGrace (" + shutdownGrace + ")");
            }
            return new CallLoggerConfig(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
