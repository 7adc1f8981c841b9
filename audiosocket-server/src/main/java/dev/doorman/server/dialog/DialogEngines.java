package dev.doorman.server.dialog;

import dev.doorman.server.ami.AmiClient;
import dev.doorman.server.conversation.ConversationConfig;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.CachingSynthesizer;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.resident.ResidentConfig;

/**
 * Where a factory's engines come from: created for it (and closed with it), or shared with the
 * other buildings of the server (one speech model per language, one manager connection per
 * Asterisk) and closed by their owner.
 */
public interface DialogEngines {
    SpeechRecognizer recognizer(SttConfig config);

    CachingSynthesizer synthesizer(TtsConfig config);

    /** The started manager connection for {@code resident.ami}, or null: the resident service opens its own. */
    AmiClient ami(ResidentConfig.Ami config);

    /**
     * The stage threads, engine load and meters of the calls on these engines, and who admits
     * callers to them: shared by the factories that share the engines, so that admission counts
     * every call on the same CPU.
     */
    Conversations conversations(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer,
                                ConversationConfig config, int threads);

    /** True when the factory closes the recognizer, synthesizer and pipeline it got. */
    boolean owned();

    /** Engines of the factory's own, closed with it. */
    DialogEngines OWN = new DialogEngines() {
        @Override
        public SpeechRecognizer recognizer(SttConfig config) {
            return new SpeechRecognizerFactory().create(config);
        }

        @Override
        public CachingSynthesizer synthesizer(TtsConfig config) {
            return new SpeechSynthesizerFactory().create(config);
        }

        @Override
        public AmiClient ami(ResidentConfig.Ami config) {
            return null;
        }

        @Override
        public Conversations conversations(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer,
                                           ConversationConfig config, int threads) {
            return Conversations.create(recognizer, synthesizer, config, threads);
        }

        @Override
        public boolean owned() {
            return true;
        }
    };
}
