package com.example.store;

import dev.ward.store.DuplicateEmailException;
import dev.ward.store.NewUser;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Users in two plain maps behind one lock: the smallest store that passes Ward's
 * UserRepositoryKit. Every method holds the lock for its whole work, so each is atomic,
 * and the e-mail check and the insert of create cannot be split by another caller.
 */
public final class MapBackedUserRepository implements UserRepository {

    private final Map<String, User> usersById = new HashMap<>();
    private final Map<String, String> idsByEmail = new HashMap<>();

    @Override
    public synchronized User create(NewUser newUser) {
        Objects.requireNonNull(newUser, "newUser");
        if (idsByEmail.containsKey(newUser.email())) {
            throw new DuplicateEmailException();
        }
        User user = newUser.withId(UUID.randomUUID().toString());
        usersById.put(user.id(), user);
        idsByEmail.put(user.email(), user.id());
        return user;
    }

    @Override
    public synchronized Optional<User> findById(String id) {
        return Optional.ofNullable(usersById.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized Optional<User> findByEmail(String email) {
        return Optional.ofNullable(idsByEmail.get(Objects.requireNonNull(email, "email"))).map(usersById::get);
    }

    @Override
    public boolean updatePasswordHash(String id, long expectedCredentialsVersion, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        return replace(id, user -> user.credentialsVersion() == expectedCredentialsVersion
                ? user.withPasswordHash(passwordHash) : null);
    }

    @Override
    public boolean changePassword(String id, long expectedCredentialsVersion, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        return replace(id, user -> user.credentialsVersion() == expectedCredentialsVersion
                ? user.withNewPassword(passwordHash) : null);
    }

    @Override
    public boolean updateRoles(String id, Set<String> roles) {
        Objects.requireNonNull(roles, "roles");
        return replace(id, user -> user.withRoles(roles));
    }

    @Override
    public boolean markEmailVerified(String id, String email, Instant verifiedAt) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        return replace(id, user -> !user.email().equals(email) ? null
                : user.emailVerified() ? user : user.withEmailVerifiedAt(verifiedAt));
    }

    @Override
    public synchronized boolean changeEmail(String id, String expectedEmail, String newEmail, Instant verifiedAt) {
        Objects.requireNonNull(expectedEmail, "expectedEmail");
        Objects.requireNonNull(newEmail, "newEmail");
        User user = usersById.get(Objects.requireNonNull(id, "id"));
        if (user == null || !user.email().equals(expectedEmail)) {
            return false;
        }
        String owner = idsByEmail.get(newEmail);
        if (owner != null && !owner.equals(id)) {
            throw new DuplicateEmailException();
        }
        idsByEmail.remove(expectedEmail);
        idsByEmail.put(newEmail, id);
        usersById.put(id, user.withEmail(newEmail, verifiedAt));
        return true;
    }

    @Override
    public boolean setDisabled(String id, boolean disabled) {
        return replace(id, user -> user.withDisabled(disabled));
    }

    @Override
    public synchronized boolean delete(String id) {
        User user = usersById.remove(Objects.requireNonNull(id, "id"));
        if (user == null) {
            return false;
        }
        idsByEmail.remove(user.email());
        return true;
    }

    /** Replaces the user by what {@code change} makes of it; a null from it changes nothing. */
    private synchronized boolean replace(String id, UnaryOperator<User> change) {
        User user = usersById.get(Objects.requireNonNull(id, "id"));
        User changed = user == null ? null : change.apply(user);
        if (changed == null) {
            return false;
        }
        usersById.put(id, changed);
        return true;
    }
}
