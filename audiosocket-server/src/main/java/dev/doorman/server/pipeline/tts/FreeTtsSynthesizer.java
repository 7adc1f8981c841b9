package dev.doorman.server.pipeline.tts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import dev.doorman.server.audio.Resampler;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Collectors;

/**
 * Offline English speech with FreeTTS's CMU diphone voices: {@code kevin} is native 8 kHz (the
 * usual call rate, so no resampling), {@code kevin16} is 16 kHz. The voice is taken straight from
 * {@link KevinVoiceDirectory} (no global {@code freetts.voices} property) and its audio is
 * captured by a {@link PcmCollector}.
 *
 * <p>A FreeTTS voice is not thread-safe, but separate voices are independent (the same text gives
 * the same samples on each, in parallel): the synthesizer keeps a pool of {@code voices} allocated
 * voices and a synthesis borrows one, waiting only when all are busy. Each voice costs about 5 MB
 * of heap and half a second to allocate. Interrupting the synthesizing thread stops FreeTTS at its
 * next write ({@code cancelled}).
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {
    static final String STAGE = "synthesis";

    /** One allocated voice with the player that collects its audio. */
    private record Speaker(Voice voice, PcmCollector collector) {
    }

    private final String voiceName;
    private final List<Speaker> all = new ArrayList<>();
    private final BlockingQueue<Speaker> idle;

    /** One voice: syntheses take turns. */
    public FreeTtsSynthesizer(String voiceName) {
        this(voiceName, 1);
    }

    /**
     * @param voiceName "kevin" or "kevin16"
     * @param voices    how many syntheses may run at once (one allocated voice each)
     * @throws IllegalArgumentException for an unknown voice (the message lists the known ones) or voices &lt; 1
     */
    public FreeTtsSynthesizer(String voiceName, int voices) {
        if (voices < 1) {
            throw new IllegalArgumentException("tts.freetts.voices must be >= 1, got " + voices);
        }
        this.voiceName = voiceName;
        this.idle = new ArrayBlockingQueue<>(voices);
        for (int i = 0; i < voices; i++) {
            Speaker speaker = allocate(voiceName);
            all.add(speaker);
            idle.add(speaker);
        }
    }

    private static Speaker allocate(String voiceName) {
        Voice[] known = new KevinVoiceDirectory().getVoices();
        Voice voice = Arrays.stream(known).filter(v -> v.getName().equals(voiceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tts.voice: unknown FreeTTS voice '" + voiceName
                        + "' (known: " + Arrays.stream(known).map(Voice::getName).collect(Collectors.joining(", ")) + ")"));
        PcmCollector collector = new PcmCollector();
        voice.setAudioPlayer(collector);
        voice.allocate();
        return new Speaker(voice, collector);
    }

    @Override
    public String provider() {
        return "freetts";
    }

    public String voiceName() {
        return voiceName;
    }

    /** How many syntheses can run at once. */
    public int voices() {
        return all.size();
    }

    @Override
    public SynthesizedAudio synthesize(String text, int sampleRate) {
        SpeechSynthesizer.checkInput(text, sampleRate);
        Speaker speaker;
        try {
            speaker = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException(STAGE, StageException.CANCELLED, "cancelled waiting for a FreeTTS voice", e);
        }
        byte[] pcm;
        int nativeRate;
        try {
            speaker.collector().reset();
            boolean ok;
            try {
                ok = speaker.voice().speak(text);
            } catch (RuntimeException e) {
                throw new StageException(STAGE, StageException.ENGINE, "FreeTTS failed: " + e, e);
            }
            pcm = speaker.collector().takePcm();
            if (Thread.currentThread().isInterrupted()) {
                throw new StageException(STAGE, StageException.CANCELLED, "synthesis cancelled: " + text);
            }
            if (!ok || pcm.length == 0) {
                throw new StageException(STAGE, StageException.ENGINE, "FreeTTS produced no audio for: " + text);
            }
            nativeRate = speaker.collector().sampleRate();
        } finally {
            idle.add(speaker);
        }
        byte[] out = nativeRate == sampleRate ? pcm : Resampler.convert(pcm, nativeRate, sampleRate);
        return new SynthesizedAudio(out, sampleRate, false);
    }

    @Override
    public void close() {
        all.forEach(speaker -> speaker.voice().deallocate());
    }
}
