package dev.doorman.server.testing;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.Prompt;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The server's side of {@link CallControl} for behavior tests without sockets: a single "call thread"
 * runs the callbacks, a small real pool runs the stage work, and played prompts are recorded.
 */
public final class RecordingCallControl implements CallControl, AutoCloseable {
    private final String callId = UUID.randomUUID().toString();
    private final CallLogger logger;
    private final ScheduledExecutorService callThread = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    public final List<Prompt> played = new CopyOnWriteArrayList<>();
    public volatile boolean hungUp;
    public volatile boolean hangupAfterPlayback;

    public RecordingCallControl(java.util.function.Function<String, CallLogger> loggers) {
        this.logger = loggers.apply(callId);
    }

    /** Runs a callback of {@code behavior} on the call thread, as the session does. */
    public void onCallThread(java.util.function.Consumer<CallControl> callback) {
        callThread.execute(() -> callback.accept(this));
    }

    /** Waits until everything queued on the call thread so far has run. */
    public void sync() throws Exception {
        callThread.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    public void start(CallBehavior behavior) {
        onCallThread(behavior::onCallStarted);
    }

    /** Streams {@code pcm} as one utterance in 20 ms chunks, then ends it. */
    public void speak(CallBehavior behavior, int turn, byte[] pcm) {
        onCallThread(c -> behavior.onSpeechStarted(c, turn));
        for (int off = 0; off < pcm.length; off += 320) {
            int o = off;
            onCallThread(c -> behavior.onSpeechAudio(c, turn, pcm, o, Math.min(320, pcm.length - o)));
        }
        onCallThread(c -> behavior.onSpeechEnded(c, turn, new dev.doorman.server.pipeline.vad.Utterance(
                pcm, 8000, 0, pcm.length / 2, pcm.length / 16.0, 300.0)));
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public int sampleRate() {
        return 8000;
    }

    @Override
    public CallLogger logger() {
        return logger;
    }

    @Override
    public void play(Prompt prompt) {
        played.add(prompt);
    }

    @Override
    public void stopPlayback() {
    }

    @Override
    public boolean isPlaying() {
        return false;
    }

    @Override
    public void hangup() {
        hungUp = true;
    }

    @Override
    public void hangupAfterPlayback() {
        hangupAfterPlayback = true;
    }

    @Override
    public java.util.concurrent.Executor workers() {
        return workers;
    }

    @Override
    public void runOnCallThread(Runnable task) {
        callThread.execute(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, java.time.Duration delay) {
        return callThread.schedule(() -> {
            if (isActive()) {
                task.run();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isActive() {
        return !hungUp;
    }

    @Override
    public void close() throws InterruptedException {
        callThread.shutdown();
        workers.shutdown();
        callThread.awaitTermination(10, TimeUnit.SECONDS);
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
