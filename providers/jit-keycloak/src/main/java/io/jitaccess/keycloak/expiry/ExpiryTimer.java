package io.jitaccess.keycloak.expiry;

import io.jitaccess.core.EndedBy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * This node's precise expiry: one timer armed for the earliest end among active grants. When it fires it
 * ends what is due and re-arms for the next end; a new grant that ends sooner re-arms it at once. Idle, it
 * costs nothing: no polling.
 */
final class ExpiryTimer {

    private static final Logger LOG = Logger.getLogger(ExpiryTimer.class);
    private static final long RETRY_MILLIS = 5000;

    private final GrantEnding ending;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> next;
    private long armedFor = Long.MAX_VALUE;

    ExpiryTimer(GrantEnding ending) {
        this.ending = ending;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jit-expiry-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Makes sure the timer fires no later than {@code endsAtMillis}. */
    synchronized void armAt(long endsAtMillis) {
        if (endsAtMillis == Long.MAX_VALUE || executor.isShutdown()) {
            return;
        }
        if (next != null && !next.isDone() && armedFor <= endsAtMillis) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        armedFor = endsAtMillis;
        long delay = Math.max(0, endsAtMillis - System.currentTimeMillis());
        next = executor.schedule(this::fire, delay, TimeUnit.MILLISECONDS);
    }

    /** Ends what is due now (on the timer's thread), then re-arms. */
    void runNow(EndedBy path) {
        if (!executor.isShutdown()) {
            executor.execute(() -> endAndRearm(path));
        }
    }

    private void fire() {
        synchronized (this) {
            armedFor = Long.MAX_VALUE;
        }
        endAndRearm(EndedBy.PRECISE);
    }

    private void endAndRearm(EndedBy path) {
        try {
            int passesWithoutProgress = 0;
            while (true) {
                int ended = ending.endDue(path);
                if (ended > 0) {
                    LOG.debugf("ended %d JIT grant(s) (%s)", ended, path.value());
                    passesWithoutProgress = 0;
                } else {
                    passesWithoutProgress++;
                }
                long next = ending.nextEnd();
                long now = System.currentTimeMillis();
                if (next > now) {
                    armAt(next);
                    return;
                }
                // due now: a grant that came due while we were ending others is ended at once; one that twice
                // could not be ended is retried later instead of spinning on it
                if (passesWithoutProgress >= 2) {
                    armAt(now + RETRY_MILLIS);
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the database may be away; try again shortly, the sweep is the backstop
            LOG.warnf(
                    "JIT expiry timer failed (%s); retrying in 5 s",
                    e.getClass().getName());
            synchronized (this) {
                armedFor = Long.MAX_VALUE;
            }
            armAt(System.currentTimeMillis() + RETRY_MILLIS);
        }
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
