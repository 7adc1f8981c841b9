package dev.doorman.server.conversation;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.StageTimer;
import dev.doorman.events.EventType;
import dev.doorman.events.Party;
import dev.doorman.server.conversation.StageScheduler.Priority;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A leg's text-to-speech stage: replies are synthesized in order, sentence by sentence, and each
 * sentence is handed to the {@link Output} (playback) as soon as it is ready.
 *
 * <p>Interruption: when the party starts a new utterance, replies to older turns that are waiting
 * or being synthesized stop (the thread of a running synthesis is interrupted) and are held; once
 * the new utterance's transcript is known, they are dropped ({@code RESPONSE_DROPPED{reason:
 * "newer_turn"}}) if it had words, or synthesized again if it was only noise (a cough must not eat
 * the doorman's answer). A reply that already started playing is not held: barge-in stopped it.
 * Replies that end the call are never held or dropped. A hang-up drops everything. The inbox holds
 * at most {@link #CAPACITY} replies; past that the oldest reply that does not end the call is
 * dropped, counted and reported.
 */
final class SynthesisStage extends PipelineStage<SynthesisStage.Item> {
    static final String NAME = "synthesis";
    static final int CAPACITY = 8;

    sealed interface Item permits Job, Barrier {
    }

    /** One reply to synthesize and play. */
    static final class Job implements Item {
        final int turn;
        final String text;
        final String fallback;
        final boolean hangup;
        final String label;
        final int sampleRate;
        /** The end of the speech this reply answers ({@code System.nanoTime()}), or 0. */
        final long speechEndedNanos;
        final long sinceNanos;
        volatile boolean cancelled;
        volatile boolean playing;
        Object playback; // the Output's, for this job

        Job(int turn, String text, String fallback, boolean hangup, String label, int sampleRate, long speechEndedNanos) {
            this(turn, text, fallback, hangup, label, sampleRate, speechEndedNanos, System.nanoTime());
        }

        private Job(int turn, String text, String fallback, boolean hangup, String label, int sampleRate,
                    long speechEndedNanos, long sinceNanos) {
            this.turn = turn;
            this.text = text;
            this.fallback = fallback;
            this.hangup = hangup;
            this.label = label;
            this.sampleRate = sampleRate;
            this.speechEndedNanos = speechEndedNanos;
            this.sinceNanos = sinceNanos;
        }

        /** The same reply, to be synthesized again from the start. */
        Job again() {
            return new Job(turn, text, fallback, hangup, label, sampleRate, speechEndedNanos, sinceNanos);
        }

        long since() {
            return speechEndedNanos != 0 ? speechEndedNanos : sinceNanos;
        }
    }

    /** Runs {@code task} on the call thread once every reply queued before it was handed on. */
    record Barrier(Runnable task, long sinceNanos) implements Item {
    }

    /** Where the audio goes (the call's playback). Called on a stage thread. */
    interface Output {
        /** A piece of the reply's audio; the first one starts its prompt. */
        void audio(Job job, byte[] pcm);

        /** The reply has no more audio (complete, failed or cancelled); hang up after it if it asks to. */
        void done(Job job);

        void barrier(Runnable task);
    }

    private final SpeechSynthesizer synthesizer;
    private final Party party;
    private final CallLogger logger;
    private final PipelineMetrics metrics;
    private final Output output;
    private final ArrayDeque<Item> inbox = new ArrayDeque<>();
    private final List<Job> held = new ArrayList<>();
    private final TreeSet<Integer> unresolvedSpeech = new TreeSet<>();
    private Job running;
    private boolean closed;

    SynthesisStage(StageScheduler scheduler, SpeechSynthesizer synthesizer, Party party, CallLogger logger,
                   PipelineMetrics metrics, Output output) {
        super(scheduler);
        this.synthesizer = synthesizer;
        this.party = party;
        this.logger = logger;
        this.metrics = metrics;
        this.output = output;
    }

    @Override
    String name() {
        return NAME;
    }

    // --- the leg's side -------------------------------------------------------------------------

    void reply(Job job) {
        Job dropped = null;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (heldBack(job)) {
                held.add(job);
                return;
            }
            if (jobs() >= CAPACITY) {
                dropped = oldestDroppable();
                if (dropped == null && !job.hangup) {
                    dropped = job;
                } else if (dropped != null) {
                    inbox.remove(dropped);
                }
            }
            if (dropped != job) {
                inbox.add(job);
                signalLocked();
            }
        }
        if (dropped != null) {
            metrics.dropped(NAME, "inbox_full");
            logger.logError("overloaded", "too many replies waiting for synthesis (" + CAPACITY + "): one dropped",
                    NAME, Map.of("turn", dropped.turn));
        }
    }

    void barrier(Runnable task) {
        synchronized (lock) {
            if (!closed) {
                inbox.add(new Barrier(task, System.nanoTime()));
                signalLocked();
            }
        }
    }

    /** The party started utterance {@code turn}: replies to older turns wait for its transcript. */
    void speechStarted(int turn) {
        synchronized (lock) {
            unresolvedSpeech.add(turn);
            for (Iterator<Item> it = inbox.iterator(); it.hasNext(); ) {
                if (it.next() instanceof Job job && heldBack(job)) {
                    it.remove();
                    held.add(job);
                }
            }
            if (running != null && !running.hangup && running.turn < turn) {
                running.cancelled = true;
                if (!running.playing) {
                    held.add(running.again());
                }
            }
        }
        interruptIf(item -> {
            if (item instanceof Job job && job.cancelled) {
                metrics.cancelled(NAME, job.playing ? "barge_in" : "newer_turn");
                return true;
            }
            return false;
        });
    }

    /** The transcript of utterance {@code turn} is known: held replies are dropped (it had words) or go on. */
    void heard(int turn, boolean words) {
        List<Job> dropped = new ArrayList<>();
        synchronized (lock) {
            unresolvedSpeech.remove(turn);
            List<Item> resumed = new ArrayList<>(inbox);
            for (Iterator<Job> it = held.iterator(); it.hasNext(); ) {
                Job job = it.next();
                if (words && job.turn < turn) {
                    it.remove();
                    dropped.add(job);
                } else if (!heldBack(job)) {
                    it.remove();
                    resumed.add(job);
                }
            }
            if (resumed.size() > inbox.size()) { // in the order they were queued
                resumed.sort((a, b) -> Long.compare(created(a) - created(b), 0));
                inbox.clear();
                inbox.addAll(resumed);
            }
            if (!inbox.isEmpty()) {
                signalLocked();
            }
        }
        for (Job job : dropped) {
            metrics.dropped(NAME, "newer_turn");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("turn", job.turn);
            data.put("reason", "newer_turn");
            data.put("newer_turn", turn);
            logger.logEvent(EventType.RESPONSE_DROPPED, data);
        }
    }

    /** The leg ended: nothing more is said. */
    void hangUp() {
        int dropped;
        synchronized (lock) {
            closed = true;
            dropped = held.size();
            for (Item item : inbox) {
                if (item instanceof Job) {
                    dropped++;
                }
            }
            held.clear();
            inbox.clear();
            if (running != null) {
                running.cancelled = true;
            }
        }
        hungUp(metrics, dropped, item -> item instanceof Job);
    }

    private boolean heldBack(Job job) {
        return !job.hangup && !unresolvedSpeech.isEmpty() && unresolvedSpeech.last() > job.turn;
    }

    private int jobs() {
        int n = 0;
        for (Item item : inbox) {
            if (item instanceof Job) {
                n++;
            }
        }
        return n;
    }

    private Job oldestDroppable() {
        for (Item item : inbox) {
            if (item instanceof Job job && !job.hangup) {
                return job;
            }
        }
        return null;
    }

    private static long created(Item item) {
        return item instanceof Job job ? job.sinceNanos : ((Barrier) item).sinceNanos();
    }

    // --- the scheduler's side ------------------------------------------------------------------

    @Override
    protected boolean hasWorkLocked() {
        return !inbox.isEmpty();
    }

    @Override
    protected Priority priorityLocked() {
        Item head = inbox.peekFirst();
        long since = head instanceof Job job ? job.since() : head instanceof Barrier b ? b.sinceNanos() : System.nanoTime();
        return Priority.reply(since);
    }

    @Override
    protected Item takeLocked() {
        Item next = inbox.pollFirst();
        running = next instanceof Job job ? job : null;
        return next;
    }

    @Override
    protected void process(Item item) {
        try {
            if (item instanceof Barrier barrier) {
                output.barrier(barrier.task());
            } else {
                speak((Job) item);
            }
        } finally {
            synchronized (lock) {
                running = null;
            }
        }
    }

    @Override
    protected void failed(Item item, RuntimeException e) {
        logger.logError("internal", String.valueOf(e), NAME, Map.of());
        if (item instanceof Job job) {
            output.done(job);
        }
    }

    private void speak(Job job) {
        try {
            if (!synthesize(job, job.text) && !job.cancelled && job.fallback != null && !job.playing
                    && !job.text.equals(job.fallback)) {
                synthesize(job, job.fallback);
            }
        } finally {
            output.done(job);
        }
    }

    // Synthesizes text into the job's prompt; false when it failed (logged) or was cancelled.
    private boolean synthesize(Job job, String text) {
        if (job.cancelled) {
            return false;
        }
        StageTimer.Synthesis timer = logger.startSynthesis(party, job.turn, text, synthesizer.provider());
        long[] firstAudio = {0};
        try {
            SynthesizedAudio audio = synthesizer.synthesize(text, job.sampleRate, pcm -> {
                if (firstAudio[0] == 0) {
                    firstAudio[0] = System.nanoTime();
                }
                synchronized (lock) { // atomic with speechStarted: either held, or playing, never both
                    if (job.cancelled) {
                        return;
                    }
                    job.playing = true;
                }
                output.audio(job, pcm);
            });
            timer.complete(audio.pcm().length, audio.durationMs(), audio.cached(),
                    (firstAudio[0] - timer.startNanos()) / 1e6);
            return true;
        } catch (StageException e) {
            if (job.cancelled || StageException.CANCELLED.equals(e.errorType())) {
                return false;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("turn", job.turn);
            if (party != Party.VISITOR) {
                details.put("source", party.wireName());
            }
            if (e.getCause() != null) {
                details.put("cause", e.getCause().toString());
            }
            logger.logError(e.errorType(), e.getMessage(), e.stage(), details);
            return false;
        }
    }
}
