package dev.doorman.analyzer.read;

import java.nio.file.Path;

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

    /** {@code file:line}, the way problems point at input. */
    public String where(long line) {
        return path.getFileName() + ":" + line;
    }
}
