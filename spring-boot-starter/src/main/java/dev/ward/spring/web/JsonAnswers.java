package dev.ward.spring.web;

import dev.ward.TokenPair;
import dev.ward.UserAccount;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the API's answers: JSON bytes of our own mapper, straight to the servlet response, so
 * that neither the host's message converters nor its {@code Accept} negotiation change a byte of
 * the contract. Successes carry {@code "error": false} and a {@code "message"}.
 */
final class JsonAnswers {

    private final ObjectMapper mapper;

    JsonAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A JSON answer with a status, a content type, and Set-Cookie values (none or more). */
    ServerResponse json(int status, String contentType, Object body, List<String> setCookies) {
        byte[] bytes = mapper.writeValueAsBytes(body);
        return ServerResponse.status(HttpStatusCode.valueOf(status)).build((request, response) -> {
            for (String cookie : setCookies) {
                response.addHeader("Set-Cookie", cookie);
            }
            write(response, contentType, bytes);
            return null;
        });
    }

    ServerResponse json(int status, Object body, List<String> setCookies) {
        return json(status, "application/json", body, setCookies);
    }

    ServerResponse json(int status, Object body) {
        return json(status, body, List.of());
    }

    /** A 204 with Set-Cookie values. */
    static ServerResponse noContent(List<String> setCookies) {
        return ServerResponse.noContent().build((request, response) -> {
            for (String cookie : setCookies) {
                response.addHeader("Set-Cookie", cookie);
            }
            return null;
        });
    }

    static void write(HttpServletResponse response, String contentType, byte[] bytes) throws java.io.IOException {
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    byte[] bytes(Object body) {
        return mapper.writeValueAsBytes(body);
    }

    static Map<String, Object> ok(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", false);
        body.put("message", message);
        return body;
    }

    static Map<String, Object> ok(String message, String key, Object value) {
        Map<String, Object> body = ok(message);
        body.put(key, value);
        return body;
    }

    static Map<String, Object> user(UserAccount account) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", account.id());
        user.put("userName", account.userName());
        user.put("email", account.email());
        user.put("roles", account.roles());
        user.put("emailVerified", account.emailVerified());
        return user;
    }

    static Map<String, Object> tokens(String message, TokenPair pair, boolean withRefreshToken) {
        Map<String, Object> body = ok(message);
        body.put("accessToken", pair.accessToken());
        if (withRefreshToken) {
            body.put("refreshToken", pair.refreshToken());
        }
        body.put("accessTokenExpiresAt", pair.accessTokenExpiresAt().toString());
        body.put("refreshTokenExpiresAt", pair.refreshTokenExpiresAt().toString());
        return body;
    }
}
