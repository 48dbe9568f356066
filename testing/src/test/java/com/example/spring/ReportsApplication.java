package com.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** A host application of the tests: Ward's starter with its default security chain, and method security. */
@SpringBootApplication
@EnableMethodSecurity
public class ReportsApplication {

    /**
     * Starts the application.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        SpringApplication.run(ReportsApplication.class, args);
    }
}
