package dev.doorman.server.admission;

import dev.doorman.events.EventType;
import dev.doorman.events.Party;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.Prompt;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * What a caller the server cannot take hears: {@code ADMISSION_REFUSED{reason,visits,capacity}},
 * then the busy message (synthesized once at start-up and cached), then the hang-up. No speech is
 * recognized on such a call.
 */
public final class BusyBehavior implements CallBehavior {
    private final AdmissionControl.Decision decision;
    private final SpeechSynthesizer synthesizer;
    private final String text;

    public BusyBehavior(AdmissionControl.Decision decision, SpeechSynthesizer synthesizer, String text) {
        this.decision = decision;
        this.synthesizer = synthesizer;
        this.text = text;
    }

    @Override
    public void onCallStarted(CallControl call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", decision.reason());
        data.put("visits", decision.visits());
        data.put("capacity", decision.capacity());
        call.logger().logEvent(EventType.ADMISSION_REFUSED, data);
        int rate = call.sampleRate();
        try {
            call.workers().execute(() -> {
                byte[] pcm;
                try {
                    pcm = synthesizer.synthesize(text, rate).pcm();
                } catch (StageException e) {
                    call.logger().logError(e.errorType(), e.getMessage(), e.stage(), Map.of());
                    call.runOnCallThread(call::hangup);
                    return;
                }
                call.runOnCallThread(() -> {
                    call.play(new Prompt(pcm, Party.VISITOR, 0, "busy"));
                    call.hangupAfterPlayback();
                });
            });
        } catch (RejectedExecutionException e) {
            call.hangup(); // the session has logged the overload
        }
    }
}
