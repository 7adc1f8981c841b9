package dev.doorman.calllogger.writer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventQueueTest {
    @Test
    void refusesWhenFullAndKeepsOrder() {
        EventQueue<Integer> queue = new EventQueue<>(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(queue.offer(i));
        }
        assertFalse(queue.offer(99));
        assertEquals(4, queue.size());
        List<Integer> out = new ArrayList<>();
        assertEquals(3, queue.drain(out::add, 3));
        assertTrue(queue.offer(4));
        queue.drain(out::add, 10);
        assertEquals(List.of(0, 1, 2, 3, 4), out);
        assertTrue(queue.isEmpty());
        assertEquals(5, queue.consumed());
        assertEquals(5, queue.produced());
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        assertEquals(8, new EventQueue<>(5).capacity());
        assertThrows(IllegalArgumentException.class, () -> new EventQueue<>(1));
    }

    @Test
    void manyProducersLoseNothingAndKeepEachProducersOrder() throws Exception {
        int producers = 8;
        int perProducer = 50_000;
        EventQueue<long[]> queue = new EventQueue<>(1024);
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<Future<?>> futures = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long producer = p;
            futures.add(pool.submit(() -> {
                for (long i = 0; i < perProducer; i++) {
                    while (!queue.offer(new long[] {producer, i})) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        long[] next = new long[producers];
        long total = 0;
        while (total < (long) producers * perProducer) {
            total += queue.drain(item -> {
                assertEquals(next[(int) item[0]], item[1], "per-producer FIFO");
                next[(int) item[0]]++;
            }, 256);
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        for (long n : next) {
            assertEquals(perProducer, n);
        }
        assertTrue(queue.isEmpty());
    }
}
