package dev.doorman.calllogger.writer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Bounded lock-free multi-producer, single-consumer queue (Vyukov's bounded array queue). Producers
 * claim a slot with one CAS and never wait; a full queue makes {@link #offer} return false at once,
 * which is what lets the calling thread drop and count instead of blocking.
 */
public final class EventQueue<E> {
    private final int mask;
    private final AtomicReferenceArray<E> slots;
    // sequences[i] == position: free for the producer claiming position; == position + 1: holds an element.
    private final AtomicLongArray sequences;
    private final PaddedLong tail = new PaddedLong();
    private final PaddedLong head = new PaddedLong();

    public EventQueue(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("queue capacity must be at least 2, got " + capacity);
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        if (size < 0) {
            throw new IllegalArgumentException("queue capacity too large: " + capacity);
        }
        this.mask = size - 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.sequences = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, i);
        }
    }

    /** Enqueues unless full; never blocks. */
    public boolean offer(E element) {
        long pos = tail.get();
        while (true) {
            int index = (int) pos & mask;
            long seq = sequences.getAcquire(index);
            long diff = seq - pos;
            if (diff == 0) {
                if (tail.weakCompareAndSetVolatile(pos, pos + 1)) {
                    slots.setPlain(index, element);
                    sequences.setRelease(index, pos + 1);
                    return true;
                }
                pos = tail.get();
            } else if (diff < 0) {
                return false;
            } else {
                pos = tail.get();
            }
        }
    }

    /** Single consumer only. Moves up to {@code max} elements to {@code sink}, in order. */
    public int drain(Consumer<? super E> sink, int max) {
        long pos = head.getPlain();
        int count = 0;
        while (count < max) {
            int index = (int) pos & mask;
            if (sequences.getAcquire(index) != pos + 1) {
                break; // empty, or the next producer has claimed but not yet published
            }
            E element = slots.getPlain(index);
            slots.setPlain(index, null);
            sequences.setRelease(index, pos + mask + 1);
            pos++;
            count++;
            head.setRelease(pos);
            sink.accept(element);
        }
        return count;
    }

    /** Positions claimed so far by producers: a ticket to wait for with {@link #consumed()}. */
    public long produced() {
        return tail.get();
    }

    public long consumed() {
        return head.getAcquire();
    }

    public int size() {
        long size = tail.get() - head.getAcquire();
        return (int) Math.max(0, Math.min(size, mask + 1L));
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public int capacity() {
        return mask + 1;
    }

    // Keeps producers' tail and the consumer's head off one cache line.
    @SuppressWarnings("unused")
    private static final class PaddedLong extends AtomicLong {
        long p1, p2, p3, p4, p5, p6, p7;
    }
}
