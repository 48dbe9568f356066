package dev.ward;

/**
 * The JWS algorithms Ward signs and verifies access tokens with.
 *
 * <p>Every {@link JwtKey} is bound to exactly one of them, and a token is only ever verified
 * with the algorithm of the key its {@code kid} names. The constants are named exactly as in
 * JWS, so {@code JwtAlgorithm.valueOf("ES256")} reads one from configuration.
 */
public enum JwtAlgorithm {

    /** HMAC with SHA-256 and a shared secret of at least 32 bytes. The default: the fastest,
     *  but every service that verifies tokens must hold the secret, and it can sign too. */
    HS256("HS256"),

    /** ECDSA on P-256 with SHA-256: small keys and signatures; verifiers hold only the public key. */
    ES256("ES256"),

    /** EdDSA with Ed25519: small keys, fast and deterministic signatures; public-key verification. */
    EdDSA("EdDSA"),

    /** RSASSA-PKCS1-v1_5 with SHA-256 and keys of at least 2048 bits: the most widely supported
     *  public-key algorithm, with large keys and signatures. */
    RS256("RS256");

    private final String jwsName;

    JwtAlgorithm(String jwsName) {
        this.jwsName = jwsName;
    }

    /**
     * Returns the algorithm's name in a JWS header ({@code alg}).
     *
     * @return for example {@code "HS256"}
     */
    public String jwsName() {
        return jwsName;
    }

    /**
     * Tells whether the algorithm uses a shared secret rather than a key pair.
     *
     * @return true for {@link #HS256}
     */
    public boolean isSymmetric() {
        return this == HS256;
    }
}
