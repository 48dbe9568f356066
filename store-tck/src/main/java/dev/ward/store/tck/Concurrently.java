package dev.ward.store.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs one task on many threads that start at the same moment, for the kit's race tests.
 */
public final class Concurrently {

    private Concurrently() {
    }

    /**
     * Runs {@code task.apply(i)} for {@code i} in {@code 0..threads-1}, each on its own thread,
     * released together, and returns every outcome in order.
     *
     * @param threads how many threads
     * @param task the work of thread {@code i}
     * @param <T> the result type
     * @return one outcome per thread: its result, or the exception it threw
     */
    public static <T> List<Outcome<T>> run(int threads, IntFunction<Callable<T>> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("threads did not start");
            }
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(120, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    throw new IllegalStateException("a thread did not finish in time", e);
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What one thread ended with.
     *
     * @param value its result, or null when it threw
     * @param failure what it threw, or null
     * @param <T> the result type
     */
    public record Outcome<T>(T value, Throwable failure) {

        /**
         * Tells whether the thread returned normally.
         *
         * @return true when it did not throw
         */
        public boolean succeeded() {
            return failure == null;
        }
    }
}
