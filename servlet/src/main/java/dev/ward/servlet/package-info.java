/**
 * Ward for Jakarta Servlet 6: a filter that authenticates {@code Authorization: Bearer} access
 * tokens through {@link dev.ward.AuthManager#authenticate(String)}, and the refresh-cookie and
 * CSRF rules that Ward's web adapters share.
 */
package dev.ward.servlet;
