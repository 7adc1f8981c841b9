package dev.doorman.server.call;

import dev.doorman.server.protocol.AudioSocketFrame;
import dev.doorman.server.protocol.FrameKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.util.ArrayDeque;

/**
 * A call's queue of prompts, cut into 20 ms frames on demand. Each prompt keeps the audio kind
 * that was current when it was queued, so its frames are labelled with their true rate even if
 * the call's format changes meanwhile. The last partial frame is padded with silence: Asterisk
 * must never receive a zero-length frame.
 *
 * <p>A prompt is complete at the tick after its last frame went out (when that frame has been
 * played), so {@code PLAYBACK_COMPLETE.duration_ms} is the audio's real length as paced. A prompt
 * whose audio is still arriving (synthesized sentence by sentence) plays what has arrived; if the
 * next frame is not there yet, a frame of silence goes out in its place (an underrun, counted) and
 * the prompt goes on when its audio does. Not thread-safe: used on the call's event loop.
 */
final class PlaybackQueue {
    /** Told about prompts starting and ending. */
    interface Listener {
        void onPlaybackStarted(Prompt prompt);

        void onPlaybackFinished(PlaybackResult result);

        /** A streaming prompt's next frame had not arrived: silence went out instead. */
        default void onUnderrun(Prompt prompt) {
        }
    }

    private record Queued(Prompt prompt, FrameKind kind) {
    }

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Listener listener;
    private Queued current;
    private int offset;
    private long startedNanos;

    PlaybackQueue(Listener listener) {
        this.listener = listener;
    }

    void enqueue(Prompt prompt, FrameKind kind) {
        if (prompt.audio().length() == 0 && prompt.audio().complete()) {
            return; // nothing to play; no events for an empty prompt
        }
        queue.add(new Queued(prompt, kind));
    }

    /** True when a prompt's first frame has gone out and it has not finished yet. */
    boolean hasStarted() {
        return current != null;
    }

    /** True while a prompt is playing or queued. */
    boolean isPlaying() {
        return current != null || !queue.isEmpty();
    }

    /**
     * The next frame to send, or null when there is nothing to play. Finishes the previous prompt
     * and starts the next one as needed, calling the listener.
     */
    AudioSocketFrame nextFrame(ByteBufAllocator alloc, long nowNanos) {
        if (current != null && offset >= current.prompt.audio().length() && current.prompt.audio().complete()) {
            finishCurrent(nowNanos, false);
        }
        if (current == null) {
            current = queue.poll();
            if (current == null) {
                return null;
            }
            offset = 0;
            startedNanos = nowNanos;
            listener.onPlaybackStarted(current.prompt);
            if (current == null) {
                return null; // the listener stopped playback
            }
        }
        PromptAudio audio = current.prompt.audio();
        // In this order: a complete prompt's length is final, and the array read last holds that length.
        boolean complete = audio.complete();
        int available = audio.length() - offset;
        byte[] pcm = audio.array();
        int frameBytes = current.kind.bytesPer20Ms();
        if (available < frameBytes && !complete) {
            listener.onUnderrun(current.prompt);
            ByteBuf silence = alloc.buffer(frameBytes, frameBytes);
            silence.writeZero(frameBytes);
            return AudioSocketFrame.audio(current.kind, silence);
        }
        int len = Math.min(frameBytes, available);
        ByteBuf payload;
        if (len == frameBytes) {
            payload = Unpooled.wrappedBuffer(pcm, offset, len);
        } else {
            payload = alloc.buffer(frameBytes, frameBytes);
            payload.writeBytes(pcm, offset, len);
            payload.writeZero(frameBytes - len);
        }
        offset += len;
        return AudioSocketFrame.audio(current.kind, payload);
    }

    /**
     * Stops the current prompt (reported as interrupted) and drops the queued ones, which were never
     * started and so get no events. Returns the interrupted prompt's result, or null.
     */
    PlaybackResult stop(long nowNanos) {
        queue.clear();
        if (current == null) {
            return null;
        }
        boolean complete = current.prompt.audio().complete() && offset >= current.prompt.audio().length();
        return finishCurrent(nowNanos, !complete);
    }

    private PlaybackResult finishCurrent(long nowNanos, boolean interrupted) {
        Queued done = current;
        current = null;
        PlaybackResult result = new PlaybackResult(done.prompt, (nowNanos - startedNanos) / 1e6, interrupted);
        listener.onPlaybackFinished(result);
        return result;
    }
}
