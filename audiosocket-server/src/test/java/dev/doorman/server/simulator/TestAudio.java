package dev.doorman.server.simulator;

import dev.doorman.server.audio.WavFile;

/** Synthetic caller audio for protocol tests: a tone, so every sample is known. */
final class TestAudio {
    private TestAudio() {
    }

    /** A 440 Hz tone of {@code samples} samples at {@code rate}. */
    static WavFile tone(int rate, int samples) {
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short s = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return new WavFile(rate, pcm);
    }
}
