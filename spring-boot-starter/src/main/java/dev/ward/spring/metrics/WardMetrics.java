package dev.ward.spring.metrics;

import dev.ward.AuthEvent;
import dev.ward.AuthEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Ward's meters, counted from its events (this is an {@link AuthEventListener} bean, which the
 * auto-configured manager calls):
 * <ul>
 *   <li>{@value #LOG_INS} with tag {@code outcome}: {@code success}, or the failure reason in
 *       lower case ({@code unknown_user}, {@code wrong_password}, {@code locked}, {@code disabled},
 *       {@code email_not_verified});</li>
 *   <li>{@value #REFRESHES} with tag {@code within_grace} ({@code true} for a retried rotation);</li>
 *   <li>{@value #REUSE_DETECTIONS}: a spent refresh token came back and its session was revoked;</li>
 *   <li>{@value #LOCKOUTS}: an account, device or address was locked.</li>
 * </ul>
 *
 * <p>The timers {@value #LOG_IN_TIMER} and {@value #REFRESH_TIMER} measure the calls they wrap:
 * {@link #timeLogIn(Supplier)} and {@link #timeRefresh(Supplier)}. Ward's events carry no
 * duration and the {@link dev.ward.AuthManager} is final, so the timing is done where the call
 * is made: Ward's web endpoints wrap their calls, and a host that calls the manager itself can
 * do the same. A call that throws is timed too, with {@code outcome=failure}.
 */
public final class WardMetrics implements AuthEventListener {

    /** The counter of log-ins, tagged {@code outcome}. */
    public static final String LOG_INS = "ward.logins";
    /** The counter of refreshes, tagged {@code within_grace}. */
    public static final String REFRESHES = "ward.refreshes";
    /** The counter of refresh-token reuse detections. */
    public static final String REUSE_DETECTIONS = "ward.refresh.reuse.detections";
    /** The counter of lock-outs. */
    public static final String LOCKOUTS = "ward.lockouts";
    /** The timer of log-in calls, tagged {@code outcome}. */
    public static final String LOG_IN_TIMER = "ward.login.duration";
    /** The timer of refresh calls, tagged {@code outcome}. */
    public static final String REFRESH_TIMER = "ward.refresh.duration";

    private final MeterRegistry registry;
    private final Counter reuseDetections;
    private final Counter lockouts;

    /**
     * Creates the meters in a registry.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    public WardMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Counter.builder(LOG_INS).tag("outcome", "success").description("Ward log-ins by outcome").register(registry);
        this.reuseDetections = Counter.builder(REUSE_DETECTIONS)
                .description("Spent refresh tokens presented again (the session is revoked)").register(registry);
        this.lockouts = Counter.builder(LOCKOUTS).description("Accounts, devices or addresses locked").register(registry);
    }

    /**
     * Counts an event.
     *
     * @param event the event
     */
    @Override
    public void onEvent(AuthEvent event) {
        if (event instanceof AuthEvent.LoggedIn) {
            logIn("success");
        } else if (event instanceof AuthEvent.LogInFailed failed) {
            logIn(failed.reason().name().toLowerCase(Locale.ROOT));
        } else if (event instanceof AuthEvent.Refreshed refreshed) {
            Counter.builder(REFRESHES).tag("within_grace", Boolean.toString(refreshed.withinGrace()))
                    .description("Ward refresh-token rotations").register(registry).increment();
        } else if (event instanceof AuthEvent.RefreshTokenReused) {
            reuseDetections.increment();
        } else if (event instanceof AuthEvent.LockedOut) {
            lockouts.increment();
        }
    }

    private void logIn(String outcome) {
        Counter.builder(LOG_INS).tag("outcome", outcome).description("Ward log-ins by outcome").register(registry)
                .increment();
    }

    /**
     * Runs a log-in call and records its duration under {@value #LOG_IN_TIMER}.
     *
     * @param <T> the call's result
     * @param call the call, for example {@code () -> auth.logIn(request)}
     * @return the call's result
     */
    public <T> T timeLogIn(Supplier<T> call) {
        return timed(LOG_IN_TIMER, "Duration of Ward log-in calls", call);
    }

    /**
     * Runs a refresh call and records its duration under {@value #REFRESH_TIMER}.
     *
     * @param <T> the call's result
     * @param call the call, for example {@code () -> auth.refresh(token)}
     * @return the call's result
     */
    public <T> T timeRefresh(Supplier<T> call) {
        return timed(REFRESH_TIMER, "Duration of Ward refresh calls", call);
    }

    private <T> T timed(String name, String description, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder(name).tag("outcome", outcome).description(description).register(registry));
        }
    }
}
