package dev.doorman.server.dialog;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.events.Party;
import dev.doorman.server.admission.AdmissionControl;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.PlaybackResult;
import dev.doorman.server.conversation.NoInputTimer;
import dev.doorman.server.conversation.SpeechPipeline;
import dev.doorman.server.conversation.SpokenTurns;
import dev.doorman.server.conversation.SpokenTurns.Reply;
import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.vad.Utterance;
import dev.doorman.server.resident.ResidentCall;
import dev.doorman.server.resident.ResidentDecision;
import dev.doorman.server.resident.ResidentService;
import dev.doorman.server.resident.Visit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One call's intercom dialog over audio: the visitor's side of the conversation runs on
 * {@link SpokenTurns} (streaming recognition, the {@link IntercomDialog}, synthesis, playback); when
 * the dialog decides to ring the resident, a {@link ResidentCall} places the second leg and this
 * behavior keeps the visitor informed (please wait, still calling, answered) until the outcome is
 * told and the doorman says goodbye. Silence after a question is answered by the dialog's no-input
 * re-prompt. Callbacks arrive on the call's event loop and only queue work.
 */
public final class IntercomCallBehavior implements CallBehavior, SpokenTurns.Responder, ResidentCall.VisitorSide {
    private final SpeechPipeline speech;
    private final DialogSetup setup;
    private final ResidentService residents;
    private final AdmissionControl.Permit permit;

    // Event-loop state.
    private CallControl call;
    private CallLogger logger;
    private SpokenTurns turns;
    private NoInputTimer noInput;
    private volatile ResidentCall residentCall;

    // Owned by the serial executor's tasks.
    private IntercomDialog dialog;

    /** @param permit the visit's place under admission control, released when the call ends; or null */
    public IntercomCallBehavior(SpeechPipeline speech, DialogSetup setup, ResidentService residents,
                                AdmissionControl.Permit permit) {
        this.speech = speech;
        this.setup = setup;
        this.residents = residents;
        this.permit = permit;
    }

    @Override
    public void onCallStarted(CallControl call) {
        this.call = call;
        this.logger = call.logger();
        this.turns = speech.open(Party.VISITOR, call);
        this.noInput = new NoInputTimer(call, setup.config().noInput(), () -> turns.run(() -> {
            if (dialog != null && !dialog.isOver()) {
                turns.speak(turns.currentTurn(), reply(dialog.onNoInput()), "no_input");
            }
        }));
        turns.respondWith(this);
        turns.run(() -> {
            dialog = setup.newDialog(logger, turns::currentTurn);
            DialogResponse greeting = dialog.start();
            logger.logGreeting(greeting.text());
            turns.speak(0, reply(greeting), "greeting");
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
        // A question heard in full and nothing more queued: the visitor's turn to answer.
        if (!result.interrupted() && !call.isPlaying() && residentCall == null) {
            noInput.arm();
        }
    }

    @Override
    public void onCallEnded(CallControl call, String reason) {
        if (permit != null) {
            permit.release();
        }
        noInput.cancel();
        turns.onCallEnded();
        ResidentCall ringing = residentCall;
        if (ringing != null) {
            ringing.visitorLeft();
        }
    }

    @Override
    public CompletionStage<Void> drained() {
        ResidentCall ringing = residentCall;
        return ringing == null ? CompletableFuture.completedFuture(null) : ringing.drained();
    }

    // --- SpokenTurns.Responder (serial executor) ---------------------------------------------

    @Override
    public Reply onTranscript(int turn, Transcript transcript) {
        return reply(dialog.onTranscript(turn, transcript));
    }

    @Override
    public RecognitionHints hints() {
        return dialog == null ? RecognitionHints.NONE : dialog.recognitionHints().with(setup.vocabulary());
    }

    @Override
    public Reply onStageFailure(int turn) {
        return reply(dialog.onStageFailure());
    }

    @Override
    public String fallbackText() {
        return dialog.fallbackText();
    }

    @Override
    public void onNothingHeard(int turn) {
        if (!dialog.isOver()) {
            call.runOnCallThread(noInput::arm);
        }
    }

    // Logs what the dialog did and, when it decided to ring the resident, starts the call.
    private Reply reply(DialogResponse response) {
        for (StateTransition t : response.transitions()) {
            logger.logStateChange(t.from().name(), t.to().name());
        }
        ResidentToCall target = response.residentCall();
        if (target != null) {
            ResidentCall ringing = residents.call(call, visit(target), this);
            residentCall = ringing;
            // Placed once this turn's answer (queued when this task returns) is synthesized and queued for
            // playback: the file reads in the order things happen.
            turns.run(() -> turns.afterReplies(ringing::start));
        }
        return new Reply(response.text(), response.hangup());
    }

    private Visit visit(ResidentToCall target) {
        List<Visit.Phone> phones = new ArrayList<>();
        if (target.resident() != null) {
            phones.add(new Visit.Phone(target.resident(), target.apartment().extensionOf(target.resident())));
        } else {
            // Only the apartment was named: each phone of the apartment in turn (residents sharing one phone ring it once).
            Map<String, List<String>> byPhone = new LinkedHashMap<>();
            for (String name : target.apartment().residents()) {
                byPhone.computeIfAbsent(target.apartment().extensionOf(name), k -> new ArrayList<>()).add(name);
            }
            if (byPhone.isEmpty()) {
                byPhone.put(target.apartment().extension(), List.of());
            }
            byPhone.forEach((extension, names) -> phones.add(new Visit.Phone(names.size() == 1 ? names.get(0) : null, extension)));
        }
        return new Visit(call.callId(), target.visitorName(), target.purpose(), target.apartment().apartment(), phones);
    }

    // --- ResidentCall.VisitorSide (any thread) ------------------------------------------------

    @Override
    public void stillCalling(String resident) {
        call.runOnCallThread(() -> {
            if (!call.isPlaying()) { // never talk over the visitor's last prompt
                turns.run(() -> turns.speak(turns.currentTurn(), new Reply(dialog.stillCalling(resident), false), "hold"));
            }
        });
    }

    @Override
    public void answered(String resident) {
        turns.run(() -> turns.speak(turns.currentTurn(), new Reply(dialog.residentAnswered(resident), false), "hold"));
    }

    @Override
    public void concluded(ResidentDecision decision, String resident, String reason) {
        turns.run(() -> turns.speak(turns.currentTurn(),
                reply(dialog.onResidentOutcome(decision.decision(), resident, reason)), "decision"));
    }
}
