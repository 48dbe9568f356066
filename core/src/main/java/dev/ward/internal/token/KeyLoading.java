package dev.ward.internal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ward.JwtAlgorithm;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns keys as users have them (PEM, JWK, raw secrets) into {@link KeyMaterial}, and makes
 * fresh keys. Every problem is an {@link IllegalArgumentException} with a message that names
 * what is wrong and never repeats key material.
 */
public final class KeyLoading {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String[] KEY_TYPES = {"RSA", "EC", "Ed25519"};

    private KeyLoading() {
    }

    /**
     * Makes a fresh key.
     *
     * @param kid the key id
     * @param algorithm the algorithm
     * @return a new signing key
     */
    public static KeyMaterial generate(String kid, JwtAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case HS256 -> new KeyMaterial.Hmac(kid, RefreshTokens.randomBytes(32));
                case ES256 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    KeyPair pair = generator.generateKeyPair();
                    yield new EcKeyMaterial(kid, (ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
                }
                case EdDSA -> {
                    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    yield new EdKeyMaterial(kid, pair.getPublic(), pair.getPrivate());
                }
                case RS256 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair pair = generator.generateKeyPair();
                    yield new RsaKeyMaterial(kid, (RSAPublicKey) pair.getPublic(), pair.getPrivate());
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate " + algorithm.jwsName() + " keys", e);
        }
    }

    /**
     * Makes a key of the JDK's own key objects.
     *
     * @param kid the key id
     * @param publicKey the public key
     * @param privateKey the private key, or null for a verify-only key
     * @return the key, its algorithm chosen by the key type
     */
    public static KeyMaterial fromJca(String kid, PublicKey publicKey, PrivateKey privateKey) {
        if (publicKey instanceof RSAPublicKey rsa) {
            return new RsaKeyMaterial(kid, rsa, privateKey);
        }
        if (publicKey instanceof ECPublicKey ec) {
            if (privateKey != null && !(privateKey instanceof ECPrivateKey)) {
                throw new IllegalArgumentException("the private key of " + kid + " is not an EC key");
            }
            return new EcKeyMaterial(kid, ec, (ECPrivateKey) privateKey);
        }
        if (publicKey instanceof java.security.interfaces.EdECPublicKey) {
            return new EdKeyMaterial(kid, publicKey, privateKey);
        }
        throw new IllegalArgumentException("unsupported key type " + publicKey.getAlgorithm()
                + ": use RSA (RS256), EC P-256 (ES256) or Ed25519 (EdDSA)");
    }

    /**
     * Reads a PEM text holding a PKCS#8 private key, an X.509 public key or certificate, or both.
     *
     * @param kid the key id
     * @param pem the PEM text
     * @return a signing key when a private key is given, else a verify-only key
     * @throws IllegalArgumentException if the text holds no usable key
     */
    public static KeyMaterial fromPem(String kid, String pem) {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        Matcher matcher = PEM_BLOCK.matcher(pem);
        int blocks = 0;
        while (matcher.find()) {
            blocks++;
            String label = matcher.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(matcher.group(2).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the PEM block " + label + " is not valid base64");
            }
            try {
                switch (label) {
                    case "PRIVATE KEY" -> privateKey = once(privateKey, parsePrivate(der), label);
                    case "PUBLIC KEY" -> publicKey = once(publicKey, parsePublic(der), label);
                    case "CERTIFICATE" -> publicKey = once(publicKey, parseCertificate(der), label);
                    case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException("the PEM block "
                            + label + " is not PKCS#8: convert it with `openssl pkcs8 -topk8 -nocrypt`");
                    case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                            "encrypted private keys are not supported: decrypt it to a PKCS#8 PRIVATE KEY block");
                    default -> throw new IllegalArgumentException("unsupported PEM block " + label);
                }
            } finally {
                Arrays.fill(der, (byte) 0);
            }
        }
        if (blocks == 0) {
            throw new IllegalArgumentException("no PEM block found: expected -----BEGIN PRIVATE KEY----- "
                    + "or -----BEGIN PUBLIC KEY-----");
        }
        if (publicKey == null && privateKey instanceof RSAPrivateCrtKey crt) {
            publicKey = rsaPublicOf(crt);
        }
        if (publicKey == null) {
            // The JDK cannot derive an EC or Ed25519 public key from the private one.
            throw new IllegalArgumentException("the PEM text of " + kid + " needs the PUBLIC KEY block too "
                    + "(Ward derives the public key only for RSA): print it with `openssl pkey -in key.pem -pubout` "
                    + "and append it");
        }
        return fromJca(kid, publicKey, privateKey);
    }

    private static <T> T once(T existing, T value, String label) {
        if (existing != null) {
            throw new IllegalArgumentException("the PEM text has more than one " + label + " block");
        }
        return value;
    }

    private static PrivateKey parsePrivate(byte[] der) {
        for (String type : KEY_TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this type; try the next
            }
        }
        throw new IllegalArgumentException("the PRIVATE KEY block is not an RSA, EC or Ed25519 PKCS#8 key");
    }

    private static PublicKey parsePublic(byte[] der) {
        for (String type : KEY_TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this type; try the next
            }
        }
        throw new IllegalArgumentException("the PUBLIC KEY block is not an RSA, EC or Ed25519 key");
    }

    private static PublicKey parseCertificate(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der))
                    .getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the CERTIFICATE block is not an X.509 certificate");
        }
    }

    private static PublicKey rsaPublicOf(RSAPrivateCrtKey key) {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the RSA public key could not be derived", e);
        }
    }

    /**
     * Reads one JWK.
     *
     * @param jwk the parsed JWK
     * @return a signing key when the JWK holds private or secret material, else a verify-only key
     * @throws IllegalArgumentException if the JWK has no {@code kid}, a type or curve Ward does
     *     not support, or an {@code alg} that does not fit its key
     */
    public static KeyMaterial fromJwk(JWK jwk) {
        String kid = jwk.getKeyID();
        if (kid == null || kid.isBlank()) {
            throw new IllegalArgumentException("a JWK needs a kid");
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new IllegalArgumentException("JWK " + kid + " has use " + jwk.getKeyUse().identifier()
                    + ": Ward needs a signature key (use sig)");
        }
        if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.SIGN)
                && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
            throw new IllegalArgumentException("JWK " + kid + " has key_ops without sign or verify");
        }
        String declared = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
        KeyMaterial material;
        try {
            if (jwk instanceof OctetSequenceKey oct) {
                byte[] secret = oct.toByteArray();
                try {
                    material = new KeyMaterial.Hmac(kid, secret);
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            } else if (jwk instanceof ECKey ec) {
                if (!Curve.P_256.equals(ec.getCurve())) {
                    throw new IllegalArgumentException("JWK " + kid + ": only curve P-256 (ES256) is supported");
                }
                material = new EcKeyMaterial(kid, ec.toECPublicKey(), ec.isPrivate() ? ec.toECPrivateKey() : null);
            } else if (jwk instanceof OctetKeyPair okp) {
                if (!Curve.Ed25519.equals(okp.getCurve())) {
                    throw new IllegalArgumentException("JWK " + kid + ": only curve Ed25519 (EdDSA) is supported");
                }
                PublicKey publicKey = EdKeyMaterial.publicFromRaw(okp.getDecodedX());
                PrivateKey privateKey = okp.isPrivate() ? ed25519PrivateFromRaw(okp.getDecodedD()) : null;
                material = new EdKeyMaterial(kid, publicKey, privateKey);
            } else if (jwk instanceof RSAKey rsa) {
                material = new RsaKeyMaterial(kid, rsa.toRSAPublicKey(), rsa.isPrivate() ? rsa.toRSAPrivateKey() : null);
            } else {
                throw new IllegalArgumentException("JWK " + kid + ": unsupported key type " + jwk.getKeyType());
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWK " + kid + " is not a valid key", e);
        }
        if (declared != null && !declared.equals(material.algorithm().jwsName())) {
            throw new IllegalArgumentException("JWK " + kid + " declares alg " + declared + " but its key is for "
                    + material.algorithm().jwsName());
        }
        return material;
    }

    /**
     * Reads every key of a JWKS document.
     *
     * @param jwks the JSON text
     * @param publicOnly when true, keys with private or secret material are refused
     * @return the keys, in document order
     * @throws IllegalArgumentException if the document or a key is invalid
     */
    public static List<KeyMaterial> fromJwks(String jwks, boolean publicOnly) {
        com.nimbusds.jose.jwk.JWKSet set;
        try {
            set = com.nimbusds.jose.jwk.JWKSet.parse(jwks);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a valid JWKS document: " + e.getMessage());
        }
        List<KeyMaterial> keys = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            if (publicOnly && (jwk.isPrivate() || jwk instanceof OctetSequenceKey)) {
                throw new IllegalArgumentException("JWK " + jwk.getKeyID()
                        + " holds secret or private material; a verifier takes public keys only");
            }
            keys.add(fromJwk(jwk));
        }
        return keys;
    }

    /** DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo, before the 32 raw key bytes. */
    private static final byte[] ED25519_PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};

    private static PrivateKey ed25519PrivateFromRaw(byte[] raw) {
        byte[] der = EdKeyMaterial.encoding(ED25519_PKCS8_PREFIX, raw, "private");
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 private key");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }
}
