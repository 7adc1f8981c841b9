package dev.doorman.calllogger.writer;

import com.fasterxml.jackson.core.io.SerializedString;

import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One call's state. Fields above the line are touched by calling threads (and are thread-safe);
 * fields below it belong to the writer thread only.
 */
public final class CallLog {
    final String callId;
    final long setupNanos;
    final Map<String, ?> setupData;
    final AtomicBoolean open = new AtomicBoolean(true);
    /** Events of this call refused because the queue was full; reported as EVENTS_DROPPED. */
    final AtomicLong droppedOnOverflow = new AtomicLong();
    /** Published by the thread that won {@link #open}'s CAS, before the END marker is enqueued. */
    volatile String endReason;
    volatile long endNanos;
    /** Queue position the END marker waits for when the queue was full at the end. */
    volatile long endTicket;

    // ---- writer thread only ----
    long nextSeq;
    boolean setupWritten;
    boolean endWritten;
    long overflowReported;
    /** Lines discarded after write errors, not yet reported in the file. */
    long lostOnDisk;
    final ByteSink pending = new ByteSink(512);
    final SerializedString encodedCallId;
    int pendingLines;
    /** seq and time of the first line in {@link #pending}. */
    long pendingFirstSeq;
    long pendingFirstNanos;
    boolean dirty;
    long retryAtNanos;
    boolean retrying;
    long backoffNanos;
    /** When the current run of failed writes began; 0 when the last write worked. */
    long failingSinceNanos;
    /** Given up after failing too long: the call's later lines are counted as dropped, not written. */
    boolean abandoned;
    FileChannel channel;
    /** Identity of the file this call wrote to, null before its first open. */
    Object fileKey;
    /** Size of the file after our last successful write, -1 when unknown. */
    long knownSize = -1;
    /** Lines written since the file was last seen in place. */
    long unconfirmedLines;
    /** The file was deleted, replaced or truncated: the next write starts a new one with CALL_SETUP. */
    boolean fileLost;
    /** seq of the first line of this call in its current file. */
    long fileFirstSeq;
    /** The end was written a second time into a new file (the first went to a lost file). */
    boolean endRewritten;

    CallLog(String callId, long setupNanos, Map<String, ?> setupData) {
        this.callId = callId;
        this.setupNanos = setupNanos;
        this.setupData = setupData;
        this.encodedCallId = new SerializedString(callId);
    }

    public String callId() {
        return callId;
    }

    public boolean isOpen() {
        return open.get();
    }
}
