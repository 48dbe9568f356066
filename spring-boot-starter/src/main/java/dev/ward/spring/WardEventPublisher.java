package dev.ward.spring;

import dev.ward.AuthEvent;
import dev.ward.AuthEventListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The manager's one listener: publishes each {@link AuthEvent} as a Spring application event
 * (an {@code @EventListener} method taking {@code AuthEvent.LoggedIn}, say, receives it), then
 * hands it to each of the host's own {@link AuthEventListener} beans. A listener that throws
 * is logged and does not keep the others from the event.
 */
final class WardEventPublisher implements AuthEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(WardEventPublisher.class);

    private final ApplicationEventPublisher publisher;
    private final List<AuthEventListener> listeners;

    WardEventPublisher(ApplicationEventPublisher publisher, List<AuthEventListener> listeners) {
        this.publisher = publisher;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onEvent(AuthEvent event) {
        deliver("Spring's application event publisher", () -> publisher.publishEvent(event), event);
        for (AuthEventListener listener : listeners) {
            deliver(listener.getClass().getName(), () -> listener.onEvent(event), event);
        }
    }

    private static void deliver(String to, Runnable delivery, AuthEvent event) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            // The event's fields (e-mail addresses) are not logged; its type is enough to find it.
            LOG.warn("a Ward event listener ({}) failed on {}", to, event.getClass().getSimpleName(), e);
        }
    }
}
