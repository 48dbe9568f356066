package com.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthManager;
import dev.ward.LogInRequest;
import dev.ward.SignUpRequest;
import dev.ward.UserAccount;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@DisplayName("docs/spring-boot.md's minimal application")
@SpringBootTest(classes = MinimalApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ward.keys.generate-in-development=true", "ward.bcrypt-cost=4"})
class MinimalApplicationTest {

    @LocalServerPort
    int port;
    @Autowired
    AuthManager auth;

    @Test
    void greetsALoggedInUserAndRefusesAStranger() throws IOException, InterruptedException {
        UserAccount alice = auth.signUp(new SignUpRequest("alice", "alice@example.com", "correct horse battery staple"));
        String token = auth.logIn(new LogInRequest("alice@example.com", "correct horse battery staple")).accessToken();
        HttpClient client = HttpClient.newHttpClient();
        URI hello = URI.create("http://localhost:" + port + "/hello");

        HttpResponse<String> greeted = client.send(HttpRequest.newBuilder(hello).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(hello).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(greeted.body()).isEqualTo("Hello, " + alice.id());
        assertThat(refused.statusCode()).isEqualTo(401);
    }
}
