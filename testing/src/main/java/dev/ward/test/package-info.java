/**
 * Test support for applications that use Ward, for test scope: {@link dev.ward.test.WardTest}
 * (a ready {@code AuthManager} on in-memory stores with a movable clock),
 * {@link dev.ward.test.TestTokens} (access tokens signed with a known key, also expired, not yet
 * valid or for another audience), {@link dev.ward.test.TestUser}, and the JUnit 5
 * {@link dev.ward.test.WardExtension}.
 *
 * <p>Nothing here changes how Ward verifies a token: the tokens are signed with an ordinary
 * HS256 key that the test manager trusts, and go through the same checks as in production.
 */
package dev.ward.test;
