package dev.ward.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The mail settings (MailConfig, read by ServerConfig)")
class MailConfigTest {

    @Test
    @DisplayName("default to the outbox folder, port 587 with STARTTLS, and the documented sender")
    void defaults() {
        ServerConfig config = ServerConfig.of(Map.of());
        MailConfig mail = config.mail();

        assertThat(mail.smtpHost()).isEmpty();
        assertThat(mail.smtpPort()).isEqualTo(587);
        assertThat(mail.smtpUser()).isEmpty();
        assertThat(mail.tls()).isEqualTo(MailConfig.Tls.STARTTLS);
        assertThat(mail.from().toString()).isEqualTo("Ward <no-reply@localhost>");
        assertThat(mail.outbox()).isEqualTo(Path.of("ward-outbox"));
        assertThat(mail.appUrl()).isEmpty();
        assertThat(config.authSettings().requireVerifiedEmail()).isFalse();
        assertThat(config.authSettings().logInLinks()).isFalse();
        assertThat(config.describe()).containsPattern("SMTP_HOST\\s+\\(unset: outbox\\)")
                .containsPattern("APP_URL\\s+\\(unset: http://localhost:8080/\\)");
    }

    @Test
    @DisplayName("reads every setting, and passes REQUIRE_VERIFIED_EMAIL and LOG_IN_LINKS to Ward")
    void readsEverySetting() {
        ServerConfig config = ServerConfig.of(Map.of("SMTP_HOST", "smtp.example.com", "SMTP_PORT", "465",
                "SMTP_USER", "ward", "SMTP_PASSWORD", "smtp-secret-password", "SMTP_TLS", "TLS",
                "MAIL_FROM", "Accounts <accounts@example.com>", "MAIL_OUTBOX", "/var/lib/ward/outbox",
                "APP_URL", "https://app.example.com/account/", "REQUIRE_VERIFIED_EMAIL", "true", "LOG_IN_LINKS", "yes"));
        MailConfig mail = config.mail();

        assertThat(mail.smtpHost()).contains("smtp.example.com");
        assertThat(mail.smtpPort()).isEqualTo(465);
        assertThat(mail.smtpUser()).contains("ward");
        assertThat(mail.smtpPassword()).contains("smtp-secret-password");
        assertThat(mail.tls()).isEqualTo(MailConfig.Tls.TLS);
        assertThat(mail.from().getAddress()).isEqualTo("accounts@example.com");
        assertThat(mail.outbox()).isEqualTo(Path.of("/var/lib/ward/outbox"));
        assertThat(mail.appUrl()).contains(URI.create("https://app.example.com/account/"));
        assertThat(config.authSettings().requireVerifiedEmail()).isTrue();
        assertThat(config.authSettings().logInLinks()).isTrue();
    }

    @Test
    @DisplayName("never shows the SMTP password, in describe() or toString()")
    void passwordHidden() {
        ServerConfig config = ServerConfig.of(Map.of("SMTP_HOST", "smtp.example.com", "SMTP_USER", "ward",
                "SMTP_PASSWORD", "smtp-secret-password"));

        assertThat(config.describe()).doesNotContain("smtp-secret-password")
                .containsPattern("SMTP_PASSWORD\\s+\\*\\*\\*\\*\\*\\* \\(set\\)");
        assertThat(config.mail().toString()).doesNotContain("smtp-secret-password").contains("smtp.example.com");
        assertThat(config.toString()).doesNotContain("smtp-secret-password");
    }

    @Test
    @DisplayName("reports every bad mail setting at once, with the rest")
    void everyProblemAtOnce() {
        Map<String, String> bad = Map.of("SMTP_PORT", "70000", "SMTP_TLS", "maybe", "SMTP_USER", "ward",
                "MAIL_FROM", "not an address <", "APP_URL", "ftp://example.com/", "LOG_IN_LINKS", "sometimes",
                "REQUIRE_VERIFIED_EMAIL", "perhaps", "SALT", "3");

        assertThatThrownBy(() -> ServerConfig.of(bad)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("SMTP_PORT must be between 1 and 65535"))
                        .anySatisfy(p -> assertThat(p).startsWith("SMTP_TLS must be starttls, tls or none"))
                        .anySatisfy(p -> assertThat(p).startsWith("SMTP_USER and SMTP_PASSWORD must be set together"))
                        .anySatisfy(p -> assertThat(p).startsWith("SMTP_USER needs SMTP_HOST"))
                        .anySatisfy(p -> assertThat(p).startsWith("MAIL_FROM must be an address"))
                        .anySatisfy(p -> assertThat(p).startsWith("APP_URL must start with http:// or https://"))
                        .anySatisfy(p -> assertThat(p).startsWith("LOG_IN_LINKS must be true or false"))
                        .anySatisfy(p -> assertThat(p).startsWith("REQUIRE_VERIFIED_EMAIL must be true or false"))
                        .anySatisfy(p -> assertThat(p).startsWith("SALT must be between 4 and 31")));
    }

    @Test
    @DisplayName("refuses an APP_URL with a fragment or credentials, and a password sent in clear to another host")
    void refusesUnsafeValues() {
        assertThatThrownBy(() -> ServerConfig.of(Map.of("APP_URL", "https://app.example.com/#start")))
                .hasMessageContaining("APP_URL must not have a fragment");
        assertThatThrownBy(() -> ServerConfig.of(Map.of("APP_URL", "https://me:pw@app.example.com/")))
                .hasMessageContaining("APP_URL must not hold a user name or password");
        assertThatThrownBy(() -> ServerConfig.of(Map.of("SMTP_HOST", "smtp.example.com", "SMTP_TLS", "none",
                "SMTP_USER", "ward", "SMTP_PASSWORD", "smtp-secret-password")))
                .hasMessageContaining("SMTP_TLS none would send SMTP_PASSWORD in clear text")
                .hasMessageNotContaining("smtp-secret-password");

        assertThat(ServerConfig.of(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_TLS", "none", "SMTP_USER", "ward",
                "SMTP_PASSWORD", "smtp-secret-password")).mail().tls()).as("this machine").isEqualTo(MailConfig.Tls.NONE);
        assertThat(ServerConfig.of(Map.of("SMTP_HOST", "relay.internal", "SMTP_TLS", "none")).mail().tls())
                .as("no password, no secret to leak").isEqualTo(MailConfig.Tls.NONE);
    }
}
