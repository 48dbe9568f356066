package dev.ward;

/**
 * Receives the {@link AuthEvent}s of an {@link AuthManager}.
 *
 * <p>Called synchronously on the thread of the operation, after the operation's state change
 * is stored; keep it fast, or hand the event to another thread. It may be called from many
 * threads at once. An exception it throws is logged and otherwise ignored: a listener never
 * breaks authentication.
 */
@FunctionalInterface
public interface AuthEventListener {

    /** A listener that ignores every event. */
    AuthEventListener NONE = event -> {
    };

    /**
     * Handles one event.
     *
     * @param event the event
     */
    void onEvent(AuthEvent event);
}
