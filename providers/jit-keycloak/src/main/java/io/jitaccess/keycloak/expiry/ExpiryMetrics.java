package io.jitaccess.keycloak.expiry;

import io.jitaccess.core.EndedBy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JIT metrics in Keycloak's Micrometer registry (served on the management port's {@code /metrics}):
 * the lag between a grant's end and its stripping, gauges of active grants, pending requests and the time
 * since the last backstop sweep, and counters of grant starts and endings by path.
 */
public final class ExpiryMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary lag;
    private final AtomicLong activeGrants = new AtomicLong();
    private final AtomicLong pendingRequests = new AtomicLong();
    private final AtomicLong lastSweepMillis = new AtomicLong(System.currentTimeMillis());

    public ExpiryMetrics() {
        this(Metrics.globalRegistry);
    }

    ExpiryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = DistributionSummary.builder("jit_revocation_lag_seconds")
                .description("Time from a grant's intended end to the removal of its role mapping")
                .baseUnit("seconds")
                .publishPercentileHistogram()
                .serviceLevelObjectives(0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60)
                .register(registry);
        startedOf("role");
        startedOf("group");
        Gauge.builder("jit_active_grants", activeGrants, AtomicLong::get)
                .description("Active grants, as counted by the last backstop sweep")
                .register(registry);
        Gauge.builder("jit_pending_requests", pendingRequests, AtomicLong::get)
                .description("Pending requests, as counted by the last backstop sweep")
                .register(registry);
        Gauge.builder(
                        "jit_seconds_since_last_sweep",
                        lastSweepMillis,
                        last -> Duration.ofMillis(System.currentTimeMillis() - last.get())
                                        .toMillis()
                                / 1000.0)
                .description("Seconds since this node last saw a backstop sweep finish")
                .register(registry);
    }

    void ended(EndedBy path, long lagMillis) {
        lag.record(Math.max(0, lagMillis) / 1000.0);
        endings(path).increment();
    }

    public void revoked() {
        endings(EndedBy.REVOKED).increment();
    }

    private Counter endings(EndedBy path) {
        return Counter.builder("jit_grants_ended")
                .description("Grants ended, by path (precise, sweep, startup, revoked)")
                .tag("path", path.value())
                .register(registry);
    }

    /** A grant of a {@code role} or a {@code group} started. */
    public void started(String target) {
        startedOf(target).increment();
    }

    private Counter startedOf(String target) {
        return Counter.builder("jit_grants_started")
                .description("Grants started, by target (role, group)")
                .tag("target", target)
                .register(registry);
    }

    void swept(long active, long pending) {
        activeGrants.set(active);
        pendingRequests.set(pending);
        lastSweepMillis.set(System.currentTimeMillis());
    }
}
