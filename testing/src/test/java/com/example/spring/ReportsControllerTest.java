package com.example.spring;

import static dev.ward.test.spring.WardMockMvc.bearer;
import static dev.ward.test.spring.WardMockMvc.expiredBearer;
import static dev.ward.test.spring.WardMockMvc.wardUser;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ward.test.TestUser;
import dev.ward.test.spring.AutoConfigureWardTest;
import dev.ward.test.spring.WithWardUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureWardTest
class ReportsControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void adminReadsTheReports() throws Exception {
        mvc.perform(get("/reports").with(wardUser("u-1", "admin")))
                .andExpect(status().isOk())
                .andExpect(content().string("all reports"));
    }

    @Test
    void userWithoutAdminRoleIsForbidden() throws Exception {
        mvc.perform(get("/reports").with(wardUser("u-2", "user")))
                .andExpect(status().isForbidden());
    }

    @Test
    void requestWithoutTokenIsUnauthorized() throws Exception {
        mvc.perform(get("/reports"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void expiredTokenIsUnauthorized() throws Exception {
        mvc.perform(get("/reports").with(expiredBearer(TestUser.of("u-1", "ann@example.com", "admin"))))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void controllerReadsTheAuthenticatedUser() throws Exception {
        mvc.perform(get("/me").with(bearer(TestUser.of("u-3", "bob@example.com", "user"))))
                .andExpect(content().string("u-3 [user]"));
    }

    @Test
    @WithWardUser(id = "u-4", roles = "admin")
    void testRunsAsAnAdmin() throws Exception {
        mvc.perform(get("/reports"))
                .andExpect(status().isOk());
    }

    @Test
    @WithWardUser(id = "u-5", roles = "user")
    void testRunsAsAUser() throws Exception {
        mvc.perform(get("/reports"))
                .andExpect(status().isForbidden());
    }
}
