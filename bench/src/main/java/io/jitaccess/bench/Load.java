package io.jitaccess.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code workers} threads (one connection each) repeat an action for a while, each waiting
 * for its answer before the next. Each worker has its own state (a session, a client).
 */
final class Load {

    /** One worker's action; returns normally on success, throws on an unexpected answer. */
    interface Action {
        void run() throws Exception;
    }

    private Load() {}

    static Stats run(int workers, double seconds, IntFunction<Action> actionOfWorker) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            AtomicLong errors = new AtomicLong();
            List<Future<List<Double>>> results = new ArrayList<>();
            List<Action> actions = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                actions.add(actionOfWorker.apply(w));
            }
            long start = System.nanoTime();
            for (Action action : actions) {
                results.add(pool.submit(() -> {
                    List<Double> latencies = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            action.run();
                            latencies.add((System.nanoTime() - t0) / 1e6);
                        } catch (Exception e) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("  (load error: " + e.getMessage() + ")");
                            }
                        }
                    }
                    return latencies;
                }));
            }
            List<Double> all = new ArrayList<>();
            for (Future<List<Double>> result : results) {
                all.addAll(result.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return Stats.of(all, errors.get(), elapsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
