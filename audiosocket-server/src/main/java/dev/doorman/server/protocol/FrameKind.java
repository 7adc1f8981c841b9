package dev.doorman.server.protocol;

import java.util.Optional;

/**
 * The AudioSocket message kinds (the first byte of every frame). Audio kinds carry signed 16-bit
 * little-endian mono samples at the kind's sample rate.
 */
public enum FrameKind {
    HANGUP(0x00, 0),
    UUID(0x01, 0),
    DTMF(0x03, 0),
    AUDIO_8K(0x10, 8_000),
    AUDIO_12K(0x11, 12_000),
    AUDIO_16K(0x12, 16_000),
    AUDIO_24K(0x13, 24_000),
    AUDIO_32K(0x14, 32_000),
    AUDIO_44K(0x15, 44_100),
    AUDIO_48K(0x16, 48_000),
    AUDIO_96K(0x17, 96_000),
    AUDIO_192K(0x18, 192_000),
    ERROR(0xFF, 0);

    private static final FrameKind[] BY_CODE = new FrameKind[256];

    static {
        for (FrameKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;
    private final int sampleRate;

    FrameKind(int code, int sampleRate) {
        this.code = code;
        this.sampleRate = sampleRate;
    }

    /** The byte on the wire, 0..255. */
    public int code() {
        return code;
    }

    public boolean isAudio() {
        return sampleRate > 0;
    }

    /** Samples per second for audio kinds; 0 for the others. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Bytes in 20 ms of audio of this kind (320 at 8 kHz); 0 for non-audio kinds. */
    public int bytesPer20Ms() {
        return sampleRate / 50 * 2;
    }

    /** The audio kind for a sample rate, e.g. 16000 -> {@link #AUDIO_16K}. */
    public static FrameKind audioForRate(int sampleRate) {
        for (FrameKind kind : values()) {
            if (kind.isAudio() && kind.sampleRate == sampleRate) {
                return kind;
            }
        }
        throw new IllegalArgumentException("AudioSocket has no audio kind for " + sampleRate
                + " Hz (supported: 8000, 12000, 16000, 24000, 32000, 44100, 48000, 96000, 192000)");
    }

    public static Optional<FrameKind> fromCode(int code) {
        if (code < 0 || code > 255) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_CODE[code]);
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%02x)", code);
    }
}
