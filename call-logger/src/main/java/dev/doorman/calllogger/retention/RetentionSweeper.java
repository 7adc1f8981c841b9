package dev.doorman.calllogger.retention;

import dev.doorman.events.CallId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Deletes call files older than the retention period, judged by last modification: at start, then
 * daily. Only regular files named {@code <uuid>.jsonl} are touched (never symlinks, never other
 * files someone keeps in the directory), and never the file of a call still in progress.
 */
public final class RetentionSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final Duration retention;
    private final Clock clock;
    private final Predicate<String> isActiveCall;
    private ScheduledExecutorService scheduler;

    public RetentionSweeper(Path dir, int retentionDays, Clock clock, Predicate<String> isActiveCall) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retention must be at least one day, got " + retentionDays);
        }
        this.dir = dir;
        this.retention = Duration.ofDays(retentionDays);
        this.clock = clock;
        this.isActiveCall = isActiveCall;
    }

    /** Sweeps now (in the background), then every 24 hours. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "calllog-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, 0, 1, TimeUnit.DAYS);
    }

    /** Deletes expired call files; returns how many were deleted. */
    public int sweep() throws IOException {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String callId = name.substring(0, name.length() - SUFFIX.length());
                if (!CallId.isValid(callId) || !callId.equals(callId.toLowerCase(java.util.Locale.ROOT))
                        || isActiveCall.test(callId)) {
                    continue;
                }
                try {
                    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attrs.isRegularFile() && attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(file);
                        deleted++;
                    }
                } catch (NoSuchFileException gone) {
                    // deleted meanwhile: fine
                }
            }
        } catch (NoSuchFileException noDirYet) {
            return 0;
        }
        return deleted;
    }

    private void sweepQuietly() {
        try {
            int deleted = sweep();
            if (deleted > 0) {
                LOG.info("retention: deleted {} call files older than {} days from {}", deleted,
                        retention.toDays(), dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("retention sweep of {} failed: {}", dir, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
