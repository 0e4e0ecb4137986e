package io.dataivr.store.pg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes in the order they were made, in batches, on one thread: the IP channel answers without
 * waiting for PostgreSQL, yet nothing is dropped — a full queue makes the caller wait, a failed
 * batch is retried, and {@link #flush()} returns once everything queued before it is stored.
 *
 * <p>Once an entry arrives the thread waits {@code linger} for more before it writes (unless a
 * {@link #flush()} is waiting), so under load a batch carries many entries and appending never
 * wakes a thread: an entry is stored within {@code linger} plus one batch's write time.
 */
final class WriteBehindJournal<T> implements AutoCloseable {

    static final Duration DEFAULT_LINGER = Duration.ofMillis(10);

    private static final Logger log = LoggerFactory.getLogger(WriteBehindJournal.class);
    private static final int MAX_BATCH = 2_000;

    private final BlockingQueue<Object> queue;
    private final Consumer<List<T>> writer;
    private final long lingerNanos;
    private final Thread thread;
    private volatile boolean closing;
    private final AtomicInteger flushesWaiting = new AtomicInteger();

    WriteBehindJournal(String name, int capacity, Consumer<List<T>> writer) {
        this(name, capacity, DEFAULT_LINGER, writer);
    }

    WriteBehindJournal(String name, int capacity, Duration linger, Consumer<List<T>> writer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.lingerNanos = linger.toNanos();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void append(T entry) {
        try {
            queue.put(entry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a database write", e);
        }
    }

    /** Waits until every entry appended before this call is stored. */
    void flush() {
        CompletableFuture<Void> barrier = new CompletableFuture<>();
        try {
            flushesWaiting.incrementAndGet();
            queue.put(barrier);
            LockSupport.unpark(thread); // cut a linger short: someone waits
            barrier.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("database writes did not complete: " + e.getMessage(), e);
        } finally {
            flushesWaiting.decrementAndGet();
        }
    }

    /** Waits at most {@code limit} until every entry appended before this call is stored; false if not yet. */
    boolean flush(java.time.Duration limit) {
        CompletableFuture<Void> barrier = new CompletableFuture<>();
        try {
            if (!queue.offer(barrier, limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            barrier.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private void run() {
        List<Object> drained = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.add(first);
                linger(first);
                queue.drainTo(drained, MAX_BATCH - 1);
                List<T> batch = new ArrayList<>(drained.size());
                for (Object item : drained) {
                    if (item instanceof CompletableFuture<?> barrier) {
                        writeWithRetry(batch); // everything before the barrier is stored, then it opens
                        batch.clear();
                        ((CompletableFuture<Void>) barrier).complete(null);
                    } else {
                        batch.add((T) item);
                    }
                }
                writeWithRetry(batch);
                drained.clear();
            } catch (InterruptedException e) {
                closing = true;
            }
        }
    }

    /** Lets more entries join the batch, unless a flush waits (then they go at once). */
    private void linger(Object first) {
        if (first instanceof CompletableFuture<?> || closing) {
            return;
        }
        long until = System.nanoTime() + lingerNanos;
        for (long left = lingerNanos; left > 0 && flushesWaiting.get() == 0 && !closing; left = until - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    private void writeWithRetry(List<T> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                writer.accept(batch);
                return;
            } catch (RuntimeException e) {
                log.warn("writing {} journal entries failed (attempt {}): {}", batch.size(), attempt, e.getMessage());
                Thread.sleep(Math.min(5_000, 100L * attempt)); // PostgreSQL is away: back off, keep the entries
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        flush();
        closing = true;
        thread.join(10_000);
    }
}
