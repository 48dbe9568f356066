package dev.ward;

import dev.ward.internal.validation.Emails;
import dev.ward.internal.validation.RequestValidator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * An e-mail address given on its own (a forgotten password, a log-in link, a new address),
 * checked by the same rules as at sign-up, after normalisation.
 *
 * @param email the normalised address
 */
record EmailAddress(@NotBlank @Email @Size(max = Emails.MAX_LENGTH) String email) {

    /**
     * Normalises and checks an address.
     *
     * @param raw the address as given; may be null
     * @param field the field name for violations
     * @return the normalised address
     * @throws AuthException {@link AuthError#INVALID_REQUEST} naming {@code field} when the
     *     address is missing or malformed
     */
    static String checked(String raw, String field) {
        String email = Emails.normalize(raw);
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldViolation v : RequestValidator.validate(new EmailAddress(email))) {
            violations.add(new FieldViolation(field, v.message()));
        }
        Emails.checkText(field, email, violations);
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        return email;
    }
}
