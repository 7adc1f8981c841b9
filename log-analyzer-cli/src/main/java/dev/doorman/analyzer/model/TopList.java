package dev.doorman.analyzer.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The N largest items seen, by a key: a min-heap of size N, so memory stays fixed. Mergeable. */
public final class TopList<T> {
    private final int limit;
    private final Comparator<T> order;
    private final PriorityQueue<T> heap;

    public TopList(int limit, Comparator<T> order) {
        this.limit = limit;
        this.order = order;
        this.heap = new PriorityQueue<>(Math.max(1, limit + 1), order);
    }

    public void offer(T item) {
        if (limit <= 0) {
            return;
        }
        if (heap.size() < limit) {
            heap.add(item);
        } else if (order.compare(item, heap.peek()) > 0) {
            heap.poll();
            heap.add(item);
        }
    }

    public void merge(TopList<T> other) {
        other.heap.forEach(this::offer);
    }

    /** Largest first. */
    public List<T> sorted() {
        List<T> list = new ArrayList<>(heap);
        list.sort(order.reversed());
        return list;
    }
}
