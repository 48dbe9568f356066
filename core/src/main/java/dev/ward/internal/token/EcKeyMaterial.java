package dev.ward.internal.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import dev.ward.JwtAlgorithm;
import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.Arrays;
import java.util.Optional;

/**
 * ES256: ECDSA on P-256, signatures as the 64-byte concatenation R || S of RFC 7518, which is
 * the JDK's {@code SHA256withECDSAinP1363Format}, so no DER transcoding is needed.
 */
public final class EcKeyMaterial extends AsymmetricKeyMaterial {

    private final BigInteger order;

    /**
     * Creates an ES256 key.
     *
     * @param kid the key id
     * @param publicKey the P-256 public key
     * @param privateKey the P-256 private key, or null for a verify-only key
     * @throws IllegalArgumentException if a key is not on P-256, the public point is not on the
     *     curve, or the two do not match
     */
    public EcKeyMaterial(String kid, ECPublicKey publicKey, ECPrivateKey privateKey) {
        super(kid, JwtAlgorithm.ES256, "SHA256withECDSAinP1363Format", publicKey, privateKey);
        requireP256(publicKey.getParams());
        requireOnCurve(publicKey);
        if (privateKey != null) {
            requireP256(privateKey.getParams());
        }
        this.order = publicKey.getParams().getOrder();
        checkPair();
    }

    private static void requireP256(ECParameterSpec params) {
        if (!Curve.P_256.equals(Curve.forECParameterSpec(params))) {
            throw new IllegalArgumentException("an ES256 key must be on curve P-256");
        }
    }

    /**
     * Refuses a public point that is the point at infinity, has a coordinate outside the field or
     * does not satisfy y^2 = x^3 + ax + b (mod p): a key object made by other code, or decoded by a
     * provider that does not check, may hold one, and an invalid-curve point can leak a signer's
     * secret or make forged signatures verify.
     */
    private static void requireOnCurve(ECPublicKey publicKey) {
        ECPoint w = publicKey.getW();
        EllipticCurve curve = publicKey.getParams().getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (w == null || ECPoint.POINT_INFINITY.equals(w)) {
            throw new IllegalArgumentException("an ES256 public key must not be the point at infinity");
        }
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0
                || !y.multiply(y).subtract(x.pow(3).add(curve.getA().multiply(x)).add(curve.getB())).mod(p).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException("an ES256 public key must be a point on curve P-256");
        }
    }

    @Override
    public boolean verify(byte[] input, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        // Refuse r or s outside [1, n-1] before the JCA sees them (CVE-2022-21449 was an
        // all-zero signature accepted by a JDK).
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
            return false;
        }
        return jcaVerify(input, signature);
    }

    @Override
    public KeyMaterial verifyOnly() {
        return privateKey == null ? this : new EcKeyMaterial(kid(), (ECPublicKey) publicKey, null);
    }

    @Override
    public Optional<JWK> publicJwk() {
        return Optional.of(new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey)
                .keyID(kid()).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE).build());
    }

    @Override
    public JWK privateJwk() {
        requirePrivate();
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey).privateKey(privateKey)
                .keyID(kid()).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE).build();
    }
}
