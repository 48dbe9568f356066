package dev.ward.internal.token;

/**
 * An Ed25519 verifier over one public key, other than the JDK's own, which {@link EdKeyMaterial}
 * uses unless it is given one of these. The only one is {@link TinkEd25519}'s.
 */
interface Ed25519Engine {

    /**
     * Verifies a signature.
     *
     * @param data the signed bytes
     * @param signature the 64-byte signature
     * @return true only for a valid signature
     */
    boolean verify(byte[] data, byte[] signature);
}
