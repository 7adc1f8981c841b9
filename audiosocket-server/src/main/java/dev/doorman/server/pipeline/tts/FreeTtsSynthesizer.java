package dev.doorman.server.pipeline.tts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import dev.doorman.server.audio.Resampler;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Offline English speech with FreeTTS's CMU diphone voices: {@code kevin} is native 8 kHz (the
 * usual call rate, so no resampling), {@code kevin16} is 16 kHz. The voice is taken straight from
 * {@link KevinVoiceDirectory} (no global {@code freetts.voices} property) and its audio is
 * captured by a {@link PcmCollector}. A FreeTTS voice is not thread-safe, so synthesis is
 * serialized on it; phrases repeat a lot and go through the cache anyway.
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {
    static final String STAGE = "synthesis";

    private final Voice voice;
    private final PcmCollector collector = new PcmCollector();

    /**
     * @param voiceName "kevin" or "kevin16"
     * @throws IllegalArgumentException for an unknown voice (the message lists the known ones)
     */
    public FreeTtsSynthesizer(String voiceName) {
        Voice[] voices = new KevinVoiceDirectory().getVoices();
        this.voice = Arrays.stream(voices).filter(v -> v.getName().equals(voiceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tts.voice: unknown FreeTTS voice '" + voiceName
                        + "' (known: " + Arrays.stream(voices).map(Voice::getName).collect(Collectors.joining(", ")) + ")"));
        voice.setAudioPlayer(collector);
        voice.allocate();
    }

    @Override
    public String provider() {
        return "freetts";
    }

    public String voiceName() {
        return voice.getName();
    }

    @Override
    public SynthesizedAudio synthesize(String text, int sampleRate) {
        SpeechSynthesizer.checkInput(text, sampleRate);
        byte[] pcm;
        int nativeRate;
        synchronized (this) {
            collector.reset();
            boolean ok;
            try {
                ok = voice.speak(text);
            } catch (RuntimeException e) {
                throw new StageException(STAGE, StageException.ENGINE, "FreeTTS failed: " + e, e);
            }
            pcm = collector.takePcm();
            if (!ok || pcm.length == 0) {
                throw new StageException(STAGE, StageException.ENGINE, "FreeTTS produced no audio for: " + text);
            }
            nativeRate = collector.sampleRate();
        }
        byte[] out = nativeRate == sampleRate ? pcm : Resampler.convert(pcm, nativeRate, sampleRate);
        return new SynthesizedAudio(out, sampleRate, false);
    }

    @Override
    public synchronized void close() {
        voice.deallocate();
    }
}
