package dev.ward.spring;

import dev.ward.AuthManager;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Purges expired sessions, stale log-in attempts, expired device tokens and ended single-use
 * tokens on a schedule ({@code ward.purge.interval}), in bounded batches
 * ({@link AuthManager#purgeExpired(int)}), on one daemon thread that starts and stops with the
 * application context. Safe on any number of nodes at once.
 *
 * <p>A failing store is logged and tried again at the next interval.
 */
public final class WardPurge implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(WardPurge.class);
    /** The most batches of one purge, so that one run ends even while records keep expiring. */
    static final int MAX_BATCHES = 1000;

    private final AuthManager auth;
    private final Duration interval;
    private final int batchSize;
    private ScheduledExecutorService scheduler;

    /**
     * Creates the purge, not started.
     *
     * @param auth the manager
     * @param interval the time between purges, positive
     * @param batchSize the most records per store and batch, at least 1
     * @throws IllegalArgumentException if the interval is not positive or the batch size is below 1
     * @throws NullPointerException if an argument is null
     */
    public WardPurge(AuthManager auth, Duration interval, int batchSize) {
        this.auth = Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("ward.purge.interval must be positive, got " + interval);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("ward.purge.batch-size must be at least 1, got " + batchSize);
        }
        this.interval = interval;
        this.batchSize = batchSize;
    }

    /**
     * Purges now, batch after batch until a batch deletes nothing (at most {@value #MAX_BATCHES}
     * batches).
     *
     * @return how many records were deleted
     * @throws dev.ward.store.StoreException if a store fails
     */
    public int purgeNow() {
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int deleted = auth.purgeExpired(batchSize);
            total += deleted;
            if (deleted == 0) {
                break;
            }
        }
        return total;
    }

    private void scheduledRun() {
        try {
            int deleted = purgeNow();
            LOG.debug("Ward purged {} expired records", deleted);
        } catch (RuntimeException e) {
            // A store's message carries no secret; the next run tries again.
            // Cause types only: a driver's message may quote stored values.
            LOG.warn("Ward's scheduled purge failed ({}); it runs again in {}", causeTypes(e), interval);
        }
    }

    /** Starts the schedule; the first purge runs one interval from now. */
    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ward-purge");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::scheduledRun, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule, interrupting a purge that is running. */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** @return whether the schedule runs */
    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** The exception's type and its causes' types, without their messages. */
    static String causeTypes(Throwable e) {
        StringBuilder types = new StringBuilder(e.getClass().getName());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            types.append(" <- ").append(c.getClass().getName());
        }
        return types.toString();
    }
}
