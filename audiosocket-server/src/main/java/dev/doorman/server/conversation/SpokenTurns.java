package dev.doorman.server.conversation;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.StageTimer;
import dev.doorman.events.Party;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.Prompt;
import dev.doorman.server.call.PromptAudio;
import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.vad.Utterance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One party's side of a spoken conversation over a call leg, as a pipeline of stages: the VAD's
 * utterances (the call session runs the detector) are streamed into the {@link RecognitionStage}
 * while the party speaks; each transcript goes to the party's {@link Responder} on the
 * {@link UnderstandingStage}; the reply is synthesized sentence by sentence on the
 * {@link SynthesisStage} and played from its first sentence on. The visitor's intercom dialog and
 * the resident's authorization dialog both run on it.
 *
 * <p>Each stage has a bounded inbox and counts what it drops or merges ({@link PipelineMetrics}).
 * Interruptions flow downstream: a new utterance holds (and, once it turns out to have words,
 * drops) the replies to older turns, stopping a synthesis in progress; a hang-up empties every
 * stage and interrupts the work running. The stages of one leg run concurrently (the next
 * utterance is decoded while the last answer is synthesized), each one slice at a time.
 *
 * <p>Events: {@code TRANSCRIPTION_START/COMPLETE} (an empty transcript, noise, ends the turn
 * silently), {@code AI_PROCESSING_START/COMPLETE} around the responder, {@code SYNTHESIS_START/COMPLETE},
 * {@code RESPONSE_DROPPED}; the session logs {@code PLAYBACK_*}. A failed stage is logged as
 * {@code ERROR{stage,error_type,message}} and answered with the responder's fallback. The
 * {@code on...} methods are for the call's event loop; they only queue work.
 */
public final class SpokenTurns {
    /** Turns a party's words into the doorman's reply. Runs on the understanding stage, one call at a time. */
    public interface Responder {
        /** The party said something (the transcript is not empty). */
        Reply onTranscript(int turn, Transcript transcript);

        /** A stage failed on this turn (recognition, understanding): usually "could you say that again?". */
        Reply onStageFailure(int turn);

        /** Said when the reply itself cannot be synthesized. */
        String fallbackText();

        /** The utterance carried no words (noise, a cough): nothing is said; a party waiting for an answer may re-arm its no-input timer. */
        default void onNothingHeard(int turn) {
        }

        /** What the party is expected to say next, for the recognizer; asked after each piece of the dialog's work. */
        default RecognitionHints hints() {
            return RecognitionHints.NONE;
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

    private final SpeechPipeline speech;
    private final Party party;
    private final CallControl call;
    private final CallLogger logger;
    private final RecognitionStage recognition;
    private final UnderstandingStage understanding;
    private final SynthesisStage synthesis;
    private volatile Responder responder;
    private volatile RecognitionHints hints = RecognitionHints.NONE;
    private volatile int currentTurn;
    private volatile boolean ended;

    SpokenTurns(SpeechPipeline speech, Party party, CallControl call) {
        this.speech = speech;
        this.party = party;
        this.call = call;
        this.logger = call.logger();
        this.recognition = new RecognitionStage(speech.scheduler(), speech.recognizer(), party, logger, speech.load(),
                speech.metrics(), this::heard, () -> hints);
        this.understanding = new UnderstandingStage(speech.scheduler(), party, logger, speech.metrics());
        this.synthesis = new SynthesisStage(speech.scheduler(), speech.synthesizer(), party, logger, speech.metrics(),
                new Playout());
    }

    /** Sets who answers; before the first utterance (the responder is often built on the understanding stage). */
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
        recognition.open(turn, call.sampleRate());
        synthesis.speechStarted(turn);
    }

    public void onSpeechAudio(int turn, byte[] pcm, int off, int len) {
        recognition.audio(turn, call.sampleRate(), pcm, off, len);
    }

    public void onSpeechEnded(int turn, Utterance utterance) {
        speech.load().utterance(utterance.durationMs() / 1000.0);
        recognition.finish(turn, System.nanoTime(), utterance.pcm().length);
    }

    public void onCallEnded() {
        ended = true;
        recognition.hangUp();
        understanding.hangUp();
        synthesis.hangUp();
    }

    /**
     * A keypad turn: {@code reply} is asked in order with the dialog's other work (off the event loop)
     * and said as that turn's answer.
     */
    public void onKeys(int turn, Supplier<Reply> reply) {
        understanding.offer(() -> dialog(() -> {
            if (ended) {
                return;
            }
            currentTurn = turn;
            speak(turn, reply.get(), "dtmf");
        }));
    }

    /** Runs {@code task} in order with the dialog's other work (a greeting, an announcement). */
    public void run(Runnable task) {
        understanding.offer(() -> dialog(task));
    }

    /**
     * Runs {@code task} on the call thread once every reply given to {@link #speak} before it has
     * been synthesized and queued for playback (or dropped): e.g. to act after an answer is said.
     */
    public void afterReplies(Runnable task) {
        synthesis.barrier(task);
    }

    // --- stage side ---------------------------------------------------------------------------

    /**
     * Queues {@code reply} for {@code turn} (0 for a greeting) to be synthesized and played. A reply
     * with nothing to say that asks to hang up hangs up at once. Thread-safe.
     */
    public void speak(int turn, Reply reply, String label) {
        speak(turn, reply, label, 0);
    }

    private void speak(int turn, Reply reply, String label, long speechEndedNanos) {
        if (!reply.speaks()) {
            if (reply.hangup()) {
                call.runOnCallThread(call::hangup);
            }
            return;
        }
        Responder r = responder;
        synthesis.reply(new SynthesisStage.Job(turn, reply.text(), r == null ? null : r.fallbackText(), reply.hangup(),
                label, call.sampleRate(), speechEndedNanos));
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

    // The recognition stage's result: the interrupted replies learn whether it had words, the
    // responder gets it in order with everything else the dialog hears.
    private void heard(int turn, Transcript transcript, StageException failure, long endedNanos) {
        synthesis.heard(turn, failure != null || !transcript.isEmpty());
        if (failure != null && StageException.CANCELLED.equals(failure.errorType())) {
            return;
        }
        understanding.offer(() -> dialog(() -> understand(turn, transcript, failure, endedNanos)));
    }

    // Work of the dialog; what it expects next is read here, where the dialog is (one thread at a time),
    // for the recognition stage to open the next utterance's stream with.
    private void dialog(Runnable work) {
        try {
            work.run();
        } finally {
            Responder r = responder;
            if (r != null) {
                hints = r.hints();
            }
        }
    }

    private void understand(int turn, Transcript transcript, StageException failure, long endedNanos) {
        Responder r = responder;
        if (ended || r == null) {
            return;
        }
        currentTurn = turn;
        if (failure != null) {
            logStageError(turn, failure);
            speak(turn, r.onStageFailure(turn), "fallback", endedNanos);
            return;
        }
        if (transcript.isEmpty()) {
            r.onNothingHeard(turn); // noise: the doorman does not talk
            return;
        }
        StageTimer.AiProcessing ai = logger.startAiProcessing(party, turn, transcript.text());
        Reply reply;
        try {
            reply = r.onTranscript(turn, transcript);
        } catch (StageException e) {
            if (StageException.CANCELLED.equals(e.errorType())) {
                return;
            }
            logStageError(turn, e);
            reply = r.onStageFailure(turn);
        }
        ai.complete(reply.text());
        speak(turn, reply, "answer", endedNanos);
    }

    /** Plays each reply as a prompt that grows sentence by sentence; the answer's first frame is the turn's latency. */
    private final class Playout implements SynthesisStage.Output {
        @Override
        public void audio(SynthesisStage.Job job, byte[] pcm) {
            if (job.playback instanceof PromptAudio audio) {
                audio.append(pcm);
                return;
            }
            PromptAudio audio = PromptAudio.streaming();
            audio.append(pcm);
            job.playback = audio;
            long ended = job.speechEndedNanos;
            Runnable started = ended == 0 ? null
                    : () -> speech.metrics().turnLatency(party, System.nanoTime() - ended);
            call.play(new Prompt(audio, party, job.turn, job.label, started));
        }

        @Override
        public void done(SynthesisStage.Job job) {
            boolean played = job.playback instanceof PromptAudio;
            if (played) {
                ((PromptAudio) job.playback).finish();
            }
            if (job.hangup) {
                call.runOnCallThread(played ? call::hangupAfterPlayback : call::hangup);
            }
        }

        @Override
        public void barrier(Runnable task) {
            call.runOnCallThread(task);
        }
    }
}
