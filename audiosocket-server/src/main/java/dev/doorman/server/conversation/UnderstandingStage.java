package dev.doorman.server.conversation;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.events.Party;
import dev.doorman.server.conversation.StageScheduler.Priority;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * A leg's dialog stage: the party's transcripts, keypad digits, timers and the other leg's news all
 * reach the dialog here, one at a time and in order (the dialog is not thread-safe and needs no
 * locks). Its work is short and somebody waits for it: it goes before any decoding.
 *
 * <p>The inbox holds at most {@link #CAPACITY} tasks; more (a keypad flood) are dropped, counted and
 * reported as {@code ERROR{error_type:"overloaded"}}. A hang-up drops what waits and interrupts a
 * task in progress (a remote chat model stops waiting).
 */
final class UnderstandingStage extends PipelineStage<UnderstandingStage.Task> {
    static final String NAME = "understanding";
    static final int CAPACITY = 32;

    record Task(Runnable work, long sinceNanos) {
    }

    private final Party party;
    private final CallLogger logger;
    private final PipelineMetrics metrics;
    private final ArrayDeque<Task> inbox = new ArrayDeque<>();
    private boolean closed;

    UnderstandingStage(StageScheduler scheduler, Party party, CallLogger logger, PipelineMetrics metrics) {
        super(scheduler);
        this.party = party;
        this.logger = logger;
        this.metrics = metrics;
    }

    @Override
    String name() {
        return NAME;
    }

    /** Queues {@code work}; false when it was dropped (the inbox is full or the leg has ended). */
    boolean offer(Runnable work) {
        boolean full;
        synchronized (lock) {
            if (closed) {
                return false;
            }
            full = inbox.size() >= CAPACITY;
            if (!full) {
                inbox.add(new Task(work, System.nanoTime()));
                signalLocked();
            }
        }
        if (full) {
            metrics.dropped(NAME, "inbox_full");
            logger.logError("overloaded", "the dialog's inbox is full (" + CAPACITY + " tasks): one dropped", NAME,
                    details());
        }
        return !full;
    }

    /** The leg ended: drop what waits, stop what runs. */
    void hangUp() {
        int dropped;
        synchronized (lock) {
            closed = true;
            dropped = inbox.size();
            inbox.clear();
        }
        hungUp(metrics, dropped, task -> true);
    }

    @Override
    protected boolean hasWorkLocked() {
        return !inbox.isEmpty();
    }

    @Override
    protected Priority priorityLocked() {
        return Priority.reply(inbox.isEmpty() ? System.nanoTime() : inbox.peekFirst().sinceNanos());
    }

    @Override
    protected Task takeLocked() {
        return inbox.pollFirst();
    }

    @Override
    protected void process(Task task) {
        task.work().run();
    }

    @Override
    protected void failed(Task task, RuntimeException e) {
        logger.logError("internal", String.valueOf(e), "dialog", details());
    }

    private Map<String, Object> details() {
        return party == Party.VISITOR ? Map.of() : Map.of("source", party.wireName());
    }
}
