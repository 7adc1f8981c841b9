package dev.doorman.calllogger.writer;

import dev.doorman.events.EventFields;
import dev.doorman.events.EventType;
import dev.doorman.events.Stage;
import dev.doorman.calllogger.privacy.TextRedactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * when the directory is usable again. Lines beyond those bounds are dropped and counted.
 */
public final class LogWriter implements AutoCloseable {
    static final int MAX_RETAINED_PER_CALL = 1 << 20;
    static final int MAX_RETAINED_TOTAL = 16 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long VANISHED_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int ENDED_SEQ_MEMORY = 4096;
    private static final Map<String, Stage> STAGE_BY_COMPLETION = stageByCompletion();

    private final EventQueue<LogEvent> queue;
    private final ConcurrentLinkedQueue<CallLog> pendingEnds = new ConcurrentLinkedQueue<>();
    private final WriterCounters counters;
    private final OpenFileCache files;
    private final JsonLineEncoder encoder;
    private final TimestampFormat clock = new TimestampFormat();
    private final StageCompletionListener stages;
    private final RateLimitedLog errorLog = new RateLimitedLog(LOG, TimeUnit.SECONDS.toNanos(10));
    private final Thread thread;
    private final Consumer<LogEvent> handler = this::handle;
    private final List<CallLog> dirty = new ArrayList<>();
    private final List<CallLog> retrying = new ArrayList<>();
    // Next seq of recently ended calls, so a call id logged again continues its file without a gap.
    private final LinkedHashMap<String, Long> endedSeqs = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > ENDED_SEQ_MEMORY;
        }
    };
    private final int batch;
    private volatile boolean stopping;
    private long lastVanishedCheck = System.nanoTime();

    public LogWriter(Path dir, int queueCapacity, int maxOpenFiles, TextRedactor redactor,
                     StageCompletionListener stages, WriterCounters counters) {
        this.queue = new EventQueue<>(queueCapacity);
        // Take all that is queued before writing: with many calls, each file open then carries more lines.
        this.batch = queue.capacity();
        this.counters = counters;
        this.files = new OpenFileCache(dir, maxOpenFiles, counters);
        this.encoder = new JsonLineEncoder(redactor);
        this.stages = stages;
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
        if (!call.open.get()) {
            counters.eventsDropped.increment();
            return;
        }
        long droppedBefore = call.droppedOnOverflow.get();
        if (!queue.offer(new LogEvent(LogEvent.Kind.EVENT, call, type, data, System.nanoTime(), droppedBefore))) {
            call.droppedOnOverflow.incrementAndGet();
            counters.eventsDropped.increment();
        }
    }

    /**
     * Closes the call and queues its CALL_ENDED. Returns false (and does nothing) when it was
     * already ended. Never lost to a full queue: the end then waits outside the queue until the
     * call's earlier events have been taken.
     */
    public boolean end(CallLog call, String reason) {
        if (!call.open.compareAndSet(true, false)) {
            counters.eventsDropped.increment(); // a second end is an event after the end
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
        if (late > 0) {
            counters.eventsDropped.add(late);
        }
    }

    // ------------------------------------------------------------------ writer thread

    private void run() {
        int idle = 0;
        while (true) {
            boolean stop = stopping; // read first: a final round then sees everything queued before
            int taken = 0;
            try {
                clock.anchor();
                int n;
                do {
                    n = queue.drain(handler, batch);
                    taken += n;
                    handlePendingEnds();
                    flushDirty();
                } while (n == batch);
                long now = System.nanoTime();
                if (!retrying.isEmpty()) {
                    retryDue(now, stop);
                }
                if (now - lastVanishedCheck > VANISHED_CHECK_NANOS) {
                    lastVanishedCheck = now;
                    files.closeVanished();
                }
            } catch (RuntimeException | Error e) {
                counters.writeErrors.increment();
                errorLog.error("call log writer failed; it keeps running", e);
            }
            if (stop && taken == 0 && queue.isEmpty() && pendingEnds.isEmpty()) {
                break;
            }
            if (taken == 0 && !stop) {
                // Poll instead of having callers wake us: an unpark would cost the calling thread microseconds.
                idle++;
                LockSupport.parkNanos(idle < 50 ? 1_000_000L : 10_000_000L);
            } else {
                idle = 0;
            }
        }
        retryDue(System.nanoTime(), true);
        files.close();
    }

    private void handle(LogEvent event) {
        CallLog call = event.call;
        if (call.endWritten) {
            if (event.kind == LogEvent.Kind.EVENT) {
                counters.eventsDropped.increment(); // raced with the call's end
            }
            return;
        }
        ensureSetup(call);
        switch (event.kind) {
            case EVENT:
                reportLosses(call, event.nanos, event.droppedBefore);
                String type = event.type == null ? "UNKNOWN" : event.type;
                appendLine(call, event.nanos, type, event.data);
                recordStage(type, event.data);
                break;
            case END:
                writeEnd(call);
                break;
            default:
                break; // SETUP: written by ensureSetup
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
                if (!call.endWritten) {
                    ensureSetup(call);
                    writeEnd(call);
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
        appendLine(call, call.setupNanos, EventType.CALL_SETUP.wireName(), call.setupData);
    }

    private void writeEnd(CallLog call) {
        reportLosses(call, call.endNanos, Long.MAX_VALUE); // everything dropped so far precedes the end
        Map<String, Object> data = new LinkedHashMap<>(4);
        data.put(EventFields.REASON, call.endReason);
        data.put("total_duration_ms", (call.endNanos - call.setupNanos) / 1_000_000.0);
        appendLine(call, call.endNanos, EventType.CALL_ENDED.wireName(), data);
        call.endWritten = true;
        endedSeqs.put(call.callId, call.nextSeq);
    }

    /**
     * Writes EVENTS_DROPPED where the gap is: ahead of the first event queued after the drops
     * ({@code droppedBefore} is the call's drop count when that event was queued).
     */
    private void reportLosses(CallLog call, long nanos, long droppedBefore) {
        long overflow = Math.min(droppedBefore, call.droppedOnOverflow.get());
        if (overflow > call.overflowReported) {
            appendLine(call, nanos, EventType.EVENTS_DROPPED.wireName(),
                    Map.of(EventFields.COUNT, overflow - call.overflowReported, EventFields.REASON, "queue_full"));
            call.overflowReported = overflow;
        }
        if (call.lostOnDisk > 0) {
            appendLine(call, nanos, EventType.EVENTS_DROPPED.wireName(),
                    Map.of(EventFields.COUNT, call.lostOnDisk, EventFields.REASON, "write_error"));
            call.lostOnDisk = 0;
        }
    }

    private void appendLine(CallLog call, long nanos, String type, Map<String, ?> data) {
        encoder.encode(call.pending, clock.format(nanos), call.encodedCallId, call.nextSeq++,
                (nanos - call.setupNanos) / 1000, type, data);
        call.pendingLines++;
        if (!call.dirty) {
            call.dirty = true;
            dirty.add(call);
        }
    }

    private void recordStage(String type, Map<String, ?> data) {
        Stage stage = STAGE_BY_COMPLETION.get(type);
        if (stage == null || data == null) {
            return;
        }
        Object duration = data.get(EventFields.DURATION_MS);
        if (duration instanceof Number) {
            Object provider = data.get(EventFields.PROVIDER);
            try {
                stages.stageCompleted(stage, provider == null ? "unknown" : provider.toString(),
                        ((Number) duration).doubleValue());
            } catch (RuntimeException e) {
                errorLog.error("stage latency metric failed", e);
            }
        }
    }

    private void flushDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (CallLog call : dirty) {
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
        int length = call.pending.size();
        if (length == 0) {
            finishIfEnded(call);
            return true;
        }
        FileChannel channel = null;
        long before = -1;
        try {
            channel = files.channelFor(call);
            before = call.knownSize;
            ByteBuffer buffer = call.pending.asByteBuffer();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            call.knownSize = before + length;
            counters.eventsWritten = counters.eventsWritten + call.pendingLines;
            counters.bytesWritten = counters.bytesWritten + length;
            call.pending.reset();
            call.pendingLines = 0;
            call.retryAtNanos = 0;
            call.backoffNanos = 0;
            finishIfEnded(call);
            return true;
        } catch (IOException | RuntimeException e) {
            counters.writeErrors.increment();
            errorLog.error("cannot write call log " + files.pathOf(call) + ": " + e, e);
            undoPartialWrite(channel, before);
            call.knownSize = -1;
            files.close(call);
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
            return false;
        }
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

    private void retryDue(long now, boolean force) {
        long retained = 0;
        for (Iterator<CallLog> it = retrying.iterator(); it.hasNext(); ) {
            CallLog call = it.next();
            if (call.pending.size() == 0 || ((force || now - call.retryAtNanos >= 0) && write(call, now))) {
                it.remove();
                call.retrying = false;
                call.retryAtNanos = 0;
                finishIfEnded(call);
            } else {
                retained += call.pending.size();
            }
        }
        for (Iterator<CallLog> it = retrying.iterator(); retained > MAX_RETAINED_TOTAL && it.hasNext(); ) {
            CallLog call = it.next();
            retained -= call.pending.size();
            discard(call);
        }
    }

    private void discard(CallLog call) {
        counters.eventsDropped.add(call.pendingLines);
        call.lostOnDisk += call.pendingLines;
        call.pending.reset();
        call.pendingLines = 0;
    }

    private void finishIfEnded(CallLog call) {
        if (call.endWritten && call.pending.size() == 0) {
            files.close(call);
        }
    }

    private static Map<String, Stage> stageByCompletion() {
        Map<String, Stage> map = new HashMap<>();
        for (Stage stage : Stage.values()) {
            map.put(stage.completeEvent().wireName(), stage);
        }
        return Map.copyOf(map);
    }
}
