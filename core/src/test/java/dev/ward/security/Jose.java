package dev.ward.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-made JOSE for the attack tests: base64url, a small JSON writer, JCA signatures and a
 * self-signed X.509 certificate. No JWT library is used, so a test builds exactly the bytes an
 * attacker would send, including ones a library would refuse to produce.
 */
final class Jose {

    private Jose() {
    }

    /** JSON text written as it is, for values the writer cannot express (1e400, deep nesting). */
    record Raw(String json) {
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] unb64(String part) {
        return Base64.getUrlDecoder().decode(part);
    }

    static String decodeToText(String part) {
        return new String(unb64(part), StandardCharsets.UTF_8);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Joins three already-encoded parts. */
    static String compact(String headerJson, String payloadJson, byte[] signature) {
        return b64(headerJson) + "." + b64(payloadJson) + "." + b64(signature);
    }

    /** The signing input of a header and a payload, as a signer sees it. */
    static byte[] signingInput(String headerJson, String payloadJson) {
        return ascii(b64(headerJson) + "." + b64(payloadJson));
    }

    // ------------------------------------------------------------------ JSON

    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                writeString(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    // ------------------------------------------------------------------ signatures

    /**
     * HMAC-SHA256 with any key, the empty one included: HMAC pads a short key with zero bytes,
     * so the empty key and a single zero byte give the same MAC (the JCA refuses empty keys).
     */
    static byte[] hmacSha256(byte[] key, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] jcaSign(String algorithm, PrivateKey key, byte[] input) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Turns a DER ECDSA signature (SEQUENCE of two INTEGERs) into JWS's R || S. */
    static byte[] derToConcat(byte[] der, int half) {
        int offset = der[1] == (byte) 0x81 ? 3 : 2;
        int rLength = der[offset + 1];
        byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength);
        int sOffset = offset + 2 + rLength;
        int sLength = der[sOffset + 1];
        byte[] s = Arrays.copyOfRange(der, sOffset + 2, sOffset + 2 + sLength);
        byte[] out = new byte[2 * half];
        copyRightAligned(r, out, 0, half);
        copyRightAligned(s, out, half, half);
        return out;
    }

    private static void copyRightAligned(byte[] unsigned, byte[] out, int at, int width) {
        int skip = 0;
        while (unsigned.length - skip > width && unsigned[skip] == 0) {
            skip++;
        }
        int length = unsigned.length - skip;
        System.arraycopy(unsigned, skip, out, at + width - length, length);
    }

    // ------------------------------------------------------------------ a self-signed certificate

    private static final byte[] OID_COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] OID_ECDSA_SHA256 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};
    private static final byte[] OID_RSA_SHA256 = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0B};
    private static final byte[] OID_ED25519 = {0x2B, 0x65, 0x70};

    /**
     * Builds a minimal self-signed X.509 v3 certificate for a key pair, as an attacker would put
     * in an {@code x5c} header.
     *
     * @param pair an EC P-256, RSA or Ed25519 key pair
     * @return the DER certificate
     */
    static byte[] selfSignedCertificate(KeyPair pair) {
        String keyAlgorithm = pair.getPublic().getAlgorithm();
        byte[] algorithmId;
        String jcaName;
        switch (keyAlgorithm) {
            case "EC" -> {
                algorithmId = der(0x30, der(0x06, OID_ECDSA_SHA256));
                jcaName = "SHA256withECDSA";
            }
            case "RSA" -> {
                algorithmId = der(0x30, der(0x06, OID_RSA_SHA256), new byte[] {0x05, 0x00});
                jcaName = "SHA256withRSA";
            }
            case "Ed25519", "EdDSA" -> {
                algorithmId = der(0x30, der(0x06, OID_ED25519));
                jcaName = "Ed25519";
            }
            default -> throw new IllegalArgumentException(keyAlgorithm);
        }
        byte[] name = der(0x30, der(0x31, der(0x30, der(0x06, OID_COMMON_NAME), der(0x0C, utf8("attacker")))));
        byte[] validity = der(0x30, der(0x17, ascii("250101000000Z")), der(0x17, ascii("350101000000Z")));
        byte[] tbs = der(0x30,
                der(0xA0, der(0x02, new byte[] {0x02})),
                der(0x02, new byte[] {0x01}),
                algorithmId, name, validity, name,
                pair.getPublic().getEncoded());
        byte[] signature = jcaSign(jcaName, pair.getPrivate(), tbs);
        byte[] bitString = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        return der(0x30, tbs, algorithmId, der(0x03, bitString));
    }

    private static byte[] der(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            body.writeBytes(c);
        }
        int n = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
