package dev.doorman.server.pipeline.vad;

import java.util.Arrays;

/** Collects the current utterance's bytes; the backing array is kept and reused for the next one. */
final class UtteranceBuffer {
    private byte[] bytes;
    private int size;

    UtteranceBuffer(int initialCapacity) {
        this.bytes = new byte[Math.max(64, initialCapacity)];
    }

    void append(byte[] pcm, int off, int len) {
        if (size + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + len, bytes.length * 2));
        }
        System.arraycopy(pcm, off, bytes, size, len);
        size += len;
    }

    /** A copy of what was collected; the buffer is empty afterwards. */
    byte[] drain() {
        byte[] out = Arrays.copyOf(bytes, size);
        size = 0;
        return out;
    }

    void clear() {
        size = 0;
    }
}
