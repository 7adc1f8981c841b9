package dev.doorman.server.conversation;

import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import dev.doorman.server.pipeline.Transcript;

import java.util.concurrent.atomic.AtomicInteger;

/** The real engines behind {@link Gate}s: the speech is Vosk's and FreeTTS's, the timing the test's. */
final class GatedEngines {
    private GatedEngines() {
    }

    /** Each synthesis (a sentence, behind the phrase cache) waits at the gate first. */
    static final class Synthesizer implements SpeechSynthesizer {
        final Gate gate = new Gate();
        final AtomicInteger calls = new AtomicInteger();
        private final SpeechSynthesizer engine;

        Synthesizer(SpeechSynthesizer engine) {
            this.engine = engine;
        }

        @Override
        public String provider() {
            return engine.provider();
        }

        @Override
        public SynthesizedAudio synthesize(String text, int sampleRate) {
            calls.incrementAndGet();
            if (!gate.pass()) {
                throw new StageException("synthesis", StageException.CANCELLED, "interrupted at the gate");
            }
            return engine.synthesize(text, sampleRate);
        }
    }

    /** Each chunk fed to a stream waits at the gate first; counts the chunks and closed streams. */
    static final class Recognizer implements SpeechRecognizer {
        final Gate gate = new Gate();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        private final SpeechRecognizer engine;

        Recognizer(SpeechRecognizer engine) {
            this.engine = engine;
        }

        @Override
        public String provider() {
            return engine.provider();
        }

        @Override
        public RecognitionStream open(int sampleRate) {
            RecognitionStream stream = engine.open(sampleRate);
            return new RecognitionStream() {
                @Override
                public void accept(byte[] pcm, int off, int len) {
                    gate.pass();
                    accepted.incrementAndGet();
                    stream.accept(pcm, off, len);
                }

                @Override
                public Transcript finish() {
                    return stream.finish();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                    stream.close();
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
