package dev.ward;

import dev.ward.internal.validation.Emails;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A sign-up: the tutorial's {@code {userName, email, password}}.
 *
 * <p>Validated as a whole by {@link AuthManager#signUp(SignUpRequest)}: every problem is
 * reported at once. The e-mail address is normalised (trimmed, NFKC, lower-case) before it is
 * checked. {@link #toString()} never shows the password.
 *
 * @param userName the display name, 1 to 100 characters after trimming, with no control
 *     characters or unpaired surrogates
 * @param email the e-mail address, at most 254 characters once normalised, with no control,
 *     invisible or format characters
 * @param password the password, checked by the configured {@link PasswordPolicy}
 */
public record SignUpRequest(
        @NotBlank @Size(max = 100) String userName,
        @NotBlank @Email @Size(max = Emails.MAX_LENGTH) String email,
        @NotNull String password) {

    @Override
    public String toString() {
        return "SignUpRequest[userName=" + userName + ", email=" + email + ", password=***]";
    }
}
