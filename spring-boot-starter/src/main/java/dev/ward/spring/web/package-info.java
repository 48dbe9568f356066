/**
 * Ward's REST API for Spring MVC, switched on by {@code ward.web.endpoints.enabled=true}: the
 * example server's routes (sign-up, log-in, refresh, log-out, sessions, the account lifecycle,
 * JWKS) under {@code ward.web.base-path}, with the same bodies, status codes, headers, cookies
 * and CSRF rule, as functional endpoints. See {@link dev.ward.spring.web.WardWebEndpointsAutoConfiguration}.
 */
package dev.ward.spring.web;
