package com.example.spring;

import dev.ward.AuthenticatedUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The host's endpoints: one for Ward's role {@code admin}, one for any signed-in user. */
@RestController
public class ReportsController {

    /**
     * The reports, for admins only.
     *
     * @return the reports
     */
    @GetMapping("/reports")
    @PreAuthorize("hasRole('admin')")
    public String reports() {
        return "all reports";
    }

    /**
     * Who is asking.
     *
     * @param user the signed-in user
     * @return the user's id and roles
     */
    @GetMapping("/me")
    public String me(@AuthenticationPrincipal AuthenticatedUser user) {
        return user.userId() + " " + user.roles();
    }
}
