/**
 * Ward's API: {@link dev.ward.AuthManager} and what goes in and out of it.
 *
 * <p>Everything under {@code dev.ward.internal} is implementation and may change in any
 * release.
 */
package dev.ward;
