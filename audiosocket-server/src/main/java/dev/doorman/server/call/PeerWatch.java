package dev.doorman.server.call;

import dev.doorman.server.pipeline.vad.MissingAudio;

/**
 * What one call's connection says about Asterisk at the other end: when audio last arrived (so the
 * VAD can be fed silence for the time without frames, see {@link MissingAudio}) and whether the
 * audio the server sends is still being taken.
 *
 * <p>The idle rule. Asterisk closes the socket when its side of a call ends, for any reason; so an
 * open connection is a call Asterisk keeps up, even when it sends nothing for minutes (a quiet
 * caller with {@code transmit_silence=no}, a phone that suppresses silence, an originated channel
 * not bridged yet). When no whole frame has arrived for {@code server.idleTimeoutSeconds}, the
 * verdict is therefore:
 * <ul>
 *   <li>{@link Verdict#STALLED_MID_FRAME}: part of a frame has been waiting all that time. Asterisk
 *       writes every frame whole; this peer dribbles bytes (or died mid-frame).</li>
 *   <li>{@link Verdict#QUIET}: the server has been sending audio (comfort silence or a prompt) and
 *       the connection takes it: a live call whose caller is quiet. It goes on.</li>
 *   <li>{@link Verdict#UNPROVEN}: the server has sent nothing recently either
 *       ({@code playback.comfortSilence} off, or the peer stopped reading), so nothing shows the
 *       peer is there.</li>
 * </ul>
 * A peer that stops reading is caught sooner by the slow-reader rule (its unread audio fills the
 * connection's buffers). Not thread-safe: the call's event loop only.
 */
final class PeerWatch {
    /** The audio the server sent within this long counts as "sending". */
    static final long SENDING_WINDOW_NANOS = 1_000_000_000L;

    enum Verdict { QUIET, STALLED_MID_FRAME, UNPROVEN }

    private final MissingAudio missingAudio;
    private long lastWrittenNanos;

    PeerWatch(int missingAudioMs, long startNanos) {
        this.missingAudio = new MissingAudio(missingAudioMs, startNanos);
    }

    void onAudioFrame(long nowNanos) {
        missingAudio.onAudio(nowNanos);
    }

    void onFrameWritten(long nowNanos) {
        lastWrittenNanos = nowNanos;
    }

    /** Samples of silence the VAD must be fed now for the time no audio arrived. */
    long silenceDue(long nowNanos, int sampleRate) {
        return missingAudio.silenceDue(nowNanos, sampleRate);
    }

    /** True while the VAD is being fed silence because frames stopped. */
    boolean inAudioGap() {
        return missingAudio.inGap();
    }

    /**
     * No whole frame arrived for the idle timeout: what that means.
     *
     * @param bufferedBytes bytes of an unfinished frame held by the decoder
     * @param writable      whether the connection takes more output now
     */
    Verdict onFramesIdle(long nowNanos, int bufferedBytes, boolean writable) {
        if (bufferedBytes > 0) {
            return Verdict.STALLED_MID_FRAME;
        }
        boolean sending = lastWrittenNanos != 0 && nowNanos - lastWrittenNanos <= SENDING_WINDOW_NANOS;
        return sending && writable ? Verdict.QUIET : Verdict.UNPROVEN;
    }
}
