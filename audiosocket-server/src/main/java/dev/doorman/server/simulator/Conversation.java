package dev.doorman.server.simulator;

import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.Transcript;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * A caller that listens: the audio the doorman sends is cut into turns (speech, then
 * {@link #END_OF_TURN_NANOS} of silence), each turn is transcribed, and the {@link VisitorScript}
 * picks an answer, which is synthesized and spoken back in 20 ms frames. Ends when the doorman says
 * it is calling someone or gives up.
 *
 * <p>Threads: {@link #nextFrame} and {@link #heard} run on the call's event loop; transcription and
 * synthesis run on {@code worker}, which hands finished answers back through a queue.
 */
public final class Conversation {
    static final long END_OF_TURN_NANOS = 800_000_000L;
    /** Mean absolute sample value above which a received frame counts as speech (comfort noise is ~0). */
    private static final int VOICED_LEVEL = 150;

    private final VisitorScript script;
    private final SpeechRecognizer ears;
    private final SpeechSynthesizer voice;
    private final Executor worker;
    private final int sampleRate;
    private final int frameBytes;

    // Event-loop state.
    private final ByteArrayOutputStream doormanSpeech = new ByteArrayOutputStream();
    private long lastVoicedNanos;
    private long startNanos = -1;
    private byte[] saying;
    private int sayingOffset;

    // Shared with the worker.
    private final ConcurrentLinkedQueue<byte[]> answers = new ConcurrentLinkedQueue<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private volatile VisitorScript.Heard ending;
    private volatile double endedAtMs = -1;

    /** One thing the doorman said and the visitor's answer (null when the visitor stayed quiet). */
    public record Exchange(double atMs, String doorman, String visitor) { }

    public Conversation(VisitorScript script, SpeechRecognizer ears, SpeechSynthesizer voice, Executor worker,
                        int sampleRate) {
        this.script = script;
        this.ears = ears;
        this.voice = voice;
        this.worker = worker;
        this.sampleRate = sampleRate;
        this.frameBytes = AudioFraming.forRate(sampleRate).frameBytes();
    }

    /** The next 20 ms the visitor sends: their answer while they have one, else silence. */
    byte[] nextFrame(long now) {
        if (startNanos < 0) {
            startNanos = now;
        }
        checkEndOfTurn(now);
        if (saying == null) {
            saying = answers.poll();
            sayingOffset = 0;
        }
        byte[] frame = new byte[frameBytes];
        if (saying != null) {
            int n = Math.min(frameBytes, saying.length - sayingOffset);
            System.arraycopy(saying, sayingOffset, frame, 0, n);
            sayingOffset += n;
            if (sayingOffset >= saying.length) {
                saying = null;
            }
        }
        return frame;
    }

    /** Audio the doorman sent. */
    void heard(byte[] pcm, long now) {
        if (voiced(pcm)) {
            doormanSpeech.writeBytes(pcm);
            lastVoicedNanos = now;
        } else if (doormanSpeech.size() > 0) {
            doormanSpeech.writeBytes(pcm); // pauses inside a sentence stay in the turn
            checkEndOfTurn(now);
        }
    }

    /** The call ended (the doorman hangs up right after its last words): what it said last still counts. */
    void callEnded() {
        if (doormanSpeech.size() > 0) {
            checkEndOfTurn(lastVoicedNanos + END_OF_TURN_NANOS);
        }
    }

    /** True once the doorman said it is calling someone or gave up: the visitor can hang up. */
    boolean over() {
        return ending != null;
    }

    /** How it ended: calling the right resident, someone else, gave up; null if it did not end. */
    public VisitorScript.Heard ending() {
        return ending;
    }

    /** Milliseconds from the start of the call to the doorman's decision; -1 if none. */
    public double endedAtMs() {
        return endedAtMs;
    }

    public VisitorScript script() {
        return script;
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    private void checkEndOfTurn(long now) {
        if (doormanSpeech.size() > 0 && now - lastVoicedNanos >= END_OF_TURN_NANOS) {
            byte[] turn = doormanSpeech.toByteArray();
            doormanSpeech.reset();
            double atMs = (lastVoicedNanos - startNanos) / 1e6;
            worker.execute(() -> respond(turn, atMs));
        }
    }

    private void respond(byte[] doormanAudio, double atMs) {
        if (ending != null) {
            return;
        }
        String said = transcribe(doormanAudio);
        VisitorScript.Heard heard = script.classify(said);
        String answer = null;
        if (heard == VisitorScript.Heard.QUESTION) {
            answer = script.reply(said);
            try {
                answers.add(voice.synthesize(answer, sampleRate).pcm());
            } catch (StageException e) {
                answer = "(could not speak: " + e.getMessage() + ")";
            }
        } else {
            endedAtMs = atMs;
            ending = heard;
        }
        synchronized (exchanges) {
            exchanges.add(new Exchange(atMs, said, answer));
        }
    }

    private String transcribe(byte[] pcm) {
        try (RecognitionStream stream = ears.open(sampleRate)) {
            stream.accept(pcm, 0, pcm.length);
            Transcript t = stream.finish();
            return t.text();
        } catch (StageException e) {
            return "";
        }
    }

    private static boolean voiced(byte[] pcm) {
        long sum = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            sum += Math.abs((short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8)));
        }
        return pcm.length >= 2 && sum / (pcm.length / 2) > VOICED_LEVEL;
    }
}
