package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.internal.password.BcryptPasswordHasher;
import dev.ward.internal.password.PasswordEncoding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Passwords")
class PasswordsTest {

    private final CountingHasher hasher = new CountingHasher();
    private final Passwords passwords = new Passwords(PasswordPolicy.defaults(), hasher, new PasswordEncoding(null));

    @Test
    @DisplayName("an unknown account is checked against the dummy hash, once, and never matches")
    void unknownAccountCostsOneCheck() {
        Passwords.Verification result = passwords.verify(Fixture.PASSWORD, null);
        assertThat(result.matches()).isFalse();
        assertThat(result.upgradedHash()).isNull();
        assertThat(hasher.verifiedAgainst).containsExactly(hasher.dummyHash());
        assertThat(hasher.runs()).isEqualTo(1);
    }

    @Test
    @DisplayName("a hash of a lower cost than configured is upgraded on a match, and only then")
    void weakerHashIsUpgraded() {
        String weak = new BcryptPasswordHasher(4).hash(Fixture.PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Passwords strong = new Passwords(PasswordPolicy.defaults(), new BcryptPasswordHasher(5), new PasswordEncoding(null));
        Passwords.Verification ok = strong.verify(Fixture.PASSWORD, weak);
        assertThat(ok.matches()).isTrue();
        assertThat(ok.upgradedHash()).startsWith("$2").contains("$05$");
        assertThat(strong.verify("wrong password here", weak).upgradedHash()).isNull();
        assertThat(strong.matches(Fixture.PASSWORD, weak)).isTrue();
    }

    @Test
    @DisplayName("after the cost was raised, a wrong password on an old hash still costs a check at the new cost")
    void equalWorkAfterCostChange() {
        String weak = new BcryptPasswordHasher(4).hash(Fixture.PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CountingHasher atFive = new CountingHasher(5);
        Passwords raised = new Passwords(PasswordPolicy.defaults(), atFive, new PasswordEncoding(null));

        raised.verify("not the password at all", null);
        assertThat(atFive.costs).as("an unknown address").containsExactly(5);
        atFive.costs.clear();
        assertThat(raised.verify("not the password at all", weak).matches()).isFalse();
        assertThat(atFive.costs).as("a wrong password on a cost-4 hash").containsExactly(4, 5);
        atFive.costs.clear();
        assertThat(raised.verify(Fixture.PASSWORD, weak).matches()).isTrue();
        assertThat(atFive.costs).as("the right password: checked, then re-hashed at 5").containsExactly(4, 5);
    }

    @Test
    @DisplayName("policy problems are reported against the field the caller names")
    void policyViolationsNameTheField() {
        assertThat(passwords.check("short", "newPassword", "Alice", "alice@example.com"))
                .isNotEmpty().allSatisfy(v -> assertThat(v.field()).isEqualTo("newPassword"));
        assertThat(passwords.check(Fixture.PASSWORD, "password", "Alice", "alice@example.com")).isEmpty();
    }

    @Test
    @DisplayName("a verification's text never shows a hash")
    void verificationHidesHash() {
        Passwords strong = new Passwords(PasswordPolicy.defaults(), new BcryptPasswordHasher(5), new PasswordEncoding(null));
        String weak = hasher.hash(Fixture.PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Passwords.Verification ok = strong.verify(Fixture.PASSWORD, weak);
        assertThat(ok.upgradedHash()).isNotNull();
        assertThat(ok.toString()).doesNotContain(ok.upgradedHash()).doesNotContain("$2");
    }
}
