package dev.doorman.server.simulator;

import dev.doorman.server.protocol.FrameKind;

/**
 * How a call's audio is cut into frames, as Asterisk does it: one frame per 20 ms of signed-linear
 * audio at the call's rate (320 bytes at 8 kHz, kind 0x10; 640 bytes at 16 kHz, kind 0x12).
 */
record AudioFraming(int sampleRate, FrameKind kind, int frameBytes) {
    static final long FRAME_NANOS = 20_000_000L;
    static final int FRAMES_PER_SECOND = 50;

    static AudioFraming forRate(int sampleRate) {
        FrameKind kind;
        try {
            kind = FrameKind.audioForRate(sampleRate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AudioSocket has no audio frame kind for " + sampleRate
                    + " Hz (supported: 8000, 12000, 16000, 24000, 32000, 44100, 48000, 96000, 192000)", e);
        }
        return new AudioFraming(sampleRate, kind, sampleRate / FRAMES_PER_SECOND * 2);
    }

    /** Number of frames {@code pcmBytes} of audio fill, the last one possibly short. */
    int framesFor(int pcmBytes) {
        return (pcmBytes + frameBytes - 1) / frameBytes;
    }
}
