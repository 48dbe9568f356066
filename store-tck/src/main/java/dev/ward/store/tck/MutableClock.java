package dev.ward.store.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand, for every module's tests: Ward reads the time only through a
 * {@link Clock}, so nothing sleeps in a test. Thread-safe; always UTC.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /**
     * Creates a clock that stands at {@code start} until it is moved.
     *
     * @param start the first instant the clock tells
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * Creates a clock that stands at an instant written in ISO-8601.
     *
     * @param isoInstant the instant, for example {@code 2030-01-01T00:00:00Z}
     * @return the clock
     * @throws java.time.format.DateTimeParseException if the text is not an instant
     */
    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    /**
     * Moves the clock forwards (or, with a negative duration, backwards).
     *
     * @param duration how far to move it
     */
    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    /**
     * Puts the clock at an instant, in the past or the future.
     *
     * @param instant the instant the clock tells from now on
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a MutableClock is always UTC");
    }
}
