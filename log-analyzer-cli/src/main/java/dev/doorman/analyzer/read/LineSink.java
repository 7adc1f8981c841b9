package dev.doorman.analyzer.read;

/**
 * Receives the lines of a file as byte ranges (the buffer is reused: copy what you keep).
 * {@code ascii} is true when every byte of the line is below 0x80 (no UTF-8 check needed).
 */
@FunctionalInterface
public interface LineSink {
    void line(byte[] buffer, int offset, int length, long lineNumber, boolean terminated, boolean ascii);
}
