package dev.doorman.server.resident;

import dev.doorman.events.Party;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.PlaybackResult;
import dev.doorman.server.conversation.NoInputTimer;
import dev.doorman.server.conversation.SpeechPipeline;
import dev.doorman.server.conversation.SpokenTurns;
import dev.doorman.server.conversation.SpokenTurns.Reply;
import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.RecognitionVocabulary;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.vad.Utterance;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The resident's call leg: runs the {@link ResidentDialog} over the leg's audio with the same
 * engines, VAD and barge-in as the visitor's leg, re-asks after {@code noInput} of silence, and
 * reports to its {@link Events} (the visit's {@link ResidentCall}). After a decision it says its
 * closing words and hangs up.
 */
final class ResidentCallBehavior implements CallBehavior, SpokenTurns.Responder {
    /** What the visit's coordinator hears from the leg. */
    interface Events {
        /** The leg is up; false means it came too late and hangs up at once. Event loop thread. */
        boolean connected(ResidentCallBehavior leg);

        /** The resident decided (or the dialog gave up). Worker thread, before the closing words are said. */
        void decided(ResidentDecision decision);

        /** The leg ended (Asterisk's or our hang-up). Event loop thread. */
        void ended(String reason);
    }

    private final SpeechPipeline speech;
    private final Function<CallControl, ResidentDialog> dialogs;
    private final Supplier<RecognitionVocabulary> vocabulary;
    private final Duration noInputAfter;
    private final Events events;

    private CallControl call;
    private SpokenTurns turns;
    private ResidentDialog dialog; // used on the serial executor only
    private NoInputTimer noInput;
    private volatile boolean asking;

    ResidentCallBehavior(SpeechPipeline speech, Function<CallControl, ResidentDialog> dialogs,
                         Supplier<RecognitionVocabulary> vocabulary, Duration noInput, Events events) {
        this.speech = speech;
        this.dialogs = dialogs;
        this.vocabulary = vocabulary;
        this.noInputAfter = noInput;
        this.events = events;
    }

    /** Hangs the leg up now (the visitor left). Thread-safe. */
    void hangUp() {
        CallControl c = call;
        if (c != null) {
            c.runOnCallThread(c::hangup);
        }
    }

    @Override
    public void onCallStarted(CallControl call) {
        this.call = call;
        this.turns = speech.open(Party.RESIDENT, call);
        this.noInput = new NoInputTimer(call, noInputAfter, () -> turns.run(() -> {
            if (dialog != null) {
                apply(turns.currentTurn(), dialog.onNoInput(), "no_input");
            }
        }));
        turns.respondWith(this);
        if (!events.connected(this)) {
            call.hangup();
            return;
        }
        turns.run(() -> {
            dialog = dialogs.apply(call);
            asking = true;
            apply(0, dialog.start(), "question");
        });
    }

    @Override
    public void onSpeechStarted(CallControl call, int turn) {
        noInput.cancel();
        turns.onSpeechStarted(turn);
    }

    @Override
    public void onSpeechAudio(CallControl call, int turn, byte[] pcm, int off, int len) {
        turns.onSpeechAudio(turn, pcm, off, len);
    }

    @Override
    public void onSpeechEnded(CallControl call, int turn, Utterance utterance) {
        turns.onSpeechEnded(turn, utterance);
    }

    @Override
    public void onDtmf(CallControl call, int turn, char digit) {
        noInput.cancel();
        turns.onKeys(turn, () -> dialog == null ? Reply.silent() : reply(dialog.onDtmf(digit)));
    }

    @Override
    public void onPlaybackFinished(CallControl call, PlaybackResult result) {
        // The question has been heard in full: give the resident noInput to answer.
        if (asking && !result.interrupted() && !call.isPlaying()) {
            noInput.arm();
        }
    }

    @Override
    public void onCallEnded(CallControl call, String reason) {
        if (noInput != null) {
            noInput.cancel();
        }
        if (turns != null) {
            turns.onCallEnded();
        }
        events.ended(reason);
    }

    // --- SpokenTurns.Responder (serial executor) -----------------------------------------------

    @Override
    public Reply onTranscript(int turn, Transcript transcript) {
        return reply(dialog.onTranscript(turn, transcript.text()));
    }

    /** The resident answers a yes/no question (or asks who it is): decoded with the grammar of the intercom's words. */
    @Override
    public RecognitionHints hints() {
        return RecognitionHints.expecting(RecognitionHints.Expectation.YES_NO).with(vocabulary.get());
    }

    @Override
    public Reply onStageFailure(int turn) {
        return reply(dialog.onNoInput());
    }

    @Override
    public String fallbackText() {
        return null;
    }

    @Override
    public void onNothingHeard(int turn) {
        if (asking) {
            call.runOnCallThread(noInput::arm);
        }
    }

    private void apply(int turn, ResidentDialog.Step step, String label) {
        turns.speak(turn, reply(step), label);
    }

    private Reply reply(ResidentDialog.Step step) {
        if (step.decides()) {
            asking = false;
            events.decided(step.decision());
        }
        return new Reply(step.text(), step.decides());
    }
}
