package dev.doorman.server.dialog;

import dev.doorman.server.admission.AdmissionControl;
import dev.doorman.server.conversation.ConversationConfig;
import dev.doorman.server.conversation.SpeechPipeline;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;

/**
 * A speech pipeline and its admission control.
 *
 * @param created true for the factory that made them (it measures and binds them), false when shared
 */
public record Conversations(SpeechPipeline speech, AdmissionControl admission, boolean created) {
    public static Conversations create(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer,
                                       ConversationConfig config, int threads) {
        SpeechPipeline speech = SpeechPipeline.create(recognizer, synthesizer, threads);
        return new Conversations(speech, new AdmissionControl(config.admission(), speech.load()), true);
    }

    /** The same pipeline and admission for another factory. */
    public Conversations shared() {
        return new Conversations(speech, admission, false);
    }
}
