package dev.doorman.server.call;

import dev.doorman.server.pipeline.vad.Utterance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a call does: one instance per call, every callback on the call's event loop thread (so an
 * implementation needs no locking, and must never block: hand blocking work to
 * {@link CallControl#workers()}). The session has already logged the matching event (SPEECH_*,
 * DTMF_RECEIVED, PLAYBACK_COMPLETE, CALL_ENDED) when a callback runs.
 *
 * <p>Visitor turns are numbered from 1 in one sequence for speech and keypad: every utterance is
 * a turn, and so is every keypad entry (consecutive digits with no prompt started in between).
 */
public interface CallBehavior {
    /** The call is set up (CALL_SETUP logged); typically plays a greeting. */
    void onCallStarted(CallControl call);

    /** The VAD detected the start of an utterance. */
    default void onSpeechStarted(CallControl call, int turn) {
    }

    /** The current utterance's audio as it arrives (pre-roll first), for streaming recognition. */
    default void onSpeechAudio(CallControl call, int turn, byte[] pcm, int off, int len) {
    }

    /** The utterance is complete (after the VAD's hangover). */
    default void onSpeechEnded(CallControl call, int turn, Utterance utterance) {
    }

    /** A keypad digit; {@code turn} is the keypad entry's turn (all its digits share it). */
    default void onDtmf(CallControl call, int turn, char digit) {
    }

    /** A prompt finished playing or was interrupted. */
    default void onPlaybackFinished(CallControl call, PlaybackResult result) {
    }

    /**
     * The call ended ({@code caller_hangup}, {@code server_hangup}, {@code timeout},
     * {@code max_duration}, {@code shutdown}, {@code protocol_error}, ...); release resources here.
     */
    default void onCallEnded(CallControl call, String reason) {
    }

    /**
     * Work that still writes into the call's file after {@link #onCallEnded} (a second leg hanging
     * up, the door being opened): the session writes {@code CALL_ENDED} once this completes, so that
     * it stays the file's last line (waiting at most {@link CallSettings#DRAIN_LIMIT}).
     */
    default CompletionStage<Void> drained() {
        return CompletableFuture.completedFuture(null);
    }
}
