package dev.doorman.calllogger.writer;

import java.util.concurrent.atomic.LongAdder;

/** What the writer counts; read by the stats record and the metrics binder. */
public final class WriterCounters {
    private final LongAdder[] dropped = new LongAdder[DropReason.values().length];
    final LongAdder writeErrors = new LongAdder();
    // Written by the writer thread only; volatile so readers see fresh values.
    volatile long eventsWritten;
    volatile long bytesWritten;
    volatile int openFiles;

    public WriterCounters() {
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new LongAdder();
        }
    }

    void dropped(DropReason reason) {
        dropped[reason.ordinal()].increment();
    }

    void dropped(DropReason reason, long count) {
        if (count > 0) {
            dropped[reason.ordinal()].add(count);
        }
    }

    public long eventsWritten() {
        return eventsWritten;
    }

    /** All dropped events, whatever the reason. */
    public long eventsDropped() {
        long sum = 0;
        for (LongAdder adder : dropped) {
            sum += adder.sum();
        }
        return sum;
    }

    public long eventsDropped(DropReason reason) {
        return dropped[reason.ordinal()].sum();
    }

    public long writeErrors() {
        return writeErrors.sum();
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public int openFiles() {
        return openFiles;
    }
}
