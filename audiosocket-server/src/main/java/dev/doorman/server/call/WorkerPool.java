package dev.doorman.server.call;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool for blocking stage work (recognition, synthesis, HTTP): a fixed number of
 * threads and a bounded queue, so an overload rejects work instead of queuing without limit or
 * blocking an event loop. Shared by all calls.
 */
public final class WorkerPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    public WorkerPool(int threads, int queueCapacity) {
        if (threads < 1) {
            throw new IllegalArgumentException("worker threads must be >= 1, got " + threads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("worker queue must be >= 1, got " + queueCapacity);
        }
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), new NamedDaemonThreads("doorman-worker-"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** @throws RejectedExecutionException when the queue is full or the pool is shut down */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** The executor itself, for metrics binding. */
    public ThreadPoolExecutor executor() {
        return executor;
    }

    /** Stops taking work and waits up to {@code timeoutMillis} for running tasks. */
    public void shutdown(long timeoutMillis) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(5_000);
    }

    private static final class NamedDaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger(1);

        NamedDaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    }
}
