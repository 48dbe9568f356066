package dev.ward;

/**
 * Hands {@link Notification}s to the host's {@link Notifier}. A notifier that throws is logged,
 * by the kind of message and the user's id only (never its token or address), and otherwise
 * ignored: the request that caused the message has already been recorded, and the user can
 * ask again.
 */
final class Notifications {

    private static final System.Logger LOG = System.getLogger("dev.ward");

    private final Notifier notifier;

    Notifications(Notifier notifier) {
        this.notifier = notifier;
    }

    void send(Notification message) {
        try {
            notifier.send(message);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // The exception's own text is left out: a notifier may have put the message in it.
            LOG.log(System.Logger.Level.WARNING, "the notifier failed on " + message.getClass().getSimpleName()
                    + " for user " + message.user().id() + ": " + e.getClass().getName());
        }
    }
}
