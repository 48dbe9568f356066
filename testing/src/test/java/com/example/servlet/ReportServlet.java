package com.example.servlet;

import dev.ward.AuthenticatedUser;
import dev.ward.servlet.WardAuthenticationFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A host's servlet behind WardAuthenticationFilter: it only runs for a user the filter let through. */
public final class ReportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthenticatedUser user = WardAuthenticationFilter.user(request).orElseThrow();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("report for " + user.userId());
    }
}
