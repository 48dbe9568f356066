package dev.ward.store;

import java.io.Serial;

/**
 * {@link UserRepository#create(NewUser)} was asked to create a user whose e-mail address is
 * already taken.
 *
 * <p>The store itself enforces the uniqueness (a unique index, an atomic put-if-absent), so of
 * any number of concurrent calls with one e-mail exactly one succeeds and every other one
 * throws this exception. The message does not repeat the e-mail address, and it carries no
 * cause: vendors' duplicate-key messages quote the offending value, which would put the address
 * into logs.
 */
public class DuplicateEmailException extends StoreException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a fixed message. */
    public DuplicateEmailException() {
        super("a user with this e-mail address already exists");
    }
}
