package dev.ward;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Events")
class EventsTest {

    private final AuthEvent event = new AuthEvent.PasswordChanged(Instant.EPOCH, "u1");

    @Test
    @DisplayName("a listener that throws an exception or an ordinary error does not fail the flow")
    void failingListenerIsContained() {
        assertThatCode(() -> new Events(e -> {
            throw new IllegalStateException("audit log down");
        }).emit(event)).doesNotThrowAnyException();
        assertThatCode(() -> new Events(e -> {
            throw new AssertionError("listener bug");
        }).emit(event)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a virtual machine error in the listener is not swallowed")
    void virtualMachineErrorPropagates() {
        Events events = new Events(e -> {
            throw new OutOfMemoryError("simulated");
        });
        assertThatThrownBy(() -> events.emit(event)).isInstanceOf(OutOfMemoryError.class);
    }
}
