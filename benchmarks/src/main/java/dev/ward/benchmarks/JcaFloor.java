package dev.ward.benchmarks;

import dev.ward.JwtAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor of token verification: the least work any JWT library must do, written by hand
 * on the JDK. It base64url-decodes the signature and the payload, checks the signature with a
 * {@link Mac} or {@link Signature} made once (so one instance per thread), and pulls the
 * subject and roles out of the payload text with {@code indexOf}. It parses no header, checks
 * no claim and handles no JSON escape: a real verifier must do all of that on top.
 */
final class JcaFloor {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JwtAlgorithm algorithm;
    private final Mac mac;
    private final Signature signature;

    JcaFloor(Fixtures.Keys keys) {
        this.algorithm = keys.algorithm();
        try {
            switch (algorithm) {
                case HS256 -> {
                    mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(keys.secret(), "HmacSHA256"));
                    signature = null;
                }
                case ES256 -> {
                    // JWS carries R || S (IEEE P1363); the JDK reads that format directly.
                    signature = Signature.getInstance("SHA256withECDSAinP1363Format");
                    signature.initVerify(keys.pair().getPublic());
                    mac = null;
                }
                case EdDSA -> {
                    signature = Signature.getInstance("Ed25519");
                    signature.initVerify(keys.pair().getPublic());
                    mac = null;
                }
                default -> throw new IllegalArgumentException("no floor for " + algorithm);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not set up the " + algorithm + " floor", e);
        }
    }

    /**
     * Verifies a token's signature and returns its subject and roles.
     *
     * @throws IllegalStateException if the signature does not verify
     */
    Principal verify(String token) {
        int dot1 = token.indexOf('.');
        int dot2 = token.indexOf('.', dot1 + 1);
        byte[] ascii = token.getBytes(StandardCharsets.US_ASCII);
        byte[] sig = DECODER.decode(token.substring(dot2 + 1));
        boolean valid;
        try {
            if (mac != null) {
                mac.update(ascii, 0, dot2);
                valid = MessageDigest.isEqual(mac.doFinal(), sig);
            } else {
                signature.update(ascii, 0, dot2);
                valid = signature.verify(sig);
            }
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalStateException("the " + algorithm + " signature does not verify");
        }
        String payload = new String(DECODER.decode(token.substring(dot1 + 1, dot2)), StandardCharsets.UTF_8);
        return new Principal(stringClaim(payload, "sub"), roles(payload));
    }

    private static String stringClaim(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key) + key.length();
        return json.substring(start, json.indexOf('"', start));
    }

    private static List<String> roles(String json) {
        String key = "\"roles\":[";
        int start = json.indexOf(key) + key.length();
        int end = json.indexOf(']', start);
        List<String> roles = new ArrayList<>(2);
        for (int i = start; i < end; ) {
            int open = json.indexOf('"', i);
            int close = json.indexOf('"', open + 1);
            roles.add(json.substring(open + 1, close));
            i = close + 2;
        }
        return roles;
    }
}
