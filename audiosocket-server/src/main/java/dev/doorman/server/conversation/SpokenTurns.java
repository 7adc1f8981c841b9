package dev.doorman.server.conversation;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.StageTimer;
import dev.doorman.events.EventType;
import dev.doorman.events.Party;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.Prompt;
import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.vad.Utterance;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One party's side of a spoken conversation over a call leg: each utterance is streamed into a
 * recognition stream while the party speaks, its transcript goes to the party's {@link Responder},
 * and the reply is synthesized and queued for playback. The visitor's intercom dialog and the
 * resident's authorization dialog both run on it, with the same engines, VAD and barge-in.
 *
 * <p>The {@code on...} methods are called on the call's event loop and only queue work; the work
 * runs in order on a per-leg {@link SerialExecutor} over the shared worker pool:
 * {@code TRANSCRIPTION_START/COMPLETE} (an empty transcript, noise, ends the turn silently),
 * {@code AI_PROCESSING_START/COMPLETE} around the responder, {@code SYNTHESIS_START/COMPLETE}, and
 * the session logs {@code PLAYBACK_*}. A reply whose party has already finished a newer utterance
 * is stale and dropped ({@code RESPONSE_DROPPED}) unless it ends the call. A failed stage is logged
 * as {@code ERROR{stage,error_type,message}} and answered with the responder's fallback.
 */
public final class SpokenTurns {
    /** Turns a party's words into the doorman's reply. Runs on the serial executor, one call at a time. */
    public interface Responder {
        /** The party said something: the transcript is not empty. */
        Reply onTranscript(int turn, Transcript transcript);

        /** What the party is expected to say next, so the recognizer can favour it (asked as each utterance starts). */
        default RecognitionHints hints() {
            return RecognitionHints.NONE;
        }

        /** A stage failed on this turn (recognition, understanding): usually "could you say that again?". */
        Reply onStageFailure(int turn);

        /** Said when the reply itself cannot be synthesized. */
        String fallbackText();

        /** The utterance carried no words (noise, a cough): nothing is said; a party waiting for an answer may re-arm its no-input timer. */
        default void onNothingHeard(int turn) {
        }
    }

    /** What to say (null: nothing) and whether to hang up once it has been played. */
    public record Reply(String text, boolean hangup) {
        public static Reply silent() {
            return new Reply(null, false);
        }

        public boolean speaks() {
            return text != null && !text.isBlank();
        }
    }

    private final SpeechRecognizer recognizer;
    private final SpeechSynthesizer synthesizer;
    private final Party party;
    private final CallControl call;
    private final CallLogger logger;
    private final SerialExecutor serial;
    private Responder responder;

    // Owned by the serial executor's tasks (one at a time, in order).
    private RecognitionStream stream;
    private int streamTurn = -1;
    private StageException streamFailure;
    private volatile int currentTurn;

    // Written on the event loop, read by the tasks.
    private volatile int lastEndedTurn;
    private volatile boolean ended;

    public SpokenTurns(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer, Party party, CallControl call) {
        this.recognizer = recognizer;
        this.synthesizer = synthesizer;
        this.party = party;
        this.call = call;
        this.logger = call.logger();
        this.serial = new SerialExecutor(call.workers(), this::taskFailed);
    }

    /** Sets who answers; before the first utterance (the responder is often built on the serial executor). */
    public void respondWith(Responder responder) {
        this.responder = responder;
    }

    /** The turn being answered: the last utterance whose transcript reached the responder. */
    public int currentTurn() {
        return currentTurn;
    }

    /** True once the leg has ended. */
    public boolean ended() {
        return ended;
    }

    // --- event-loop side ----------------------------------------------------------------------

    public void onSpeechStarted(int turn) {
        int rate = call.sampleRate();
        serial.execute(() -> openStream(turn, rate));
    }

    public void onSpeechAudio(int turn, byte[] pcm, int off, int len) {
        byte[] chunk = Arrays.copyOfRange(pcm, off, off + len);
        serial.execute(() -> {
            if (stream != null && streamTurn == turn && streamFailure == null) {
                try {
                    stream.accept(chunk, 0, chunk.length);
                } catch (StageException e) {
                    streamFailure = e;
                }
            }
        });
    }

    public void onSpeechEnded(int turn, Utterance utterance) {
        lastEndedTurn = turn;
        long endedNanos = System.nanoTime();
        long audioBytes = utterance.pcm().length;
        serial.execute(() -> processTurn(turn, audioBytes, endedNanos));
    }

    public void onCallEnded() {
        ended = true;
        serial.execute(this::closeStream);
    }

    /**
     * A keypad turn: {@code reply} is asked in order with the spoken turns (off the event loop) and
     * said as that turn's answer.
     */
    public void onKeys(int turn, Supplier<Reply> reply) {
        serial.execute(() -> {
            if (ended) {
                return;
            }
            currentTurn = turn;
            speak(turn, reply.get(), "dtmf");
        });
    }

    /** Runs {@code task} in order with the turns, off the event loop (a greeting, an announcement). */
    public void run(Runnable task) {
        serial.execute(task);
    }

    // --- worker side ------------------------------------------------------------------------

    /**
     * Synthesizes and queues {@code reply} for {@code turn} (0 for a greeting). Call it from a task
     * given to {@link #run}. A reply with nothing to say that asks to hang up hangs up at once.
     */
    public void speak(int turn, Reply reply, String label) {
        if (!reply.speaks()) {
            if (reply.hangup()) {
                call.runOnCallThread(call::hangup);
            }
            return;
        }
        if (!reply.hangup() && lastEndedTurn > turn) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("turn", turn);
            data.put("reason", "newer_turn");
            data.put("newer_turn", lastEndedTurn);
            logger.logEvent(EventType.RESPONSE_DROPPED, data);
            return;
        }
        int rate = call.sampleRate();
        SynthesizedAudio audio = synthesize(turn, reply.text(), rate);
        String fallback = responder == null ? null : responder.fallbackText();
        if (audio == null && fallback != null && !reply.text().equals(fallback)) {
            audio = synthesize(turn, fallback, rate);
        }
        byte[] pcm = audio == null ? null : audio.pcm();
        boolean hangup = reply.hangup();
        call.runOnCallThread(() -> {
            if (pcm != null) {
                call.play(new Prompt(pcm, party, turn, label));
            }
            if (hangup) {
                if (pcm != null) {
                    call.hangupAfterPlayback();
                } else {
                    call.hangup();
                }
            }
        });
    }

    /** Logs a failed stage as {@code ERROR} with the turn. */
    public void logStageError(int turn, StageException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("turn", turn);
        if (party != Party.VISITOR) {
            details.put("source", party.wireName());
        }
        if (e.getCause() != null) {
            details.put("cause", e.getCause().toString());
        }
        logger.logError(e.errorType(), e.getMessage(), e.stage(), details);
    }

    private void openStream(int turn, int rate) {
        closeStream();
        streamTurn = turn;
        streamFailure = null;
        if (ended) {
            return;
        }
        try {
            stream = recognizer.open(rate, responder == null ? RecognitionHints.NONE : responder.hints());
        } catch (StageException e) {
            streamFailure = e;
        }
    }

    // Transcription time counts from the end of speech: it includes any backlog of streamed audio the
    // recognizer had not decoded yet and the wait for a worker, not only finish().
    private void processTurn(int turn, long audioBytes, long endedNanos) {
        if (ended || responder == null) {
            closeStream();
            return;
        }
        currentTurn = turn;
        StageTimer.Transcription stt = logger.startTranscription(party, turn, audioBytes, recognizer.provider(), endedNanos);
        Transcript transcript;
        try {
            if (streamFailure != null || stream == null || streamTurn != turn) {
                throw streamFailure != null ? streamFailure : new StageException("transcription",
                        StageException.ENGINE, "no recognition stream for turn " + turn);
            }
            transcript = stream.finish();
        } catch (StageException e) {
            logStageError(turn, e);
            speak(turn, responder.onStageFailure(turn), "fallback");
            return;
        } finally {
            closeStream();
        }
        stt.complete(transcript.text());
        if (transcript.isEmpty()) {
            responder.onNothingHeard(turn); // noise: the doorman does not talk
            return;
        }
        StageTimer.AiProcessing ai = logger.startAiProcessing(party, turn, transcript.text());
        Reply reply;
        try {
            reply = responder.onTranscript(turn, transcript);
        } catch (StageException e) {
            logStageError(turn, e);
            reply = responder.onStageFailure(turn);
        }
        ai.complete(reply.text());
        speak(turn, reply, "answer");
    }

    private SynthesizedAudio synthesize(int turn, String text, int rate) {
        StageTimer.Synthesis tts = logger.startSynthesis(party, turn, text, synthesizer.provider());
        try {
            SynthesizedAudio audio = synthesizer.synthesize(text, rate);
            tts.complete(audio.pcm().length, audio.durationMs(), audio.cached());
            return audio;
        } catch (StageException e) {
            logStageError(turn, e);
            return null;
        }
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

    private void taskFailed(Throwable t) {
        logger.logError(t instanceof RejectedExecutionException ? "overloaded" : "internal", String.valueOf(t),
                "dialog", party == Party.VISITOR ? Map.of() : Map.of("source", party.wireName()));
    }
}
