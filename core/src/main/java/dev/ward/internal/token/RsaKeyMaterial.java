package dev.ward.internal.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ward.JwtAlgorithm;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** RS256: RSASSA-PKCS1-v1_5 with SHA-256, keys of at least 2048 bits. */
public final class RsaKeyMaterial extends AsymmetricKeyMaterial {

    private final int signatureLength;

    /**
     * Creates an RS256 key.
     *
     * @param kid the key id
     * @param publicKey the RSA public key, at least 2048 bits
     * @param privateKey the matching private key, or null for a verify-only key
     * @throws IllegalArgumentException if the key is shorter than 2048 bits, or the two do not match
     */
    public RsaKeyMaterial(String kid, RSAPublicKey publicKey, PrivateKey privateKey) {
        super(kid, JwtAlgorithm.RS256, "SHA256withRSA", publicKey, privateKey);
        int bits = publicKey.getModulus().bitLength();
        if (bits < 2048) {
            throw new IllegalArgumentException("an RS256 key must have at least 2048 bits, got " + bits);
        }
        // With e = 1 anyone can "sign", and an even e is no RSA key at all. The JDK's key
        // factory refuses only e < 3, and a key object from elsewhere is not checked at all.
        BigInteger e = publicKey.getPublicExponent();
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
            throw new IllegalArgumentException("an RS256 public key needs an odd exponent of at least 3");
        }
        if (privateKey != null && !"RSA".equals(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("an RS256 private key must be an RSA key");
        }
        this.signatureLength = (bits + 7) / 8;
        checkPair();
    }

    @Override
    public boolean verify(byte[] input, byte[] signature) {
        return signature.length == signatureLength && jcaVerify(input, signature);
    }

    @Override
    public KeyMaterial verifyOnly() {
        return privateKey == null ? this : new RsaKeyMaterial(kid(), (RSAPublicKey) publicKey, null);
    }

    @Override
    public Optional<JWK> publicJwk() {
        return Optional.of(new RSAKey.Builder((RSAPublicKey) publicKey)
                .keyID(kid()).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build());
    }

    @Override
    public JWK privateJwk() {
        requirePrivate();
        return new RSAKey.Builder((RSAPublicKey) publicKey).privateKey(privateKey)
                .keyID(kid()).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
    }
}
