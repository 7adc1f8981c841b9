package dev.doorman.analyzer.read;

import dev.doorman.events.CallId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The directory of call files. Lists it as a stream (a million files never sit in memory at once)
 * and finds one call's file from a validated call id only: a call id that is not a UUID never
 * reaches a path.
 */
public final class LogDirectory {
    private final Path dir;

    public LogDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /**
     * Calls {@code onCallFile} for every call file and {@code onForeign} for every other regular
     * file (which is then ignored). Returns the number of call files.
     */
    public long forEach(Consumer<CallFile> onCallFile, Consumer<Path> onForeign) throws IOException {
        long calls = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Optional<CallFile> file = classify(entry);
                if (file.isPresent()) {
                    onCallFile.accept(file.get());
                    calls++;
                } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    onForeign.accept(entry);
                }
            }
        }
        return calls;
    }

    /** Counts call files and their bytes without keeping them (for the progress bar). */
    public long[] countCallFiles() throws IOException {
        long[] countAndBytes = new long[2];
        forEach(file -> {
            countAndBytes[0]++;
            countAndBytes[1] += file.sizeBytes();
        }, foreign -> { });
        return countAndBytes;
    }

    /**
     * The file of one call: {@code <id>.jsonl}, else the legacy {@code <id>.log}.
     *
     * @throws IllegalArgumentException when {@code callId} is not a UUID (checked before any path is built)
     */
    public Optional<CallFile> find(String callId) {
        String id = CallId.normalize(callId);
        for (CallFile.Format format : CallFile.Format.values()) {
            Path candidate = dir.resolve(id + format.extension());
            if (Files.isRegularFile(candidate)) {
                return Optional.of(new CallFile(candidate, id, format, size(candidate)));
            }
        }
        return Optional.empty();
    }

    /** A call file is {@code <uuid>.jsonl} or {@code <uuid>.log}, a regular file. */
    static Optional<CallFile> classify(Path entry) {
        String name = entry.getFileName().toString();
        for (CallFile.Format format : CallFile.Format.values()) {
            if (name.length() == 36 + format.extension().length()
                    && name.toLowerCase(Locale.ROOT).endsWith(format.extension())) {
                String id = name.substring(0, 36);
                if (CallId.isValid(id) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.of(new CallFile(entry, id.toLowerCase(Locale.ROOT), format, size(entry)));
                }
            }
        }
        return Optional.empty();
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }
}
