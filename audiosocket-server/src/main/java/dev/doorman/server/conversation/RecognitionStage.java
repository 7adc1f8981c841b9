package dev.doorman.server.conversation;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.StageTimer;
import dev.doorman.events.Party;
import dev.doorman.server.admission.EngineLoad;
import dev.doorman.server.conversation.StageScheduler.Priority;
import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.Transcript;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A leg's speech-to-text stage: each utterance's audio is streamed into a recognition stream while
 * the party speaks, and its transcript is handed on when the utterance has ended.
 *
 * <p>The inbox holds the utterances' boundaries and their audio; consecutive audio chunks of an
 * utterance merge into one waiting batch (a chunk that joins a batch is counted as merged), which
 * is decoded in slices of at most {@link #SLICE_MS}. At most {@link #MAX_BACKLOG_MS} of audio waits;
 * beyond it chunks are dropped, counted and reported once per utterance. Decoding of an utterance
 * still in progress yields to replies and to ended utterances; an ended one goes by its end of
 * speech. Each
 * slice's CPU time goes into the {@link EngineLoad}. A hang-up empties the inbox and closes the
 * stream at once; a slice running then is interrupted (remote engines stop waiting).
 */
final class RecognitionStage extends PipelineStage<RecognitionStage.Work> {
    static final String NAME = "transcription";
    static final int SLICE_MS = 250;
    static final int MAX_BACKLOG_MS = 30_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Where transcripts go. */
    interface Listener {
        /** The utterance's transcript ({@code failure} null) or why there is none. Called on a stage thread. */
        void heard(int turn, Transcript transcript, StageException failure, long endedNanos);
    }

    sealed interface Work permits Open, Audio, Finish, Close {
    }

    record Open(int turn, int sampleRate) implements Work {
    }

    /** A batch of one utterance's audio ({@code pcm[start, end)}), growing while it waits. */
    static final class Audio implements Work {
        final int turn;
        final int sampleRate;
        final long sinceNanos;
        byte[] pcm;
        int start;
        int end;

        Audio(int turn, int sampleRate, byte[] chunk, int off, int len) {
            this.turn = turn;
            this.sampleRate = sampleRate;
            this.sinceNanos = System.nanoTime();
            this.pcm = Arrays.copyOfRange(chunk, off, off + len);
            this.end = len;
        }

        int length() {
            return end - start;
        }

        void append(byte[] chunk, int off, int len) {
            if (end + len > pcm.length) {
                byte[] bigger = new byte[Math.max(2 * length(), length() + len) + 4096];
                System.arraycopy(pcm, start, bigger, 0, length());
                end = length();
                start = 0;
                pcm = bigger;
            }
            System.arraycopy(chunk, off, pcm, end, len);
            end += len;
        }

        /** Takes the first {@code bytes} off the batch. */
        Audio cut(int bytes) {
            Audio slice = new Audio(turn, sampleRate, pcm, start, bytes);
            start += bytes;
            return slice;
        }

        double seconds() {
            return length() / 2.0 / sampleRate;
        }
    }

    record Finish(int turn, long endedNanos, long audioBytes) implements Work {
    }

    record Close() implements Work {
    }

    private final SpeechRecognizer recognizer;
    private final Party party;
    private final CallLogger logger;
    private final EngineLoad load;
    private final PipelineMetrics metrics;
    private final Listener listener;
    private final Supplier<RecognitionHints> hints;
    private final ArrayDeque<Work> inbox = new ArrayDeque<>();
    private int queuedBytes; // audio waiting, under the lock
    private int droppedTurn = -1;

    // Used by the stage's slices only (one at a time).
    private RecognitionStream stream;
    private int streamTurn = -1;
    private StageException streamFailure;

    RecognitionStage(StageScheduler scheduler, SpeechRecognizer recognizer, Party party, CallLogger logger,
                     EngineLoad load, PipelineMetrics metrics, Listener listener, Supplier<RecognitionHints> hints) {
        super(scheduler);
        this.recognizer = recognizer;
        this.party = party;
        this.logger = logger;
        this.load = load;
        this.metrics = metrics;
        this.listener = listener;
        this.hints = hints;
    }

    @Override
    String name() {
        return NAME;
    }

    // --- the call's side ------------------------------------------------------------------

    void open(int turn, int sampleRate) {
        offer(new Open(turn, sampleRate));
    }

    void audio(int turn, int sampleRate, byte[] pcm, int off, int len) {
        if (len <= 0) {
            return;
        }
        boolean overflow;
        synchronized (lock) {
            overflow = (queuedBytes + len) / 2L * 1000 / sampleRate > MAX_BACKLOG_MS;
            if (!overflow) {
                queuedBytes += len;
                if (inbox.peekLast() instanceof Audio batch && batch.turn == turn) {
                    batch.append(pcm, off, len);
                    metrics.merged(NAME);
                } else {
                    inbox.add(new Audio(turn, sampleRate, pcm, off, len));
                }
                signalLocked();
            }
        }
        if (overflow) {
            metrics.dropped(NAME, "inbox_full");
            reportDrop(turn, sampleRate);
        } else {
            load.backlog(len / 2.0 / sampleRate);
        }
    }

    void finish(int turn, long endedNanos, long audioBytes) {
        offer(new Finish(turn, endedNanos, audioBytes));
    }

    /** The leg ended: forget the waiting work and release the stream. */
    void hangUp() {
        int dropped;
        double backlog;
        synchronized (lock) {
            dropped = 0;
            for (Work w : inbox) {
                if (w instanceof Finish) {
                    dropped++;
                }
            }
            backlog = -queuedBytesSeconds();
            queuedBytes = 0;
            inbox.clear();
            inbox.add(new Close());
            signalLocked();
        }
        load.backlog(backlog);
        hungUp(metrics, dropped, work -> !(work instanceof Close));
    }

    private void offer(Work work) {
        synchronized (lock) {
            inbox.add(work);
            signalLocked();
        }
    }

    private void reportDrop(int turn, int sampleRate) {
        boolean first;
        synchronized (lock) {
            first = droppedTurn != turn;
            droppedTurn = turn;
        }
        if (first) {
            logger.logError("overloaded", "more than " + MAX_BACKLOG_MS + " ms of audio waiting for the recognizer:"
                    + " audio of this turn dropped", NAME, Map.of("turn", turn, "sample_rate", sampleRate));
        }
    }

    private double queuedBytesSeconds() {
        double seconds = 0;
        for (Work w : inbox) {
            if (w instanceof Audio a) {
                seconds += a.seconds();
            }
        }
        return seconds;
    }

    // --- the scheduler's side -------------------------------------------------------------

    @Override
    protected boolean hasWorkLocked() {
        return !inbox.isEmpty();
    }

    @Override
    protected Priority priorityLocked() {
        for (Work w : inbox) {
            if (w instanceof Finish f) {
                return new Priority(Priority.ENDED_SPEECH, f.endedNanos());
            }
        }
        Work head = inbox.peekFirst();
        if (head instanceof Close) {
            return Priority.reply(System.nanoTime()); // releasing the stream is quick
        }
        return new Priority(Priority.STREAMING, head instanceof Audio a ? a.sinceNanos : System.nanoTime());
    }

    @Override
    protected Work takeLocked() {
        Work head = inbox.peekFirst();
        if (!(head instanceof Audio batch)) {
            return inbox.pollFirst();
        }
        int sliceBytes = batch.sampleRate * 2 * SLICE_MS / 1000;
        if (batch.length() <= sliceBytes) {
            inbox.pollFirst();
            queuedBytes -= batch.length();
            return batch;
        }
        queuedBytes -= sliceBytes;
        return batch.cut(sliceBytes);
    }

    @Override
    protected void process(Work work) {
        if (work instanceof Open open) {
            openStream(open);
        } else if (work instanceof Audio audio) {
            decode(audio);
        } else if (work instanceof Finish finish) {
            finishTurn(finish);
        } else {
            closeStream();
        }
    }

    @Override
    protected void failed(Work work, RuntimeException e) {
        logger.logError("internal", String.valueOf(e), NAME, party == Party.VISITOR ? Map.of()
                : Map.of("source", party.wireName()));
    }

    private void openStream(Open open) {
        closeStream();
        streamTurn = open.turn();
        streamFailure = null;
        try {
            stream = recognizer.open(open.sampleRate(), hints.get());
        } catch (StageException e) {
            streamFailure = e;
        }
    }

    private void decode(Audio audio) {
        load.backlog(-audio.seconds());
        if (stream == null || streamTurn != audio.turn || streamFailure != null) {
            return;
        }
        long cpu = THREADS.getCurrentThreadCpuTime();
        try {
            stream.accept(audio.pcm, audio.start, audio.length());
        } catch (StageException e) {
            streamFailure = e;
        }
        load.decoded(audio.seconds(), THREADS.getCurrentThreadCpuTime() - cpu);
    }

    // Transcription time counts from the end of speech: it includes the backlog of audio the
    // recognizer had not decoded yet and the wait for a thread, not only finish().
    private void finishTurn(Finish finish) {
        int turn = finish.turn();
        StageTimer.Transcription timer = logger.startTranscription(party, turn, finish.audioBytes(),
                recognizer.provider(), finish.endedNanos());
        Transcript transcript = null;
        StageException failure;
        try {
            if (streamFailure != null || stream == null || streamTurn != turn) {
                throw streamFailure != null ? streamFailure : new StageException(NAME, StageException.ENGINE,
                        "no recognition stream for turn " + turn);
            }
            long cpu = THREADS.getCurrentThreadCpuTime();
            transcript = stream.finish();
            load.decoded(0, THREADS.getCurrentThreadCpuTime() - cpu);
            failure = null;
        } catch (StageException e) {
            failure = e;
        } finally {
            closeStream();
        }
        if (failure == null) {
            timer.complete(transcript.text());
        }
        listener.heard(turn, transcript, failure, finish.endedNanos());
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (RuntimeException ignored) {
                // closing a broken stream must not end the turn
            }
            stream = null;
        }
    }
}
