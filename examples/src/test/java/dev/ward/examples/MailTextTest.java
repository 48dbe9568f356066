package dev.ward.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.Notification;
import dev.ward.UserAccount;
import dev.ward.store.OneTimeTokenPurpose;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The text of each message (MailText)")
class MailTextTest {

    static final UserAccount USER = new UserAccount("u-1", "alice", "alice@example.com", Set.of("user"),
            Instant.parse("2026-01-01T00:00:00Z"));
    static final String TOKEN = "A".repeat(21) + "-_" + "b".repeat(20);
    static final URI APP = URI.create("https://app.example.com/ward/");

    @ParameterizedTest(name = "{0}: link #{1}=<token>, subject \"{2}\"")
    @CsvSource({
            "EMAIL_VERIFICATION, verify-email, Confirm your e-mail address",
            "PASSWORD_RESET, reset-password, Reset your password",
            "EMAIL_CHANGE, confirm-email, Confirm your new e-mail address",
            "LOG_IN_LINK, log-in-link, Your log-in link"})
    @DisplayName("a link carries the token in the URL's fragment, never in a query string")
    void linkInFragment(OneTimeTokenPurpose purpose, String action, String subject) {
        MailText.Mail mail = MailText.of(new Notification.OneTimeLink(purpose, USER, "to@example.com", TOKEN,
                Instant.parse("2026-01-02T10:30:00Z")), APP);

        assertThat(mail.subject()).isEqualTo(subject);
        assertThat(mail.recipient()).isEqualTo("to@example.com");
        assertThat(mail.kind()).isEqualTo(purpose.code());
        assertThat(mail.body()).contains("https://app.example.com/ward/#" + action + "=" + TOKEN + "\n")
                .contains("Hello alice,").contains("2026-01-02 10:30 UTC").doesNotContain("?");
        assertThat(mail.toString()).doesNotContain(TOKEN);
    }

    @Test
    @DisplayName("the notices name what happened and carry no link")
    void notices() {
        MailText.Mail changed = MailText.of(new Notification.PasswordChanged(USER, "alice@example.com",
                Instant.parse("2026-01-03T08:00:00Z")), APP);
        MailText.Mail requested = MailText.of(new Notification.EmailChangeRequested(USER, "alice@example.com",
                "new@example.com", Instant.parse("2026-01-03T08:00:00Z")), APP);

        assertThat(changed.subject()).isEqualTo("Your password was changed");
        assertThat(changed.kind()).isEqualTo("password_changed");
        assertThat(changed.body()).contains("2026-01-03 08:00 UTC").doesNotContain("#");
        assertThat(requested.subject()).isEqualTo("A change of your e-mail address was asked for");
        assertThat(requested.kind()).isEqualTo("email_change_requested");
        assertThat(requested.body()).contains("new@example.com").doesNotContain("#");
    }
}
