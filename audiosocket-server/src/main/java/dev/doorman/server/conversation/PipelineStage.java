package dev.doorman.server.conversation;

import dev.doorman.server.conversation.StageScheduler.Priority;

import java.util.function.Predicate;

/**
 * One stage of one call leg's pipeline (recognition, understanding, synthesis), in the manner of a
 * frame processor: its inbox is bounded by the subclass's policy (drop, merge), it runs one slice
 * of work at a time on the {@link StageScheduler} (so a leg's recognizer or dialog is only ever used
 * by one thread), and work can be cancelled while it runs: {@link #interruptIf} interrupts the
 * thread of a running slice, which engines answer with a {@code cancelled} failure.
 *
 * <p>Subclass methods named {@code ...Locked} run while holding {@link #lock}; {@link #process}
 * runs without it.
 */
abstract class PipelineStage<T> {
    protected final Object lock = new Object();
    private final StageScheduler scheduler;
    private boolean queued;
    private Priority queuedAt;
    private Thread runner;
    private T running;
    Object ticket; // the scheduler's, under its lock

    PipelineStage(StageScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The stage's name in metrics and events ("transcription", "understanding", "synthesis"). */
    abstract String name();

    /** True while the inbox holds work. */
    protected abstract boolean hasWorkLocked();

    /** How urgent the waiting work is. */
    protected abstract Priority priorityLocked();

    /** Removes the next slice of work from the inbox (null when there is none). */
    protected abstract T takeLocked();

    /** Does one slice of work. */
    protected abstract void process(T item);

    /** A slice threw: report it; the stage goes on with its next work. */
    protected abstract void failed(T item, RuntimeException e);

    /** Call while holding the lock after adding work: queues the stage or updates its place in line. */
    protected final void signalLocked() {
        if (runner != null) {
            return; // queued again when the running slice ends
        }
        Priority priority = priorityLocked();
        if (!queued || !priority.equals(queuedAt)) {
            queued = true;
            queuedAt = priority;
            scheduler.ready(this, priority);
        }
    }

    /**
     * The leg hung up: counts the {@code dropped} pieces of work that were waiting, and interrupts the
     * slice running now (counted as cancelled) when {@code matches} says it belongs to the call.
     */
    protected final void hungUp(PipelineMetrics metrics, int dropped, Predicate<? super T> matches) {
        if (dropped > 0) {
            metrics.dropped(name(), "hangup", dropped);
        }
        interruptIf(item -> {
            if (matches.test(item)) {
                metrics.cancelled(name(), "hangup");
                return true;
            }
            return false;
        });
    }

    /** Interrupts the slice running now when {@code matches} says its work is cancelled. */
    protected final void interruptIf(Predicate<? super T> matches) {
        synchronized (lock) {
            if (runner != null && matches.test(running)) {
                runner.interrupt();
            }
        }
    }

    // Called by a scheduler thread.
    final void runSlice() {
        T item;
        synchronized (lock) {
            queued = false; // this thread took the stage's only ticket
            queuedAt = null;
            if (runner != null) {
                return; // queued again while its slice was starting: that slice queues it when it ends
            }
            item = takeLocked();
            if (item == null) {
                return; // the work was withdrawn (cancelled) while it waited
            }
            runner = Thread.currentThread();
            running = item;
        }
        try {
            process(item);
        } catch (RuntimeException e) {
            failed(item, e);
        } finally {
            synchronized (lock) {
                runner = null;
                running = null;
                Thread.interrupted(); // a cancellation of this slice ends with it
                if (hasWorkLocked()) {
                    signalLocked();
                }
            }
        }
    }
}
