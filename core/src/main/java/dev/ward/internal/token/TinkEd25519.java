package dev.ward.internal.token;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.util.Bytes;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ed25519 verification through Google Tink, which a host chooses explicitly: an
 * {@link AccessTokenCodec} built with {@code tinkEd25519} true verifies its Ed25519 keys here, and
 * every other codec through the JDK, whether Tink is on the class path or not. Tink is an
 * optional dependency of {@code ward-core}; its Ed25519 is about 2.7 times as fast as the JDK's
 * on the benchmark machine (benchmarks/RESULTS.md) and gives the same verdict on valid and
 * hostile signatures ({@code Ed25519EnginesTest}). The choice is logged once per JVM.
 *
 * <p>Which Tink API, and why: Tink's keyset API in its public packages, an
 * {@code Ed25519PublicKey} of the {@code NO_PREFIX} variant (a raw 32-byte key and raw 64-byte
 * signatures, as JWS has them) in a {@code KeysetHandle}, whose {@code PublicKeyVerify} comes
 * from {@code RegistryConfiguration} after {@code SignatureConfig.register()}, the set-up Tink
 * documents. Not {@code com.google.crypto.tink.subtle.Ed25519Verify}: Tink's own guide says its
 * {@code subtle} package is not meant for public consumption and may change at any time. In
 * Tink 1.23 the keyset path ends in the same pure-Java verifier as {@code subtle} (or in
 * Conscrypt's native one, when the host has Conscrypt), behind a wrapper that only matches the
 * empty key prefix, which costs nothing measurable next to a verification.
 *
 * <p>Only the nested verifier's code uses Tink's types, and it is loaded only when Tink is
 * present and asked for, so that Ward runs without Tink.
 */
public final class TinkEd25519 {

    /** What is logged, once per JVM, when a codec is asked to verify through Tink. */
    static final String ANNOUNCEMENT = "Ed25519 signatures are verified through Google Tink, as configured";
    private static final String[] TINK_CLASSES = {
        "com.google.crypto.tink.KeysetHandle",
        "com.google.crypto.tink.PublicKeyVerify",
        "com.google.crypto.tink.RegistryConfiguration",
        "com.google.crypto.tink.signature.Ed25519PublicKey",
        "com.google.crypto.tink.signature.SignatureConfig",
        "com.google.crypto.tink.util.Bytes",
    };
    private static final boolean AVAILABLE = probe();
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private TinkEd25519() {
    }

    /**
     * Tells whether Tink can be used: every Tink class Ward uses is on the class path. Looking
     * does not initialise Tink.
     *
     * @return true when Tink is present
     */
    public static boolean tinkAvailable() {
        return AVAILABLE;
    }

    /**
     * Refuses a request for Tink when Tink is absent, and otherwise logs the choice, once per JVM.
     *
     * @throws IllegalArgumentException if Tink is not on the class path
     */
    static void choose() {
        requireAvailable(AVAILABLE);
        if (ANNOUNCED.compareAndSet(false, true)) {
            System.getLogger("dev.ward").log(System.Logger.Level.INFO, ANNOUNCEMENT);
        }
    }

    /**
     * Refuses a request for Tink when it is absent; separate from {@link #choose()} so that the
     * refusal can be tested with Tink present.
     *
     * @param available whether Tink is on the class path
     * @throws IllegalArgumentException if it is not
     */
    static void requireAvailable(boolean available) {
        if (!available) {
            throw new IllegalArgumentException("Ed25519 verification through Google Tink was requested, but "
                    + "Tink is not on the class path; add com.google.crypto.tink:tink or choose the JDK provider");
        }
    }

    /**
     * Returns Tink's verifier for one public key, built once.
     *
     * @param rawPublicKey the 32-byte public key
     * @return the verifier
     * @throws IllegalArgumentException if Tink is not on the class path
     * @throws IllegalStateException if Tink refuses the key
     */
    static Ed25519Engine verifier(byte[] rawPublicKey) {
        requireAvailable(AVAILABLE);
        return new KeysetVerifier(rawPublicKey);
    }

    private static boolean probe() {
        ClassLoader loader = TinkEd25519.class.getClassLoader();
        try {
            for (String name : TINK_CLASSES) {
                Class.forName(name, false, loader);
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Tink's verifier over one key. Loaded only when Tink is present. */
    private static final class KeysetVerifier implements Ed25519Engine {
        private final PublicKeyVerify verifier;

        KeysetVerifier(byte[] rawPublicKey) {
            try {
                SignatureConfig.register();
                Ed25519PublicKey key = Ed25519PublicKey.create(Bytes.copyFrom(rawPublicKey));
                KeysetHandle keyset = KeysetHandle.newBuilder()
                        .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                        .build();
                this.verifier = keyset.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Google Tink could not load an Ed25519 public key", e);
            }
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
