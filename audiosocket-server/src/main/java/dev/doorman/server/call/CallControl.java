package dev.doorman.server.call;

import dev.doorman.calllogger.CallLogger;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * What a {@link CallBehavior} may do with its call. Every method except {@link #runOnCallThread},
 * {@link #workers()}, {@link #callId()} and {@link #isActive()} must be called on the call's event
 * loop thread (where the behavior's callbacks run).
 */
public interface CallControl {
    /** Canonical lower-case UUID of the call. */
    String callId();

    /** Samples per second of the call's audio (8000 for {@code slin}, 16000 for {@code slin16}, ...). */
    int sampleRate();

    /** The call's event log. */
    CallLogger logger();

    /**
     * Queues a prompt for paced playback (one 20 ms frame per 20 ms) after anything already
     * queued. PLAYBACK_START is logged when its first frame goes out.
     */
    void play(Prompt prompt);

    /** Stops the current prompt (PLAYBACK_COMPLETE{interrupted:true}) and drops the queued ones. */
    void stopPlayback();

    /** True while a prompt is playing or queued. */
    boolean isPlaying();

    /** Ends the call now: sends a hangup frame to Asterisk and closes ({@code server_hangup}). */
    void hangup();

    /**
     * Ends the call once the queued prompts have played, after 300 ms of silence more so that the
     * last words reach the caller before the hang-up does.
     */
    void hangupAfterPlayback();

    /**
     * The bounded worker pool for blocking stage work (STT, TTS, HTTP). Never block the event loop;
     * hop back with {@link #runOnCallThread}. A rejected task is logged as an ERROR and counted.
     */
    Executor workers();

    /** Runs the task on the call's event loop thread; dropped silently once the call has ended. */
    void runOnCallThread(Runnable task);

    /**
     * Runs the task on the call's event loop thread after {@code delay} (a no-input timeout, a
     * hold message); skipped once the call has ended. Cancel it with the returned future. Thread-safe.
     */
    ScheduledFuture<?> schedule(Runnable task, Duration delay);

    /** False once the call has ended for any reason. Thread-safe. */
    boolean isActive();
}
