/**
 * The conformance kit for Ward's storage SPIs: one abstract JUnit Jupiter class per SPI, which
 * a store implementation subclasses once, in its tests, supplying only the store under test.
 *
 * <ul>
 *   <li>{@link dev.ward.store.tck.UserRepositoryKit} for a {@link dev.ward.store.UserRepository}
 *   <li>{@link dev.ward.store.tck.TokenStoreKit} for a {@link dev.ward.store.TokenStore}
 *   <li>{@link dev.ward.store.tck.LoginAttemptStoreKit} for a
 *       {@link dev.ward.store.LoginAttemptStore}
 *   <li>{@link dev.ward.store.tck.OneTimeTokenStoreKit} for a
 *       {@link dev.ward.store.OneTimeTokenStore}
 *   <li>{@link dev.ward.store.tck.SecondFactorStoreKit} for a
 *       {@link dev.ward.store.SecondFactorStore}
 * </ul>
 *
 * <p>Add {@code dev.ward:ward-store-tck} in test scope, next to a JUnit Jupiter engine; it
 * brings the JUnit Jupiter API and AssertJ. A store backed by a database runs each kit against
 * a database of each kind it supports, from one subclass per kind. The package also holds
 * {@link dev.ward.store.tck.MutableClock}, a clock that tests move by hand, and
 * {@link dev.ward.store.tck.Concurrently}, which starts many threads at once for race tests.
 */
package dev.ward.store.tck;
