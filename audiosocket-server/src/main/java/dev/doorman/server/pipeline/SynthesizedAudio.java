package dev.doorman.server.pipeline;

/**
 * Speech produced by a {@link SpeechSynthesizer}.
 *
 * @param pcm        signed 16-bit little-endian mono samples
 * @param sampleRate the rate of {@code pcm}, equal to the rate that was asked for
 * @param cached     true if it came from a phrase cache instead of the engine
 */
public record SynthesizedAudio(byte[] pcm, int sampleRate, boolean cached) {
    public SynthesizedAudio {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("16-bit PCM must have an even byte count: " + pcm.length);
        }
    }

    public double durationMs() {
        return pcm.length / 2 * 1000.0 / sampleRate;
    }

    /** The same audio, marked as served from a cache. */
    public SynthesizedAudio asCached() {
        return cached ? this : new SynthesizedAudio(pcm, sampleRate, true);
    }
}
