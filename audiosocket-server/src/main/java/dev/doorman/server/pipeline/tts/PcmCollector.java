package dev.doorman.server.pipeline.tts;

import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

/**
 * A FreeTTS {@link AudioPlayer} that keeps the audio instead of playing it: FreeTTS writes signed
 * 16-bit samples (big-endian for its diphone voices); {@link #takePcm()} returns them as
 * little-endian, the AudioSocket byte order. A write on an interrupted thread refuses the audio,
 * which makes FreeTTS stop the utterance (how a cancelled synthesis ends early).
 */
final class PcmCollector implements AudioPlayer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private AudioFormat format;
    private float volume = 1.0f;

    @Override
    public void setAudioFormat(AudioFormat format) {
        this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
        return format;
    }

    /** The rate FreeTTS declared for the last utterance. */
    int sampleRate() {
        if (format == null) {
            throw new IllegalStateException("FreeTTS produced no audio format");
        }
        return Math.round(format.getSampleRate());
    }

    /** The collected audio as 16-bit little-endian mono; clears the buffer. */
    byte[] takePcm() {
        byte[] raw = bytes.toByteArray();
        bytes.reset();
        if (format == null || raw.length == 0) {
            return new byte[0];
        }
        if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1
                || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
            throw new IllegalStateException("unexpected FreeTTS audio format: " + format);
        }
        int n = raw.length - raw.length % 2;
        byte[] le = new byte[n];
        if (format.isBigEndian()) {
            for (int i = 0; i < n; i += 2) {
                le[i] = raw[i + 1];
                le[i + 1] = raw[i];
            }
        } else {
            System.arraycopy(raw, 0, le, 0, n);
        }
        return le;
    }

    @Override
    public boolean write(byte[] audioData) {
        return write(audioData, 0, audioData.length);
    }

    @Override
    public boolean write(byte[] audioData, int offset, int size) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        bytes.write(audioData, offset, size);
        return true;
    }

    @Override
    public void reset() {
        bytes.reset();
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void begin(int size) {
    }

    @Override
    public boolean end() {
        return true;
    }

    @Override
    public void cancel() {
    }

    @Override
    public void close() {
    }

    @Override
    public float getVolume() {
        return volume;
    }

    @Override
    public void setVolume(float volume) {
        this.volume = volume;
    }

    @Override
    public long getTime() {
        return 0;
    }

    @Override
    public void resetTime() {
    }

    @Override
    public void startFirstSampleTimer() {
    }

    @Override
    public void showMetrics() {
    }
}
