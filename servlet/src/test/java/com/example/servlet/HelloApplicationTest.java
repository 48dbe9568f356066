package com.example.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.SignUpRequest;
import dev.ward.UserAccount;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/servlet.md's application, started and called; and the guide quotes it whole. */
@DisplayName("docs/servlet.md")
class HelloApplicationTest {

    private static final Path GUIDE = Path.of("..", "docs", "servlet.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "com", "example", "servlet", "HelloApplication.java");

    private final AuthManager auth = AuthManager.builder()
            .userRepository(new InMemoryUserRepository())
            .tokenStore(new InMemoryTokenStore())
            .loginAttemptStore(new InMemoryLoginAttemptStore())
            .signingKey(JwtKey.generate(JwtAlgorithm.HS256))
            .settings(AuthSettings.builder().bcryptCost(4).build())
            .build();
    private Server server;
    private URI hello;

    @BeforeEach
    void start() throws Exception {
        server = HelloApplication.start(auth, 0);
        hello = URI.create("http://127.0.0.1:" + ((NetworkConnector) server.getConnectors()[0]).getLocalPort() + "/api/hello");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    @DisplayName("the application greets a signed-in user and refuses a request without a token")
    void applicationAnswers() throws Exception {
        UserAccount alice = auth.signUp(new SignUpRequest("alice", "alice@example.com", "correct horse battery staple"));
        String token = auth.logIn("alice@example.com", "correct horse battery staple").accessToken();
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(hello).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(hello).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).isEqualTo("hello " + alice.id() + ", roles [user]");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"ward\"");
    }

    @Test
    @DisplayName("quotes the application's source file whole, as it is")
    void guideQuotesTheApplicationWhole() throws IOException {
        assertThat(Files.readString(GUIDE)).contains("```java\n" + Files.readString(SOURCE) + "```\n");
    }
}
