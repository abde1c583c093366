package org.livevitals.scaling.record;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits for the database: bounded, oldest first, and never in the publisher's way.
 *
 * <p>{@link #offer} never blocks. When the queue is full, the <em>oldest</em> item goes to make room, and
 * is counted: a reading from two minutes ago matters less than the one just taken, and the newest
 * minutes are what a clinician looks at first when the record comes back. {@link #takeBatch} hands the
 * writer up to a batch, in the order they were offered.
 *
 * @param <T> what is queued
 */
public final class WriteQueue<T> {

    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long dropped;

    public WriteQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a queue holds at least one item, not " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Queues {@code item}; when the queue is full, drops the oldest item first.
     *
     * @return whether an item was dropped to make room
     */
    public boolean offer(T item) {
        lock.lock();
        try {
            // Exercise 4 starts here (scenarios L6-26)
            boolean full = items.size() >= capacity;
            if (full) {
                items.pollFirst();
                dropped++;
            }
            items.addLast(item);
            notEmpty.signal();
            return full;
            // Exercise 4 ends here
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code max} items, oldest first, waiting up to {@code wait} for the first one.
     *
     * @return the items taken; empty when none came in time
     */
    public List<T> takeBatch(int max, long wait, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(wait);
            while (items.isEmpty() && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            List<T> batch = new ArrayList<>(Math.min(max, items.size()));
            while (batch.size() < max && !items.isEmpty()) {
                batch.add(items.pollFirst());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** How many items wait now. */
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many items were dropped to make room since the queue was made. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }
}
