package dev.ward.spring.web;

import dev.ward.spring.metrics.WardMetrics;
import java.util.Objects;
import java.util.function.Supplier;

/** Times the endpoints' log-ins and refreshes with {@link WardMetrics}' timers. */
final class MeteredCallTimer implements CallTimer {

    private final WardMetrics metrics;

    MeteredCallTimer(WardMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public <T> T logIn(Supplier<T> call) {
        return metrics.timeLogIn(call);
    }

    @Override
    public <T> T refresh(Supplier<T> call) {
        return metrics.timeRefresh(call);
    }
}
