-- Ward JDBC stores: tables for H2 2.x, regular mode.
--
-- Idempotent (IF NOT EXISTS everywhere): safe to run again, also as a Flyway or Liquibase
-- migration as it is. Every table name, constraint and index starts with the prefix ward_;
-- JdbcSchema.create(dataSource, prefix) puts another prefix in its place.
-- Instants are epoch milliseconds (BIGINT).
-- H2 counts a VARCHAR's length in UTF-16 units, where the other databases count characters,
-- so the lengths here are doubled: a value of N characters fits whatever its characters are.
-- The stores themselves refuse values over the limits of the PostgreSQL script.

-- Users. roles holds the role names sorted and joined with commas ('' for none).
-- credentials_version counts password changes; each session records it at log-in.
-- email_verified_at is when the current address was verified (NULL: never); disabled accounts
-- stay stored but may not log in. No table refers to this one by a foreign key (sessions,
-- devices and one-time tokens name the user by id only), so a user row can be deleted alone;
-- the caller deletes the rest through the other stores.
CREATE TABLE IF NOT EXISTS ward_users (
    id            VARCHAR(128)  NOT NULL,
    user_name     VARCHAR(200)  NOT NULL,
    email         VARCHAR(508)  NOT NULL,
    password_hash VARCHAR(510)  NOT NULL,
    roles         VARCHAR(8000) NOT NULL,
    created_at    BIGINT        NOT NULL,
    credentials_version BIGINT NOT NULL DEFAULT 0,
    email_verified_at BIGINT,
    disabled      BOOLEAN       NOT NULL DEFAULT FALSE,
    CONSTRAINT ward_users_pk PRIMARY KEY (id),
    CONSTRAINT ward_users_email_uk UNIQUE (email)
);

-- Sessions (refresh-token families). user_id is not a foreign key: the token store may be
-- used with another user store. ended_at is the earliest of expires_at, idle_expires_at and
-- revoked_at, kept by every statement that changes one of them, so that clean-up is one
-- index range. successor_mask holds the current secret masked for the holder of the previous
-- one, so a grace-window refresh gets the same successor; alone it yields no token (SECURITY.md).
CREATE TABLE IF NOT EXISTS ward_sessions (
    id              VARCHAR(128)  NOT NULL,
    user_id         VARCHAR(128)  NOT NULL,
    family_hash     VARCHAR(128)  NOT NULL,
    current_hash    VARCHAR(128)  NOT NULL,
    previous_hash   VARCHAR(128),
    successor_mask  VARCHAR(128),
    created_at      BIGINT        NOT NULL,
    expires_at      BIGINT        NOT NULL,
    idle_expires_at BIGINT        NOT NULL,
    rotated_at      BIGINT,
    last_used_at    BIGINT        NOT NULL,
    revoked_at      BIGINT,
    revoke_reason   VARCHAR(128),
    client_ip       VARCHAR(90),
    user_agent      VARCHAR(1024),
    credentials_version BIGINT NOT NULL DEFAULT 0,
    ended_at        BIGINT        NOT NULL,
    CONSTRAINT ward_sessions_pk PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS ward_sessions_user_idx ON ward_sessions (user_id);

CREATE INDEX IF NOT EXISTS ward_sessions_ended_idx ON ward_sessions (ended_at);

-- Failed log-ins per throttling key. locked_until is NULL when the key is not locked.
CREATE TABLE IF NOT EXISTS ward_login_attempts (
    attempt_key     VARCHAR(640) NOT NULL,
    failures        INTEGER      NOT NULL,
    last_failure_at BIGINT       NOT NULL,
    locked_until    BIGINT,
    CONSTRAINT ward_login_attempts_pk PRIMARY KEY (attempt_key)
);

CREATE INDEX IF NOT EXISTS ward_login_attempts_stale_idx ON ward_login_attempts (last_failure_at);

-- Known devices (device tokens, OWASP's device-cookie pattern): only a hash of the secret.
CREATE TABLE IF NOT EXISTS ward_login_devices (
    id          VARCHAR(64) NOT NULL,
    user_id     VARCHAR(64) NOT NULL,
    secret_hash VARCHAR(64) NOT NULL,
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    CONSTRAINT ward_login_devices_pk PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS ward_login_devices_expires_idx ON ward_login_devices (expires_at);

CREATE INDEX IF NOT EXISTS ward_login_devices_user_idx ON ward_login_devices (user_id);

-- Single-use tokens (e-mail verification, password reset, e-mail change, log-in link): only a
-- hash of each token. purpose is OneTimeTokenPurpose.code(); bound_value is, for an e-mail
-- change, the new address. used_at is set once, by the use or by a newer token of the same
-- purpose (superseded). ended_at is the earlier of used_at and expires_at, kept by every update,
-- so that the purge is one index range. user_id is not a foreign key, as for sessions.
CREATE TABLE IF NOT EXISTS ward_one_time_tokens (
    token_hash  VARCHAR(128) NOT NULL,
    purpose     VARCHAR(64)  NOT NULL,
    user_id     VARCHAR(128) NOT NULL,
    bound_value VARCHAR(508),
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    used_at     BIGINT,
    ended_at    BIGINT       NOT NULL,
    CONSTRAINT ward_one_time_tokens_pk PRIMARY KEY (token_hash)
);

CREATE INDEX IF NOT EXISTS ward_one_time_tokens_user_idx ON ward_one_time_tokens (user_id, purpose);

CREATE INDEX IF NOT EXISTS ward_one_time_tokens_ended_idx ON ward_one_time_tokens (ended_at);

-- Second factor: TOTP credentials. A user has at most one pending (confirmed = FALSE) and one
-- confirmed credential, beside each other while a new phone is enrolled. encrypted_secret is
-- opaque to the store (the core keeps base64 of AES-256-GCM output there), key_id names the key
-- it was encrypted with. last_used_step is the TOTP time step of the last accepted code (-1:
-- none); a code is accepted only by UPDATE ... WHERE last_used_step < ?, which is the replay
-- protection. user_id is not a foreign key, as for sessions.
CREATE TABLE IF NOT EXISTS ward_totp_credentials (
    user_id          VARCHAR(128)  NOT NULL,
    confirmed        BOOLEAN       NOT NULL,
    encrypted_secret VARCHAR(1024) NOT NULL,
    key_id           VARCHAR(128)  NOT NULL,
    created_at       BIGINT        NOT NULL,
    confirmed_at     BIGINT,
    last_used_step   BIGINT        NOT NULL,
    CONSTRAINT ward_totp_credentials_pk PRIMARY KEY (user_id, confirmed)
);

-- Second factor: recovery codes, only a slow hash (bcrypt) of each. id is chosen by the caller.
-- A code is used by UPDATE ... WHERE used_at IS NULL. A user's codes are replaced in one
-- transaction that first locks the user's row in recovery_code_sets, so that concurrent
-- replacements run one after the other.
CREATE TABLE IF NOT EXISTS ward_recovery_codes (
    id         VARCHAR(128) NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    code_hash  VARCHAR(510) NOT NULL,
    created_at BIGINT       NOT NULL,
    used_at    BIGINT,
    CONSTRAINT ward_recovery_codes_pk PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS ward_recovery_codes_user_idx ON ward_recovery_codes (user_id, id);

-- One row per user whose recovery codes were ever replaced: the lock that orders replacements.
CREATE TABLE IF NOT EXISTS ward_recovery_code_sets (
    user_id      VARCHAR(128) NOT NULL,
    replacements BIGINT       NOT NULL,
    CONSTRAINT ward_recovery_code_sets_pk PRIMARY KEY (user_id)
);
