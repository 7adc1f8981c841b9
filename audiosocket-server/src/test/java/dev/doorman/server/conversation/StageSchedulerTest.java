package dev.doorman.server.conversation;

import dev.doorman.server.conversation.StageScheduler.Priority;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageSchedulerTest {
    /** A stage whose work items are runnables, all with one priority. */
    private static final class TestStage extends PipelineStage<Runnable> {
        private final ArrayDeque<Runnable> inbox = new ArrayDeque<>();
        private final Priority priority;

        TestStage(StageScheduler scheduler, Priority priority) {
            super(scheduler);
            this.priority = priority;
        }

        void offer(Runnable work) {
            synchronized (lock) {
                inbox.add(work);
                signalLocked();
            }
        }

        @Override
        String name() {
            return "test";
        }

        @Override
        protected boolean hasWorkLocked() {
            return !inbox.isEmpty();
        }

        @Override
        protected Priority priorityLocked() {
            return priority;
        }

        @Override
        protected Runnable takeLocked() {
            return inbox.poll();
        }

        @Override
        protected void process(Runnable item) {
            item.run();
        }

        @Override
        protected void failed(Runnable item, RuntimeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void repliesRunFirstThenEndedSpeechOldestFirstThenStreaming() throws Exception {
        try (StageScheduler scheduler = new StageScheduler(1)) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            new TestStage(scheduler, Priority.reply(0)).offer(() -> {
                blocked.countDown();
                awaitLatch(release);
            });
            assertTrue(blocked.await(10, TimeUnit.SECONDS));
            List<String> order = new CopyOnWriteArrayList<>();
            long now = System.nanoTime();
            new TestStage(scheduler, new Priority(Priority.STREAMING, now - 9_000)).offer(() -> order.add("streaming, most behind"));
            new TestStage(scheduler, new Priority(Priority.STREAMING, now - 1_000)).offer(() -> order.add("streaming"));
            new TestStage(scheduler, new Priority(Priority.ENDED_SPEECH, now - 8_000)).offer(() -> order.add("ended, older"));
            new TestStage(scheduler, new Priority(Priority.ENDED_SPEECH, now - 2_000)).offer(() -> order.add("ended, newer"));
            new TestStage(scheduler, Priority.reply(now)).offer(() -> order.add("reply"));
            assertEquals(5, scheduler.waiting());
            release.countDown();
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> order.size() == 5);
            assertEquals(List.of("reply", "ended, older", "ended, newer", "streaming, most behind", "streaming"), order);
        }
    }

    @Test
    void aStageRunsOneSliceAtATimeWhileOthersRunInParallel() throws Exception {
        try (StageScheduler scheduler = new StageScheduler(4)) {
            AtomicInteger inSlice = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            TestStage stage = new TestStage(scheduler, Priority.reply(System.nanoTime()));
            Consumer<Integer> offerMany = n -> {
                for (int i = 0; i < n; i++) {
                    stage.offer(() -> {
                        mostAtOnce.accumulateAndGet(inSlice.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inSlice.decrementAndGet();
                        done.incrementAndGet();
                    });
                }
            };
            ExecutorService producers = Executors.newFixedThreadPool(4);
            for (int p = 0; p < 4; p++) {
                producers.execute(() -> offerMany.accept(2_500));
            }
            producers.shutdown();
            assertTrue(producers.awaitTermination(30, TimeUnit.SECONDS));
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> done.get() == 10_000);
            assertEquals(1, mostAtOnce.get(), "never two slices of one stage at once");
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
