package dev.ward.store.memory;

import dev.ward.store.DuplicateEmailException;
import dev.ward.store.NewUser;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A {@link UserRepository} that keeps users in memory.
 *
 * <p>For tests, demos and single-node applications that can afford to lose their users on
 * restart; not for anything that runs on more than one process. Thread-safe: each user is held
 * once, under its id, and an index of e-mail addresses to ids keeps the addresses unique
 * (whoever claims an address in the index first owns it). Reads, sign-ups and changes of one
 * user are single atomic operations of a {@link ConcurrentHashMap}, without locks, so a reader
 * never sees half an update; a change of e-mail address and a delete, which touch both the
 * user and the index, also take a lock of the repository, so that they never run into each
 * other. Ids are random UUIDs.
 */
public final class InMemoryUserRepository implements UserRepository {

    private final ConcurrentMap<String, User> usersById = new ConcurrentHashMap<>();
    /** Owner of every address in use; an entry may exist briefly before its user, never after. */
    private final ConcurrentMap<String, String> idsByEmail = new ConcurrentHashMap<>();
    private final Object emailChangeLock = new Object();

    /** Creates an empty repository. */
    public InMemoryUserRepository() {
    }

    @Override
    public User create(NewUser newUser) {
        Objects.requireNonNull(newUser, "newUser");
        User user = newUser.withId(UUID.randomUUID().toString());
        // putIfAbsent on the e-mail is the uniqueness check: one of any number of racers wins.
        if (idsByEmail.putIfAbsent(user.email(), user.id()) != null) {
            throw new DuplicateEmailException();
        }
        usersById.put(user.id(), user);
        return user;
    }

    @Override
    public Optional<User> findById(String id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(usersById.get(id));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        Objects.requireNonNull(email, "email");
        String id = idsByEmail.get(email);
        if (id == null) {
            return Optional.empty();
        }
        // The index may briefly name a user whose address is being changed; the user decides.
        User user = usersById.get(id);
        return user != null && user.email().equals(email) ? Optional.of(user) : Optional.empty();
    }

    @Override
    public boolean updatePasswordHash(String id, long expectedCredentialsVersion, String passwordHash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passwordHash, "passwordHash");
        return updateIf(id, user -> user.credentialsVersion() == expectedCredentialsVersion,
                user -> user.withPasswordHash(passwordHash));
    }

    @Override
    public boolean changePassword(String id, long expectedCredentialsVersion, String passwordHash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passwordHash, "passwordHash");
        return updateIf(id, user -> user.credentialsVersion() == expectedCredentialsVersion,
                user -> user.withNewPassword(passwordHash));
    }

    @Override
    public boolean updateRoles(String id, Set<String> roles) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roles, "roles");
        Set<String> copy = Set.copyOf(roles);
        return updateIf(id, user -> true, user -> user.withRoles(copy));
    }

    @Override
    public boolean markEmailVerified(String id, String email, Instant verifiedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        return updateIf(id, user -> user.email().equals(email),
                user -> user.emailVerified() ? user : user.withEmailVerifiedAt(verifiedAt));
    }

    @Override
    public boolean changeEmail(String id, String expectedEmail, String newEmail, Instant verifiedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedEmail, "expectedEmail");
        Objects.requireNonNull(newEmail, "newEmail");
        if (newEmail.equals(expectedEmail)) {
            return updateIf(id, user -> user.email().equals(expectedEmail),
                    user -> user.withEmail(newEmail, verifiedAt));
        }
        synchronized (emailChangeLock) {
            User current = usersById.get(id);
            if (current == null || !current.email().equals(expectedEmail)) {
                return false;
            }
            // Claiming the new address in the index first is the uniqueness check, as in create().
            if (idsByEmail.putIfAbsent(newEmail, id) != null) {
                throw new DuplicateEmailException();
            }
            // Under the lock nobody else changes the address or deletes the user, so this applies;
            // compute() keeps a concurrent change of roles or password from being lost.
            boolean changed = updateIf(id, user -> user.email().equals(expectedEmail),
                    user -> user.withEmail(newEmail, verifiedAt));
            idsByEmail.remove(changed ? expectedEmail : newEmail, id);
            return changed;
        }
    }

    @Override
    public boolean setDisabled(String id, boolean disabled) {
        Objects.requireNonNull(id, "id");
        return updateIf(id, user -> true, user -> user.withDisabled(disabled));
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        synchronized (emailChangeLock) {
            User removed = usersById.remove(id);
            if (removed == null) {
                return false;
            }
            idsByEmail.remove(removed.email(), id);
            return true;
        }
    }

    /** Applies the change to a user that passes the check, in one atomic compute. */
    private boolean updateIf(String id, Predicate<User> check, UnaryOperator<User> change) {
        boolean[] changed = new boolean[1];
        usersById.computeIfPresent(id, (key, user) -> {
            if (!check.test(user)) {
                return user;
            }
            changed[0] = true;
            return change.apply(user);
        });
        return changed[0];
    }

    /**
     * Returns how many users are stored.
     *
     * @return the number of users
     */
    public int size() {
        return usersById.size();
    }

    @Override
    public String toString() {
        return "InMemoryUserRepository[users=" + usersById.size() + "]";
    }
}
