package dev.ward.test;

import dev.ward.store.NewUser;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import dev.ward.store.memory.InMemoryUserRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link InMemoryUserRepository} that can also hold a user under an id the test chose (the
 * in-memory store always assigns a random UUID), and that {@link #reset()} empties.
 *
 * <p>A test user is created in the in-memory store as any user is, and this repository
 * remembers which store id stands for the test's id: calls with the test's id reach the stored
 * user, and users it returns carry the test's id. Users created through {@link #create} (a
 * sign-up in the test) keep the id the store gave them. Thread-safe.
 */
final class TestUserRepository implements UserRepository {

    /** One generation of the store; {@link #reset()} replaces it as a whole. */
    private record Generation(InMemoryUserRepository users, ConcurrentMap<String, String> storeIdByTestId,
                              ConcurrentMap<String, String> testIdByStoreId) {

        Generation() {
            this(new InMemoryUserRepository(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }

        String storeId(String id) {
            return storeIdByTestId.getOrDefault(id, id);
        }

        User out(User user) {
            String testId = testIdByStoreId.get(user.id());
            return testId == null ? user : new User(testId, user.userName(), user.email(), user.passwordHash(),
                    user.roles(), user.createdAt(), user.credentialsVersion(), user.emailVerifiedAt(), user.disabled());
        }
    }

    private final AtomicReference<Generation> current = new AtomicReference<>(new Generation());

    /** Forgets every user. */
    void reset() {
        current.set(new Generation());
    }

    /**
     * Stores a user under the test's id, unless a user with that id exists.
     *
     * @param id the test's id
     * @param newUser the user
     * @return true if stored now, false if the id was taken
     * @throws dev.ward.store.DuplicateEmailException if another user has the address
     */
    synchronized boolean createWithId(String id, NewUser newUser) {
        Generation g = current.get();
        if (findById(id).isPresent()) {
            return false;
        }
        User stored = g.users().create(newUser);
        g.storeIdByTestId().put(id, stored.id());
        g.testIdByStoreId().put(stored.id(), id);
        return true;
    }

    /**
     * Returns how many users are stored.
     *
     * @return the number of users
     */
    int size() {
        return current.get().users().size();
    }

    @Override
    public User create(NewUser newUser) {
        Generation g = current.get();
        return g.out(g.users().create(newUser));
    }

    @Override
    public Optional<User> findById(String id) {
        Objects.requireNonNull(id, "id");
        Generation g = current.get();
        return g.users().findById(g.storeId(id)).map(g::out);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        Generation g = current.get();
        return g.users().findByEmail(email).map(g::out);
    }

    @Override
    public boolean updatePasswordHash(String id, long expectedCredentialsVersion, String passwordHash) {
        Objects.requireNonNull(id, "id");
        Generation g = current.get();
        return g.users().updatePasswordHash(g.storeId(id), expectedCredentialsVersion, passwordHash);
    }

    @Override
    public boolean changePassword(String id, long expectedCredentialsVersion, String passwordHash) {
        Objects.requireNonNull(id, "id");
        Generation g = current.get();
        return g.users().changePassword(g.storeId(id), expectedCredentialsVersion, passwordHash);
    }

    @Override
    public boolean updateRoles(String id, Set<String> roles) {
        Objects.requireNonNull(id, "id");
        Generation g = current.get();
        return g.users().updateRoles(g.storeId(id), roles);
    }

    @Override
    public boolean markEmailVerified(String id, String email, Instant verifiedAt) {
        Objects.requireNonNull(id, "id");
        Generation g = current.get();
        return g.users().markEmailVerified(g.storeId(id), email, verifiedAt);
    }

    @Override
    public boolean changeEmail(String id, String expectedEmail, String newEmail, Instant verifiedAt) {
        Objects.requireNonNull(id, "id");
        Generation g = current.get();
        return g.users().changeEmail(g.storeId(id), expectedEmail, newEmail, verifiedAt);
    }

    @Override
    public boolean setDisabled(String id, boolean disabled) {
        Objects.requireNonNull(id, "id");
        Generation g = current.get();
        return g.users().setDisabled(g.storeId(id), disabled);
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        Generation g = current.get();
        return g.users().delete(g.storeId(id));
    }

    @Override
    public String toString() {
        return "TestUserRepository[users=" + size() + "]";
    }
}
