package dev.ward;

/**
 * Hands {@link AuthEvent}s to the host's listener. A listener that throws is logged and
 * otherwise ignored: an audit hook that fails must not fail a log-in, nor leave a half-done
 * rotation behind.
 */
final class Events {

    private static final System.Logger LOG = System.getLogger("dev.ward");

    private final AuthEventListener listener;

    Events(AuthEventListener listener) {
        this.listener = listener;
    }

    void emit(AuthEvent event) {
        try {
            listener.onEvent(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "the event listener failed on " + event.getClass().getSimpleName(), e);
        }
    }
}
