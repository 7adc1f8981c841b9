package dev.doorman.server.conversation;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs one call's stage work in submission order, one task at a time, on a shared worker pool: the
 * recognition stream and the dialog are then used by one thread at a time without locks, while other
 * calls' work runs in parallel. A drain takes every queued task, so streaming audio chunks cost one
 * pool task per burst, not per chunk.
 */
public final class SerialExecutor implements Executor {
    private final Executor pool;
    private final Consumer<Throwable> onFailure;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    /** @param onFailure told about a task that threw or a drain the pool rejected */
    public SerialExecutor(Executor pool, Consumer<Throwable> onFailure) {
        this.pool = pool;
        this.onFailure = onFailure;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (queue) {
                queue.clear();
                draining = false;
            }
            onFailure.accept(e);
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (queue) {
                task = queue.poll();
                if (task == null) {
                    draining = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                onFailure.accept(e);
            }
        }
    }
}
