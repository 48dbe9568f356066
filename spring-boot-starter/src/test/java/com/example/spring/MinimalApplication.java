package com.example.spring;

import dev.ward.AuthenticatedUser;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class MinimalApplication {

    public static void main(String[] args) {
        SpringApplication.run(MinimalApplication.class, args);
    }

    // Needs "Authorization: Bearer <access token>"; answers 401 without one.
    @GetMapping("/hello")
    String hello(@AuthenticationPrincipal AuthenticatedUser user) {
        return "Hello, " + user.userId() + (user.hasRole("admin") ? " (admin)" : "");
    }
}
