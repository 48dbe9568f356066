package dev.ward.spring;

import dev.ward.AuthEvent;
import dev.ward.AuthEventListener;
import dev.ward.AuthenticatedUser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The host applications of the tests: auto-configuration only, no component scan. */
final class TestApps {

    /** An API key for tests: 32 random-looking bytes, base64. */
    static final String HMAC_SECRET = "q3J7b1dZc2Y0TjlXZ2ZqS3V4QmFtTXBYcnZ0RWNoTGc=";

    private TestApps() {
    }

    /** A host with a controller protected by roles and reading the principal, and method security. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableMethodSecurity
    @Import({ProtectedController.class, Recorder.class})
    static class SecuredApp {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        MovableClock clock() {
            return new MovableClock();
        }
    }

    /** The host's clock, which tests move forward instead of sleeping. */
    static final class MovableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-03-01T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the tests' clock stays in UTC");
        }
    }

    /** The test controller: who am I, and an admin-only route. */
    @RestController
    static class ProtectedController {

        @GetMapping("/me")
        String me(@AuthenticationPrincipal AuthenticatedUser user) {
            return user.userId();
        }

        @PostMapping("/me")
        String postMe(@AuthenticationPrincipal AuthenticatedUser user) {
            return "posted " + user.userId();
        }

        @GetMapping("/admin/report")
        String report(@AuthenticationPrincipal AuthenticatedUser user) {
            return "report for " + user.userId();
        }

        @PreAuthorize("hasRole('admin')")
        @GetMapping("/audit")
        String audit() {
            return "audit";
        }

        @GetMapping("/public/hello")
        String hello() {
            return "hello";
        }
    }

    /** Records Ward's events twice: as Spring application events and as the host's own listener. */
    static class Recorder implements AuthEventListener {

        final List<AuthEvent> springEvents = new CopyOnWriteArrayList<>();
        final List<AuthEvent> listenerEvents = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AuthEvent event) {
            springEvents.add(event);
        }

        @Override
        public void onEvent(AuthEvent event) {
            listenerEvents.add(event);
        }
    }
}
