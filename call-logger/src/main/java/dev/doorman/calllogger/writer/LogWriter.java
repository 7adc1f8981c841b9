package dev.doorman.calllogger.writer;

import dev.doorman.calllogger.event.EventData;
import dev.doorman.calllogger.privacy.TextRedactor;
import dev.doorman.events.EventFields;
import dev.doorman.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The single writer. Calling threads only enqueue ({@link #submit}, {@link #end}); this thread
 * drains the queue in batches, assigns each call's {@code seq} in queue order (so a file never has
 * a gap unless events were lost, and then an {@code EVENTS_DROPPED} line says so), encodes lines
 * into the call's buffer and writes each call's lines with one write per batch.
 *
 * <p>Write failures never reach callers: they are counted, logged at a limited rate, and the
 * call's encoded lines are kept (up to {@value #MAX_RETAINED_PER_CALL} bytes per call and
 * {@value #MAX_RETAINED_TOTAL} in all) and retried with back-off, so writing resumes by itself
 * when the directory is usable again. A file that keeps failing for {@code giveUpAfter} is given
 * up; on close, failing writes are retried for {@code shutdownGrace}. Whatever is given up is
 * counted as dropped and said once in the application log.
 */
public final class LogWriter implements AutoCloseable {
    static final int MAX_RETAINED_PER_CALL = 1 << 20;
    static final int MAX_RETAINED_TOTAL = 16 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDENTITY_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    // Between rounds the writer sleeps. A wake-up costs it tens of microseconds of CPU on a VM (at
    // 1 ms that was 3 % of a core with nothing to write), so it sleeps long; callers do not wake it
    // per event (an unpark would cost them microseconds), only one offer in KICK_EVERY looks
    // whether the queue is filling up, and then wakes it.
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int KICK_EVERY = 1024;
    private static final int ENDED_SEQ_MEMORY = 4096;

    private final EventQueue<LogEvent> queue;
    private final ConcurrentLinkedQueue<CallLog> pendingEnds = new ConcurrentLinkedQueue<>();
    private final WriterCounters counters;
    private final OpenFileCache files;
    private final JsonLineEncoder encoder;
    private final TimestampFormat clock = new TimestampFormat();
    private final RateLimitedLog errorLog = new RateLimitedLog(LOG, TimeUnit.SECONDS.toNanos(10));
    private final RateLimitedLog giveUpLog = new RateLimitedLog(LOG, TimeUnit.SECONDS.toNanos(10));
    private final Thread thread;
    private final Consumer<LogEvent> handler = this::handle;
    private final List<CallLog> dirty = new ArrayList<>();
    private final List<CallLog> retrying = new ArrayList<>();
    private final ByteSink shiftBuffer = new ByteSink(512);
    // Next seq of recently ended calls, so a call id logged again continues its file without a gap.
    private final LinkedHashMap<String, Long> endedSeqs = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > ENDED_SEQ_MEMORY;
        }
    };
    private final int batch;
    private final int kickDepth;
    private final long kickMask;
    private final long giveUpNanos;
    private final long shutdownGraceNanos;
    private volatile boolean stopping;
    private long lastIdentityCheck = System.nanoTime();
    private String lastCause = "";

    public LogWriter(WriterSettings settings, TextRedactor redactor, WriterCounters counters, CallFileSystem fs) {
        this.queue = new EventQueue<>(settings.queueCapacity());
        // Take all that is queued before writing: with many calls, each file open then carries more lines.
        this.batch = queue.capacity();
        this.kickDepth = queue.capacity() / 8;
        // Look every KICK_EVERY offers, or more often for a small queue: always before it can fill.
        this.kickMask = Math.min(KICK_EVERY, Math.max(1, Integer.highestOneBit(kickDepth))) - 1;
        this.counters = counters;
        this.files = new OpenFileCache(settings.dir(), settings.maxOpenFiles(), fs, counters);
        this.encoder = new JsonLineEncoder(redactor);
        this.giveUpNanos = settings.giveUpAfter().toNanos();
        this.shutdownGraceNanos = settings.shutdownGrace().toNanos();
        this.thread = new Thread(this::run, "calllog-writer");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    // ------------------------------------------------------------------ calling threads

    /** A new call; its CALL_SETUP is written before anything else of the call. */
    public CallLog openCall(String callId, Map<String, ?> setupData) {
        CallLog call = new CallLog(callId, System.nanoTime(), setupData);
        // If this marker does not fit, CALL_SETUP is still written ahead of the call's first event.
        queue.offer(new LogEvent(LogEvent.Kind.SETUP, call, null, null, call.setupNanos, 0));
        return call;
    }

    /** Enqueues and returns; a closed call or a full queue only moves counters. */
    public void submit(CallLog call, String type, Map<String, ?> data) {
        submit(call, type, data, System.nanoTime());
    }

    /** As {@link #submit(CallLog, String, Map)}, for an event that happened at {@code nanos} (System.nanoTime). */
    public void submit(CallLog call, String type, Map<String, ?> data, long nanos) {
        if (!call.open.get()) {
            counters.dropped(DropReason.AFTER_END);
            return;
        }
        long droppedBefore = call.droppedOnOverflow.get();
        if (!queue.offer(new LogEvent(LogEvent.Kind.EVENT, call, type, data, nanos, droppedBefore))) {
            call.droppedOnOverflow.incrementAndGet();
            counters.dropped(DropReason.QUEUE_FULL);
        } else if ((queue.produced() & kickMask) == 0 && queue.size() > kickDepth) {
            LockSupport.unpark(thread); // filling up: do not wait for the writer's next round
        }
    }

    /**
     * Closes the call and queues its CALL_ENDED. Returns false (and does nothing) when it was
     * already ended. Never lost to a full queue: the end then waits outside the queue until the
     * call's earlier events have been taken.
     */
    public boolean end(CallLog call, String reason) {
        if (!call.open.compareAndSet(true, false)) {
            counters.dropped(DropReason.AFTER_END); // a second end is an event after the end
            return false;
        }
        call.endReason = reason;
        call.endNanos = System.nanoTime();
        if (!queue.offer(new LogEvent(LogEvent.Kind.END, call, null, null, call.endNanos, Long.MAX_VALUE))) {
            call.endTicket = queue.produced();
            pendingEnds.add(call);
        }
        return true;
    }

    public int queueDepth() {
        return queue.size();
    }

    public int queueCapacity() {
        return queue.capacity();
    }

    /** Drains everything queued, writes it, closes the files. Waits at most {@code timeout}. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public void close(Duration timeout) {
        stopping = true;
        LockSupport.unpark(thread);
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(Math.max(1, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (thread.isAlive()) {
            LOG.warn("call log writer did not finish within {}; {} queued events may be lost", timeout, queue.size());
            return;
        }
        // Producers that raced with the stop: nobody will write these, so count them.
        int late = queue.drain(e -> { }, Integer.MAX_VALUE);
        counters.dropped(DropReason.AFTER_END, late);
    }

    // ------------------------------------------------------------------ writer thread

    private void run() {
        while (true) {
            boolean stop = stopping; // read first: a final round then sees everything queued before
            try {
                clock.anchor();
                int n;
                do {
                    n = queue.drain(handler, batch);
                    handlePendingEnds();
                    flushDirty();
                } while (n == batch);
                long now = System.nanoTime();
                if (!retrying.isEmpty()) {
                    retryDue(now);
                    flushDirty(); // a retried end may have queued its line again (lost file)
                }
                if (now - lastIdentityCheck > IDENTITY_CHECK_NANOS) {
                    lastIdentityCheck = now;
                    files.checkOpenFiles();
                }
            } catch (RuntimeException | Error e) {
                counters.writeErrors.increment();
                errorLog.error("call log writer failed; it keeps running", e);
            }
            if (stop) {
                if (queue.isEmpty() && pendingEnds.isEmpty()) {
                    break;
                }
                continue; // drain on without sleeping
            }
            if (queue.size() > kickDepth) {
                continue; // falling behind: no pause
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        finishRetries();
        files.close();
    }

    private void handle(LogEvent event) {
        CallLog call = event.call;
        if (call.endWritten) {
            if (event.kind == LogEvent.Kind.EVENT) {
                counters.dropped(DropReason.AFTER_END); // raced with the call's end
            }
            return;
        }
        if (call.abandoned) {
            handleAbandoned(call, event.kind);
            return;
        }
        switch (event.kind) {
            case EVENT:
                ensureSetup(call);
                reportLosses(call, event.nanos, event.droppedBefore);
                appendLine(call, event.nanos, event.type == null ? "UNKNOWN" : event.type, event.data);
                break;
            case END:
                endCall(call);
                break;
            default:
                ensureSetup(call); // SETUP
                break;
        }
    }

    // Its file was given up: events are counted, nothing is written.
    private void handleAbandoned(CallLog call, LogEvent.Kind kind) {
        if (kind == LogEvent.Kind.EVENT) {
            counters.dropped(DropReason.WRITE_ERROR);
        } else if (kind == LogEvent.Kind.END) {
            call.endWritten = true;
            endedSeqs.put(call.callId, call.nextSeq);
            files.close(call);
        }
    }

    private void handlePendingEnds() {
        if (pendingEnds.isEmpty()) {
            return;
        }
        long consumed = queue.consumed();
        for (Iterator<CallLog> it = pendingEnds.iterator(); it.hasNext(); ) {
            CallLog call = it.next();
            // Also when stopping: the call's earlier events are still in the queue, ahead of its end.
            if (consumed >= call.endTicket) {
                it.remove();
                if (call.abandoned) {
                    handleAbandoned(call, LogEvent.Kind.END);
                } else if (!call.endWritten) {
                    endCall(call);
                }
            }
        }
    }

    private void ensureSetup(CallLog call) {
        if (call.setupWritten) {
            return;
        }
        call.setupWritten = true;
        Long next = endedSeqs.remove(call.callId);
        call.nextSeq = next == null ? 0 : next;
        call.fileFirstSeq = call.nextSeq;
        appendLine(call, call.setupNanos, EventType.CALL_SETUP.wireName(), call.setupData);
    }

    private void endCall(CallLog call) {
        ensureSetup(call);
        reportLosses(call, call.endNanos, Long.MAX_VALUE); // everything dropped so far precedes the end
        appendEnd(call);
        call.endWritten = true;
        endedSeqs.put(call.callId, call.nextSeq);
    }

    private void appendEnd(CallLog call) {
        appendLine(call, call.endNanos, EventType.CALL_ENDED.wireName(), EventData.of(EventFields.REASON,
                call.endReason, "total_duration_ms", (call.endNanos - call.setupNanos) / 1_000_000.0));
    }

    /**
     * Writes EVENTS_DROPPED where the gap is: ahead of the first event queued after the drops
     * ({@code droppedBefore} is the call's drop count when that event was queued).
     */
    private void reportLosses(CallLog call, long nanos, long droppedBefore) {
        long overflow = Math.min(droppedBefore, call.droppedOnOverflow.get());
        if (overflow > call.overflowReported) {
            appendLine(call, nanos, EventType.EVENTS_DROPPED.wireName(), EventData.of(EventFields.COUNT,
                    overflow - call.overflowReported, EventFields.REASON, DropReason.QUEUE_FULL.tag()));
            call.overflowReported = overflow;
        }
        if (call.lostOnDisk > 0) {
            appendLine(call, nanos, EventType.EVENTS_DROPPED.wireName(), EventData.of(EventFields.COUNT,
                    call.lostOnDisk, EventFields.REASON, DropReason.WRITE_ERROR.tag()));
            call.lostOnDisk = 0;
        }
    }

    private void appendLine(CallLog call, long nanos, String type, Map<String, ?> data) {
        if (call.abandoned) {
            return; // its file was given up (events are counted by handleAbandoned)
        }
        if (call.pendingLines == 0) {
            call.pendingFirstSeq = call.nextSeq;
            call.pendingFirstNanos = nanos;
        }
        encoder.encode(call.pending, clock.format(nanos), call.encodedCallId, call.nextSeq++,
                (nanos - call.setupNanos) / 1000, type, data);
        call.pendingLines++;
        if (!call.dirty) {
            call.dirty = true;
            dirty.add(call);
        }
    }

    private void flushDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (int i = 0; i < dirty.size(); i++) { // by index: a write may mark its call dirty again
            CallLog call = dirty.get(i);
            call.dirty = false;
            if (call.retryAtNanos != 0 && now - call.retryAtNanos < 0) {
                continue; // backing off; its lines wait in its buffer, in order
            }
            write(call, now);
        }
        dirty.clear();
    }

    /** Writes the call's buffered lines in one go; false (lines kept for a retry) on failure. */
    private boolean write(CallLog call, long now) {
        if (call.pendingLines == 0) {
            finishIfEnded(call);
            return true;
        }
        FileChannel channel = null;
        long before = -1;
        try {
            channel = files.channelFor(call);
            if (call.fileLost) {
                startNewFile(call);
            }
            before = call.knownSize;
            int length = call.pending.size();
            ByteBuffer buffer = call.pending.asByteBuffer();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            call.knownSize = before + length;
            call.unconfirmedLines += call.pendingLines;
            counters.eventsWritten = counters.eventsWritten + call.pendingLines;
            counters.bytesWritten = counters.bytesWritten + length;
            call.pending.reset();
            call.pendingLines = 0;
            call.retryAtNanos = 0;
            call.backoffNanos = 0;
            call.failingSinceNanos = 0;
            finishIfEnded(call);
            return true;
        } catch (IOException | RuntimeException e) {
            failed(call, channel, before, now, e);
            return false;
        }
    }

    private void failed(CallLog call, FileChannel channel, long sizeBefore, long now, Exception e) {
        counters.writeErrors.increment();
        lastCause = e.toString();
        if (e instanceof IOException) {
            errorLog.error("cannot write call log " + files.pathOf(call) + " (" + lastCause
                    + "); its lines are kept and retried");
        } else {
            errorLog.error("cannot write call log " + files.pathOf(call), e);
        }
        undoPartialWrite(channel, sizeBefore);
        files.close(call);
        if (call.failingSinceNanos == 0) {
            call.failingSinceNanos = now == 0 ? 1 : now;
        } else if (now - call.failingSinceNanos >= giveUpNanos) {
            giveUp(call);
            return;
        }
        call.backoffNanos = call.backoffNanos == 0 ? FIRST_BACKOFF_NANOS
                : Math.min(MAX_BACKOFF_NANOS, call.backoffNanos * 2);
        call.retryAtNanos = now + call.backoffNanos;
        if (call.retryAtNanos == 0) {
            call.retryAtNanos = 1;
        }
        if (!call.retrying) {
            call.retrying = true;
            retrying.add(call);
        }
        if (call.pending.size() > MAX_RETAINED_PER_CALL) {
            discard(call);
        }
    }

    /** A file that kept failing: its lines, and those still to come, are dropped and counted. */
    private void giveUp(CallLog call) {
        giveUpLog.warn("giving up call log " + files.pathOf(call) + " after " + seconds(giveUpNanos)
                + " of failed writes (" + lastCause + "): its " + call.pendingLines + " waiting lines and the call's"
                + " later events are dropped, counted in calllog.events.dropped{reason=write_error}");
        counters.dropped(DropReason.WRITE_ERROR, call.pendingLines);
        call.pending.reset();
        call.pendingLines = 0;
        call.abandoned = true;
        call.retryAtNanos = 0;
    }

    /**
     * The call's file was deleted, replaced or truncated under us: the new file starts with a copy
     * of CALL_SETUP ({@code resumed:true}) and an EVENTS_DROPPED that counts the call's lines it
     * does not have, ahead of the waiting lines (whose seqs move up by two to make room).
     */
    private void startNewFile(CallLog call) {
        call.fileLost = false;
        long first = call.pendingFirstSeq;
        long missing = first - call.fileFirstSeq;
        long firstNanos = call.pendingFirstNanos;
        shiftBuffer.reset();
        shiftBuffer.write(call.pending, 0, call.pending.size());
        int waiting = call.pendingLines;
        long next = call.nextSeq;
        call.pending.reset();
        call.pendingLines = 0;
        call.nextSeq = first;
        Map<String, Object> setup = new LinkedHashMap<>();
        if (call.setupData != null) {
            setup.putAll(call.setupData);
        }
        setup.put("resumed", true);
        appendLine(call, call.setupNanos, EventType.CALL_SETUP.wireName(), setup);
        appendLine(call, firstNanos, EventType.EVENTS_DROPPED.wireName(), EventData.of(EventFields.COUNT, missing,
                EventFields.REASON, DropReason.FILE_REPLACED.tag()));
        JsonLineEncoder.appendShifted(shiftBuffer, call.pending, 2);
        call.pendingLines += waiting;
        call.nextSeq = next + 2;
        call.fileFirstSeq = first;
        if (call.endWritten) {
            endedSeqs.put(call.callId, call.nextSeq);
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    // A failed write may have put part of the batch on disk: cut it so no half line stays.
    private static void undoPartialWrite(FileChannel channel, long sizeBefore) {
        if (channel == null || sizeBefore < 0) {
            return;
        }
        try {
            if (channel.size() > sizeBefore) {
                channel.truncate(sizeBefore);
            }
        } catch (IOException ignored) {
            // The reopen adds a newline if the file does not end with one.
        }
    }

    private void retryDue(long now) {
        long retained = 0;
        for (Iterator<CallLog> it = retrying.iterator(); it.hasNext(); ) {
            CallLog call = it.next();
            if (call.abandoned || call.pendingLines == 0 || (now - call.retryAtNanos >= 0 && write(call, now))) {
                it.remove();
                call.retrying = false;
                call.retryAtNanos = 0;
                if (!call.abandoned) {
                    finishIfEnded(call);
                }
            } else if (!call.abandoned) {
                retained += call.pending.size();
            }
        }
        for (Iterator<CallLog> it = retrying.iterator(); retained > MAX_RETAINED_TOTAL && it.hasNext(); ) {
            CallLog call = it.next();
            retained -= call.pending.size();
            discard(call);
        }
    }

    /**
     * After the last round on close: keep retrying failed writes for the shutdown grace, then give
     * up what is left, count it and say so once.
     */
    private void finishRetries() {
        long deadline = System.nanoTime() + shutdownGraceNanos;
        while (!retrying.isEmpty()) {
            long now = System.nanoTime();
            retryDue(now);
            flushDirty();
            if (retrying.isEmpty()) {
                return;
            }
            if (now - deadline >= 0) {
                break;
            }
            LockSupport.parkNanos(Math.min(FIRST_BACKOFF_NANOS, deadline - now));
        }
        long lines = 0;
        int calls = 0;
        for (CallLog call : retrying) {
            if (!call.abandoned && call.pendingLines > 0) {
                lines += call.pendingLines;
                calls++;
                counters.dropped(DropReason.WRITE_ERROR, call.pendingLines);
                call.pending.reset();
                call.pendingLines = 0;
            }
        }
        retrying.clear();
        if (lines > 0) {
            LOG.error("call log writer closing: gave up {} lines of {} calls that could not be written within {}"
                    + " ({}); counted in calllog.events.dropped{reason=write_error}",
                    lines, calls, seconds(shutdownGraceNanos), lastCause);
        }
    }

    private void discard(CallLog call) {
        counters.dropped(DropReason.WRITE_ERROR, call.pendingLines);
        call.lostOnDisk += call.pendingLines;
        call.pending.reset();
        call.pendingLines = 0;
    }

    /**
     * After a call's last line: one look that its file is still in place before closing it. If it
     * is not, the end goes again into a new file, after CALL_SETUP and EVENTS_DROPPED.
     */
    private void finishIfEnded(CallLog call) {
        if (!call.endWritten || call.pendingLines != 0) {
            return;
        }
        if (call.channel != null && !call.endRewritten && !files.stillOurs(call)) {
            files.lost(call);
            files.close(call);
            call.endRewritten = true;
            appendEnd(call);
            endedSeqs.put(call.callId, call.nextSeq);
            return; // written by this round's flush (or the next retry)
        }
        files.close(call);
    }
}
