package dev.doorman.server.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the pipeline stages of every call on a fixed set of threads, most urgent first. A stage with
 * work waits in one ready queue (once, however much work it has); a thread takes the most urgent
 * stage, runs one slice of its work (one reply, one transcript, a few hundred milliseconds of
 * audio) and puts it back if more is left. First come the replies (understanding and synthesis:
 * short, and a party is waiting), then the rest of utterances that have ended (the party waits on
 * its decoding), oldest end first, then the streaming decoding of speech still in progress, the
 * most behind first. So when the engines fall behind, an answer is late by its own backlog, not by
 * everyone's, and an answer that is ready is never stuck behind somebody else's decoding.
 *
 * <p>With as many threads as cores, CPU-bound engines (Vosk, FreeTTS) never run more slices at
 * once than the machine can; remote engines, which mostly wait, want more threads.
 */
public final class StageScheduler implements AutoCloseable {
    /** Where a stage stands in line: lower rank first, then older {@code sinceNanos} first. */
    public record Priority(int rank, long sinceNanos) {
        /** Understanding and synthesis: short work a party is waiting for. */
        public static final int REPLY = 0;
        /** Decoding the rest of an utterance that has ended. */
        public static final int ENDED_SPEECH = 1;
        /** Decoding speech still in progress. */
        public static final int STREAMING = 2;

        public static Priority reply(long sinceNanos) {
            return new Priority(REPLY, sinceNanos);
        }
    }

    private record Ticket(PipelineStage<?> stage, Priority priority, long seq) implements Comparable<Ticket> {
        @Override
        public int compareTo(Ticket o) {
            if (priority.rank() != o.priority.rank()) {
                return Integer.compare(priority.rank(), o.priority.rank());
            }
            int c = Long.compare(priority.sinceNanos() - o.priority.sinceNanos(), 0); // nanoTime order
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Ticket> ready = new PriorityQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private long nextSeq;
    private boolean closed;

    /** @param threads how many slices run at once */
    public StageScheduler(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the pipeline needs at least one thread, got " + threads);
        }
        for (int i = 1; i <= threads; i++) {
            Thread t = new Thread(this::work, "doorman-stage-" + i);
            t.setDaemon(true);
            this.threads.add(t);
            t.start();
        }
    }

    public int threads() {
        return threads.size();
    }

    /** Stages waiting for a thread. */
    public synchronized int waiting() {
        return ready.size();
    }

    /** Slices running now. */
    public int busy() {
        return running.get();
    }

    // Queues the stage; its previous ticket (if still waiting) is replaced (the priority changed).
    synchronized void ready(PipelineStage<?> stage, Priority priority) {
        if (closed) {
            return;
        }
        if (stage.ticket instanceof Ticket waiting) {
            ready.remove(waiting);
        }
        Ticket ticket = new Ticket(stage, priority, nextSeq++);
        stage.ticket = ticket;
        ready.add(ticket);
        notify();
    }

    private void work() {
        while (true) {
            PipelineStage<?> stage;
            synchronized (this) {
                while (ready.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // a cancellation that arrived after its slice ended: nothing to stop
                    }
                }
                if (closed) {
                    return;
                }
                Ticket ticket = ready.poll();
                stage = ticket.stage();
                stage.ticket = null;
            }
            running.incrementAndGet();
            try {
                stage.runSlice();
            } finally {
                running.decrementAndGet();
            }
        }
    }

    /** Stops the threads; slices running finish, waiting stages are left. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            ready.clear();
            notifyAll();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
