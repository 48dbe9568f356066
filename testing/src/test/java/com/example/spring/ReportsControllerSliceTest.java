package com.example.spring;

import static dev.ward.test.spring.WardMockMvc.wardUser;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ward.test.spring.AutoConfigureWardTest;
import dev.ward.test.spring.WithWardUser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ReportsController.class)
@AutoConfigureWardTest
@DisplayName("A @WebMvcTest slice of the reports")
class ReportsControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @Nested
    @DisplayName("with @WithWardUser")
    class AsAnnotatedUser {

        @Test
        @WithWardUser(id = "u-1", roles = "admin")
        @DisplayName("an admin reads the reports")
        void adminReadsReports() throws Exception {
            mvc.perform(get("/reports")).andExpect(status().isOk()).andExpect(content().string("all reports"));
        }

        @Test
        @WithWardUser(id = "u-2", roles = {"user", "editor"})
        @DisplayName("a user without the role admin is forbidden")
        void userIsForbidden() throws Exception {
            mvc.perform(get("/reports")).andExpect(status().isForbidden());
        }

        @Test
        @WithWardUser(id = "u-3", roles = {"user", "editor"})
        @DisplayName("@AuthenticationPrincipal AuthenticatedUser is the annotation's user")
        void principalIsTheUser() throws Exception {
            mvc.perform(get("/me")).andExpect(content().string("u-3 [editor, user]"));
        }
    }

    @Nested
    @DisplayName("with a bearer token")
    class WithBearerToken {

        @Test
        @DisplayName("the slice's filter chain verifies the token: an admin reads the reports")
        void adminReadsReports() throws Exception {
            mvc.perform(get("/reports").with(wardUser("u-1", "admin"))).andExpect(status().isOk());
        }

        @Test
        @DisplayName("no token and no annotation: 401")
        void anonymousIsUnauthorized() throws Exception {
            mvc.perform(get("/reports")).andExpect(status().isUnauthorized());
        }
    }
}
