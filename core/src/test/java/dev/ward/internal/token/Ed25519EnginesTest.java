package dev.ward.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.JwtAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ed25519 through Tink (when present, as in these tests) and through the JDK must give the same
 * verdict on every signature, valid or hostile.
 */
@DisplayName("Ed25519 through Tink and through the JDK")
class Ed25519EnginesTest {

    /** The order of the Ed25519 base point. */
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    @DisplayName("Tink is on the test class path, so EdDSA keys verify through it")
    void tinkIsUsed() {
        KeyMaterial.Ed key = (KeyMaterial.Ed) KeyLoading.generate("k", JwtAlgorithm.EdDSA);

        assertThat(key.usesTink()).isTrue();
    }

    @Test
    @DisplayName("both agree on valid signatures, bit flips, S + L, zero and all-ones signatures")
    void bothAgree() {
        KeyMaterial.Ed key = (KeyMaterial.Ed) KeyLoading.generate("k", JwtAlgorithm.EdDSA);
        KeyMaterial.Ed other = (KeyMaterial.Ed) KeyLoading.generate("o", JwtAlgorithm.EdDSA);
        Random random = new Random(20261127);
        int accepted = 0;
        for (int round = 0; round < 300; round++) {
            byte[] data = ("message " + round + " " + random.nextLong()).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = key.sign(data);
            for (byte[] candidate : variants(signature, other.sign(data), random)) {
                boolean tink = key.verify(data, candidate);
                boolean jdk = key.verifyWithJdk(data, candidate);
                assertThat(tink).as("round %d", round).isEqualTo(jdk);
                if (tink) {
                    accepted++;
                }
            }
            byte[] changedData = Arrays.copyOf(data, data.length);
            changedData[random.nextInt(changedData.length)] ^= 1;
            assertThat(key.verify(changedData, signature)).isFalse();
            assertThat(key.verifyWithJdk(changedData, signature)).isFalse();
        }
        assertThat(accepted).as("only the genuine signatures").isEqualTo(300);
    }

    private static byte[][] variants(byte[] signature, byte[] otherKeys, Random random) {
        byte[] flipped = signature.clone();
        flipped[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
        byte[] sPlusL = signature.clone();
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        byte[] reversed = new byte[32];
        for (int i = 0; i < 32; i++) {
            reversed[i] = s[31 - i];
        }
        BigInteger big = new BigInteger(1, reversed).add(L);
        byte[] bigBytes = big.toByteArray();
        byte[] little = new byte[32];
        for (int i = 0; i < 32 && i < bigBytes.length; i++) {
            little[i] = bigBytes[bigBytes.length - 1 - i];
        }
        System.arraycopy(little, 0, sPlusL, 32, 32);
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xFF);
        return new byte[][] {signature, flipped, sPlusL, new byte[64], ones, otherKeys};
    }
}
