package dev.ward.internal.token;

import java.security.GeneralSecurityException;

/**
 * An Ed25519 verifier over one public key. Ward uses Google Tink's when Tink is on the class
 * path (several times faster than the JDK's own, and equally strict), and the JDK's otherwise.
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

    /** Whether Tink can be used: its Ed25519 class is present and initialises. */
    boolean TINK_AVAILABLE = TinkProbe.available();

    /**
     * Returns Tink's verifier for a raw public key.
     *
     * @param rawPublicKey the 32-byte public key
     * @return the verifier
     * @throws IllegalStateException if Tink is not available
     */
    static Ed25519Engine tink(byte[] rawPublicKey) {
        if (!TINK_AVAILABLE) {
            throw new IllegalStateException("Tink is not on the class path");
        }
        return new TinkEd25519(rawPublicKey);
    }

    /** Looks for Tink without linking to it, so that Ward runs without it. */
    final class TinkProbe {
        private TinkProbe() {
        }

        static boolean available() {
            try {
                Class.forName("com.google.crypto.tink.subtle.Ed25519Verify", true, Ed25519Engine.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                return false;
            }
        }
    }

    /** Tink's verifier. Loaded only when {@link #TINK_AVAILABLE}. */
    final class TinkEd25519 implements Ed25519Engine {
        private final com.google.crypto.tink.subtle.Ed25519Verify verifier;

        TinkEd25519(byte[] rawPublicKey) {
            this.verifier = new com.google.crypto.tink.subtle.Ed25519Verify(rawPublicKey.clone());
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) {
            try {
                verifier.verify(signature, data);
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
    }
}
