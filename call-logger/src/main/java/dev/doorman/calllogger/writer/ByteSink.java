package dev.doorman.calllogger.writer;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Growable byte buffer with access to its array, so a batch goes to the file in one write. */
final class ByteSink extends OutputStream {
    private static final int SHRINK_ABOVE = 64 * 1024;
    private byte[] bytes;
    private int size;

    ByteSink(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
        ensure(size + 1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(size + len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    int size() {
        return size;
    }

    byte byteAt(int index) {
        return bytes[index];
    }

    /** Appends bytes {@code [from, to)} of another sink. */
    void write(ByteSink other, int from, int to) {
        write(other.bytes, from, to - from);
    }

    void truncate(int newSize) {
        size = newSize;
    }

    /** Empties the buffer; gives memory back after an unusually large batch. */
    void reset() {
        size = 0;
        if (bytes.length > SHRINK_ABOVE) {
            bytes = new byte[1024];
        }
    }

    ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    private void ensure(int needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
