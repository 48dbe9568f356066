package dev.ward.internal.token;

import dev.ward.JwtAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;

/**
 * Shared code of the public-key algorithms: one JCA {@link Signature} per thread for signing and
 * one for verifying, and the check that a private and a public key belong together.
 */
abstract sealed class AsymmetricKeyMaterial extends KeyMaterial permits EcKeyMaterial, EdKeyMaterial, RsaKeyMaterial {

    private final String jcaName;
    final PublicKey publicKey;
    final PrivateKey privateKey;
    private final ThreadLocal<Signature> verifiers;
    private final ThreadLocal<Signature> signers;

    AsymmetricKeyMaterial(String kid, JwtAlgorithm algorithm, String jcaName, PublicKey publicKey,
                          PrivateKey privateKey) {
        super(kid, algorithm);
        this.jcaName = jcaName;
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.privateKey = privateKey;
        this.verifiers = perThread(jcaName, signature -> signature.initVerify(publicKey));
        this.signers = privateKey == null ? null : perThread(jcaName, signature -> signature.initSign(privateKey));
    }

    /** Initialises a fresh {@link Signature} for signing or for verifying. */
    private interface Initialiser {
        void init(Signature signature) throws GeneralSecurityException;
    }

    private static ThreadLocal<Signature> perThread(String jcaName, Initialiser initialiser) {
        return ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance(jcaName);
                initialiser.init(signature);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(jcaName + " is not available", e);
            }
        });
    }

    @Override
    public final boolean canSign() {
        return privateKey != null;
    }

    /**
     * Signs with the JCA signature, whose output is already in JWS's format for every algorithm
     * here (ES256 through {@code SHA256withECDSAinP1363Format}).
     */
    @Override
    public final byte[] sign(byte[] input) {
        requirePrivate();
        Signature signer = signers.get();
        try {
            signer.update(input);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            signers.remove();
            throw new IllegalStateException(jcaName + " signing failed", e);
        }
    }

    /** Verifies a signature in the JCA's own format. */
    final boolean jcaVerify(byte[] input, byte[] jcaSignature) {
        Signature verifier = verifiers.get();
        try {
            verifier.update(input);
            return verifier.verify(jcaSignature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed signature may leave the object mid-operation: start afresh next time.
            verifiers.remove();
            return false;
        }
    }

    final void requirePrivate() {
        if (privateKey == null) {
            throw new IllegalStateException("key " + kid() + " is verify-only");
        }
    }

    /**
     * Checks that the private and the public key belong together, by a test signature.
     *
     * @throws IllegalArgumentException if they do not
     */
    final void checkPair() {
        if (privateKey == null) {
            return;
        }
        byte[] probe = "ward key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!verify(probe, sign(probe))) {
            throw new IllegalArgumentException("the private key and the public key of " + kid()
                    + " do not belong together");
        }
    }
}
