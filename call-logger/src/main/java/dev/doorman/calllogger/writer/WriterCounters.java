package dev.doorman.calllogger.writer;

import java.util.concurrent.atomic.LongAdder;

/** What the writer counts; read by the stats record and the metrics binder. */
public final class WriterCounters {
    final LongAdder eventsDropped = new LongAdder();
    final LongAdder writeErrors = new LongAdder();
    // Written by the writer thread only; volatile so readers see fresh values.
    volatile long eventsWritten;
    volatile long bytesWritten;
    volatile int openFiles;

    public long eventsWritten() {
        return eventsWritten;
    }

    public long eventsDropped() {
        return eventsDropped.sum();
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
