package dev.ward;

import dev.ward.internal.validation.Emails;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * A log-in: e-mail, password and, optionally, what the host knows of the client and the
 * device token that an earlier log-in on this client returned.
 *
 * <p>{@link #toString()} never shows the password or the device token.
 *
 * @param email the e-mail address, at most 254 characters once normalised (trimmed, NFKC,
 *     lower-case), with no control, invisible or format characters
 * @param password the password, at most 4096 characters
 * @param client the client's address and user agent; null means unknown
 * @param deviceToken the {@link TokenPair#deviceToken()} of an earlier log-in on this client,
 *     or null; a token that is malformed, unknown, expired or another user's counts as none,
 *     without an error
 */
public record LogInRequest(
        @NotBlank @Size(max = Emails.MAX_LENGTH) String email,
        @NotEmpty @Size(max = 4096) String password,
        ClientInfo client,
        String deviceToken) {

    /**
     * Creates a request, replacing a null {@code client} with {@link ClientInfo#UNKNOWN}.
     *
     * @param email as described for the record
     * @param password as described for the record
     * @param client as described for the record
     * @param deviceToken as described for the record
     */
    public LogInRequest {
        client = client == null ? ClientInfo.UNKNOWN : client;
    }

    /**
     * Creates a request without a device token.
     *
     * @param email the e-mail address
     * @param password the password
     * @param client the client's address and user agent; null means unknown
     */
    public LogInRequest(String email, String password, ClientInfo client) {
        this(email, password, client, null);
    }

    /**
     * Creates a request without client information.
     *
     * @param email the e-mail address
     * @param password the password
     */
    public LogInRequest(String email, String password) {
        this(email, password, ClientInfo.UNKNOWN, null);
    }

    @Override
    public String toString() {
        return "LogInRequest[email=" + email + ", password=***, client=" + client + ", deviceToken="
                + (deviceToken == null ? "null" : "***") + "]";
    }
}
