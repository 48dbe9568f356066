package dev.ward.store.memory;

import dev.ward.store.DuplicateEmailException;
import dev.ward.store.NewUser;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * A {@link UserRepository} that keeps users in memory.
 *
 * <p>For tests, demos and single-node applications that can afford to lose their users on
 * restart; not for anything that runs on more than one process. Thread-safe and lock-free:
 * the user is held once, under its e-mail address, and every change is one atomic operation
 * of a {@link ConcurrentHashMap}, so the e-mail stays unique and a reader never sees half an
 * update. Ids are random UUIDs.
 */
public final class InMemoryUserRepository implements UserRepository {

    private final ConcurrentMap<String, User> usersByEmail = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> emailsById = new ConcurrentHashMap<>();

    /** Creates an empty repository. */
    public InMemoryUserRepository() {
    }

    @Override
    public User create(NewUser newUser) {
        Objects.requireNonNull(newUser, "newUser");
        User user = newUser.withId(UUID.randomUUID().toString());
        // putIfAbsent on the e-mail is the uniqueness check: one of any number of racers wins.
        if (usersByEmail.putIfAbsent(user.email(), user) != null) {
            throw new DuplicateEmailException();
        }
        emailsById.put(user.id(), user.email());
        return user;
    }

    @Override
    public Optional<User> findById(String id) {
        Objects.requireNonNull(id, "id");
        String email = emailsById.get(id);
        return email == null ? Optional.empty() : Optional.ofNullable(usersByEmail.get(email));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        Objects.requireNonNull(email, "email");
        return Optional.ofNullable(usersByEmail.get(email));
    }

    @Override
    public boolean updatePasswordHash(String id, long expectedCredentialsVersion, String passwordHash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passwordHash, "passwordHash");
        return updateIf(id, expectedCredentialsVersion, user -> user.withPasswordHash(passwordHash));
    }

    @Override
    public boolean changePassword(String id, long expectedCredentialsVersion, String passwordHash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passwordHash, "passwordHash");
        return updateIf(id, expectedCredentialsVersion, user -> user.withNewPassword(passwordHash));
    }

    /** Applies the change only to a user still at the expected version, in one atomic compute. */
    private boolean updateIf(String id, long expectedCredentialsVersion, UnaryOperator<User> change) {
        boolean[] changed = new boolean[1];
        update(id, user -> {
            if (user.credentialsVersion() != expectedCredentialsVersion) {
                return user;
            }
            changed[0] = true;
            return change.apply(user);
        });
        return changed[0];
    }

    @Override
    public boolean updateRoles(String id, Set<String> roles) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roles, "roles");
        Set<String> copy = Set.copyOf(roles);
        return update(id, user -> user.withRoles(copy));
    }

    private boolean update(String id, UnaryOperator<User> change) {
        String email = emailsById.get(id);
        if (email == null) {
            return false;
        }
        return usersByEmail.computeIfPresent(email, (key, user) -> change.apply(user)) != null;
    }

    /**
     * Returns how many users are stored.
     *
     * @return the number of users
     */
    public int size() {
        return usersByEmail.size();
    }

    @Override
    public String toString() {
        return "InMemoryUserRepository[users=" + usersByEmail.size() + "]";
    }
}
