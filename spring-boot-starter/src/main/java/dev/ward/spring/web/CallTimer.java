package dev.ward.spring.web;

import java.util.function.Supplier;

/**
 * Times the calls of the endpoints that a host watches most: log-ins (by password or link) and
 * refreshes. The endpoints make these calls, and the {@link dev.ward.AuthManager} is final, so a
 * meter registry's timer wraps them here. A call that throws is still a call.
 */
interface CallTimer {

    /** Times nothing. */
    CallTimer NONE = new CallTimer() {
        @Override
        public <T> T logIn(Supplier<T> call) {
            return call.get();
        }

        @Override
        public <T> T refresh(Supplier<T> call) {
            return call.get();
        }
    };

    /** Makes a log-in call and times it. */
    <T> T logIn(Supplier<T> call);

    /** Makes a refresh call and times it. */
    <T> T refresh(Supplier<T> call);
}
