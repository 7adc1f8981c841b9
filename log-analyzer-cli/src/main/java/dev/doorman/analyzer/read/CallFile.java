package dev.doorman.analyzer.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A call's file in the log directory: {@code <uuid>.jsonl} (ours) or {@code <uuid>.log} (the
 * Python system's legacy format). The call id comes from a validated file name; {@code server}
 * is the label of the directory it came from (see {@link LogDirectory}).
 */
public record CallFile(Path path, String callId, Format format, long sizeBytes, String server) {

    public enum Format {
        JSONL(".jsonl"),
        LEGACY_LOG(".log");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** A known call's file again (its format from the name, its size read now). */
    public static CallFile of(Path path, String callId, String server) {
        Format format = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(Format.LEGACY_LOG.extension())
                ? Format.LEGACY_LOG : Format.JSONL;
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = 0;
        }
        return new CallFile(path, callId, format, size, server);
    }

    /** {@code file:line}, the way problems point at input. */
    public String where(long line) {
        return path.getFileName() + ":" + line;
    }
}
