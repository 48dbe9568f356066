package dev.ward.internal.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.JSONStringUtils;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and signs Ward's access tokens: header {@code alg}, {@code typ: at+jwt}, {@code kid};
 * claims {@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code exp}, {@code jti},
 * {@code sid}, {@code roles}, in that order. Immutable and thread-safe.
 */
final class AccessTokenWriter {

    private final KeyMaterial signingKey;
    /** The base64url header, the same for every token of this key. */
    private final String header;
    /** The start of every payload: {@code {"iss":...,"aud":...}} without its closing brace. */
    private final String claimsHead;

    /**
     * Creates a writer.
     *
     * @param signingKey the key that signs
     * @param issuer the {@code iss}
     * @param audience the {@code aud}
     * @throws IllegalArgumentException if the key is verify-only
     */
    AccessTokenWriter(KeyMaterial signingKey, String issuer, String audience) {
        if (!signingKey.canSign()) {
            throw new IllegalArgumentException("the signing key " + signingKey.kid() + " is verify-only");
        }
        this.signingKey = signingKey;
        Map<String, Object> headerFields = new LinkedHashMap<>();
        headerFields.put("alg", signingKey.algorithm().jwsName());
        headerFields.put("typ", "at+jwt");
        headerFields.put("kid", signingKey.kid());
        this.header = Base64Url.encode(JSONObjectUtils.toJSONString(headerFields).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("iss", issuer);
        head.put("aud", audience);
        String headJson = JSONObjectUtils.toJSONString(head);
        this.claimsHead = headJson.substring(0, headJson.length() - 1);
    }

    /**
     * Writes and signs a token.
     *
     * @param subject {@code sub}
     * @param sessionId {@code sid}
     * @param roles {@code roles}
     * @param issuedAt {@code iat}, in whole seconds
     * @param expiresAt {@code exp}, in whole seconds
     * @param tokenId {@code jti}
     * @return the compact JWS
     */
    String write(String subject, String sessionId, Collection<String> roles, Instant issuedAt, Instant expiresAt,
                 String tokenId) {
        // The claims in a fixed order; the constant head (iss, aud) is serialised once in the
        // constructor, and every other string goes through jsonString.
        StringBuilder json = new StringBuilder(claimsHead.length() + 160 + roles.size() * 16)
                .append(claimsHead)
                .append(",\"sub\":").append(jsonString(subject))
                .append(",\"iat\":").append(issuedAt.getEpochSecond())
                .append(",\"exp\":").append(expiresAt.getEpochSecond())
                .append(",\"jti\":").append(jsonString(tokenId))
                .append(",\"sid\":").append(jsonString(sessionId))
                .append(",\"roles\":[");
        boolean first = true;
        for (String role : roles) {
            json.append(first ? "" : ",").append(jsonString(role));
            first = false;
        }
        json.append("]}");
        String payload = Base64Url.encode(json.toString().getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        byte[] signature = signingKey.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64Url.encode(signature);
    }

    /**
     * Writes a string as a JSON string literal. Printable ASCII other than the quote and the
     * backslash needs no escape, which covers ids, base64url and ordinary role names; anything
     * else goes through Nimbus's JSON writer, which is correct for all text but builds a Gson
     * instance per call.
     */
    private static String jsonString(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return JSONStringUtils.toJSONString(value);
            }
        }
        return "\"" + value + "\"";
    }
}
