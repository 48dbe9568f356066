package dev.ward.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Refusals the real server cannot provoke on demand: a wait to announce, a status without a challenge. */
class WardAuthenticationFilterRefusalTest {

    private static final AuthManager AUTH = AuthManager.builder()
            .userRepository(new InMemoryUserRepository())
            .tokenStore(new InMemoryTokenStore())
            .loginAttemptStore(new InMemoryLoginAttemptStore())
            .signingKey(JwtKey.generate(JwtAlgorithm.HS256))
            .build();

    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final int[] status = new int[1];
    private final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "setStatus" -> status[0] = (Integer) args[0];
                    case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                    case "setContentLength" -> headers.put("Content-Length", args[0].toString());
                    case "getOutputStream" -> {
                        return new ServletOutputStream() {
                            @Override
                            public void write(int b) {
                                body.write(b);
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {
                                throw new UnsupportedOperationException();
                            }
                        };
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
            });

    @Test
    void refusalWithAWaitSaysRetryAfterInSeconds() throws Exception {
        WardAuthenticationFilter.builder(AUTH).build()
                .refuse(response, AuthException.tooManyAttempts(Duration.ofSeconds(90)), true);

        assertThat(status[0]).isEqualTo(429);
        assertThat(headers).containsEntry("Retry-After", "90").containsEntry("Cache-Control", "no-store")
                .doesNotContainKey("WWW-Authenticate");
        assertThat(body.toString(StandardCharsets.UTF_8)).startsWith("{\"error\":true,\"code\":\"TOO_MANY_ATTEMPTS\",");
    }

    @Test
    void challengeNamesTheConfiguredRealmAndTheBodyLengthIsExact() throws Exception {
        WardAuthenticationFilter.builder(AUTH).realm("shop").build()
                .refuse(response, new AuthException(AuthError.INVALID_TOKEN, "the \"token\" is bad"), true);

        assertThat(status[0]).isEqualTo(401);
        assertThat(headers).containsEntry("WWW-Authenticate", "Bearer realm=\"shop\", error=\"invalid_token\"")
                .containsEntry("Content-Type", "application/json;charset=UTF-8")
                .containsEntry("Content-Length", Integer.toString(body.size()))
                .doesNotContainKey("Retry-After");
        assertThat(body.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":true,\"code\":\"INVALID_TOKEN\",\"message\":\"the \\\"token\\\" is bad\"}");
    }
}
