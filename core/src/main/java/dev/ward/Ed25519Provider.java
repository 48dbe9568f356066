package dev.ward;

/**
 * Which implementation verifies Ed25519 ({@link JwtAlgorithm#EdDSA}) signatures: the JDK's own,
 * or Google Tink's. Both accept exactly the same signatures; they differ only in speed and in
 * what must be on the class path. Tokens of the other algorithms are not affected.
 *
 * <p>Chosen with {@link AuthSettings.Builder#ed25519Provider(Ed25519Provider)} for an
 * {@link AuthManager} and with {@link AccessTokenVerifier.Builder#ed25519Provider(Ed25519Provider)}
 * for a resource server; {@link #JDK} by default.
 */
public enum Ed25519Provider {

    /** The JDK's Ed25519 implementation: always available, the default. */
    JDK,

    /**
     * Google Tink's Ed25519 verifier, several times faster than the JDK's on JDK 17 (see
     * {@code benchmarks/RESULTS.md}). Tink ({@code com.google.crypto.tink:tink}) is an optional
     * dependency of {@code ward-core}: the host must add it to its own dependencies to choose
     * this provider.
     */
    TINK
}
