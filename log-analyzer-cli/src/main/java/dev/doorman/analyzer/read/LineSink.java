package dev.doorman.analyzer.read;

/** Receives the lines of a file as byte ranges (the buffer is reused: copy what you keep). */
@FunctionalInterface
public interface LineSink {
    void line(byte[] buffer, int offset, int length, long lineNumber, boolean terminated);
}
