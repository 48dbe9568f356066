-- Ward JDBC stores: tables for MySQL 8 and MariaDB 10.11 or later (InnoDB).
--
-- Idempotent (IF NOT EXISTS everywhere): safe to run again, also as a Flyway or Liquibase
-- migration as it is. Indexes are declared inside CREATE TABLE, because MySQL has no
-- CREATE INDEX IF NOT EXISTS. Every table name, constraint and index starts with the prefix
-- ward_; JdbcSchema.create(dataSource, prefix) puts another prefix in its place.
-- Instants are epoch milliseconds (BIGINT).
--
-- Text is utf8mb4 (user names may hold emoji) with a binary collation, so comparisons are
-- case- and accent-sensitive. The two columns that hold caller-chosen keys, email and
-- attempt_key, are VARBINARY (UTF-8 bytes, four per character at most): binary strings compare
-- byte for byte, where every utf8mb4 collation that both MySQL and MariaDB know ignores
-- trailing spaces. All keys stay within InnoDB's 3072-byte index limit.

-- Users. roles holds the role names sorted and joined with commas ('' for none).
-- credentials_version counts password changes; each session records it at log-in.
-- email_verified_at is when the current address was verified (NULL: never); disabled accounts
-- stay stored but may not log in. No table refers to this one by a foreign key (sessions,
-- devices and one-time tokens name the user by id only), so a user row can be deleted alone;
-- the caller deletes the rest through the other stores.
CREATE TABLE IF NOT EXISTS ward_users (
    id            VARCHAR(64)     NOT NULL,
    user_name     VARCHAR(100)    NOT NULL,
    email         VARBINARY(1016) NOT NULL,
    password_hash VARCHAR(255)    NOT NULL,
    roles         VARCHAR(4000)   NOT NULL,
    created_at    BIGINT          NOT NULL,
    credentials_version BIGINT NOT NULL DEFAULT 0,
    email_verified_at BIGINT,
    disabled      BOOLEAN         NOT NULL DEFAULT FALSE,
    CONSTRAINT ward_users_pk PRIMARY KEY (id),
    CONSTRAINT ward_users_email_uk UNIQUE (email)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- Sessions (refresh-token families). user_id is not a foreign key: the token store may be
-- used with another user store. ended_at is the earliest of expires_at, idle_expires_at and
-- revoked_at, kept by every statement that changes one of them, so that clean-up is one
-- index range. successor_mask holds the current secret masked for the holder of the previous
-- one, so a grace-window refresh gets the same successor; alone it yields no token (SECURITY.md).
CREATE TABLE IF NOT EXISTS ward_sessions (
    id              VARCHAR(64)  NOT NULL,
    user_id         VARCHAR(64)  NOT NULL,
    family_hash     VARCHAR(64)  NOT NULL,
    current_hash    VARCHAR(64)  NOT NULL,
    previous_hash   VARCHAR(64),
    successor_mask  VARCHAR(64),
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL,
    idle_expires_at BIGINT       NOT NULL,
    rotated_at      BIGINT,
    last_used_at    BIGINT       NOT NULL,
    revoked_at      BIGINT,
    revoke_reason   VARCHAR(64),
    client_ip       VARCHAR(45),
    user_agent      VARCHAR(512),
    credentials_version BIGINT NOT NULL DEFAULT 0,
    ended_at        BIGINT       NOT NULL,
    CONSTRAINT ward_sessions_pk PRIMARY KEY (id),
    INDEX ward_sessions_user_idx (user_id),
    INDEX ward_sessions_ended_idx (ended_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- Failed log-ins per throttling key. locked_until is NULL when the key is not locked.
CREATE TABLE IF NOT EXISTS ward_login_attempts (
    attempt_key     VARBINARY(1280) NOT NULL,
    failures        INTEGER         NOT NULL,
    last_failure_at BIGINT          NOT NULL,
    locked_until    BIGINT,
    CONSTRAINT ward_login_attempts_pk PRIMARY KEY (attempt_key),
    INDEX ward_login_attempts_stale_idx (last_failure_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- Known devices (device tokens, OWASP's device-cookie pattern): only a hash of the secret.
CREATE TABLE IF NOT EXISTS ward_login_devices (
    id          VARCHAR(64) NOT NULL,
    user_id     VARCHAR(64) NOT NULL,
    secret_hash VARCHAR(64) NOT NULL,
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    CONSTRAINT ward_login_devices_pk PRIMARY KEY (id),
    INDEX ward_login_devices_expires_idx (expires_at),
    INDEX ward_login_devices_user_idx (user_id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- Single-use tokens (e-mail verification, password reset, e-mail change, log-in link): only a
-- hash of each token. purpose is OneTimeTokenPurpose.code(); bound_value is, for an e-mail
-- change, the new address. used_at is set once, by the use or by a newer token of the same
-- purpose (superseded). ended_at is the earlier of used_at and expires_at, kept by every update,
-- so that the purge is one index range.
CREATE TABLE IF NOT EXISTS ward_one_time_tokens (
    token_hash  VARCHAR(64)  NOT NULL,
    purpose     VARCHAR(32)  NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    bound_value VARCHAR(254),
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    used_at     BIGINT,
    ended_at    BIGINT       NOT NULL,
    CONSTRAINT ward_one_time_tokens_pk PRIMARY KEY (token_hash),
    INDEX ward_one_time_tokens_user_idx (user_id, purpose),
    INDEX ward_one_time_tokens_ended_idx (ended_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- Second factor: TOTP credentials. A user has at most one pending (confirmed = FALSE) and one
-- confirmed credential, beside each other while a new phone is enrolled. encrypted_secret is
-- opaque to the store (the core keeps base64 of AES-256-GCM output there), key_id names the key
-- it was encrypted with. last_used_step is the TOTP time step of the last accepted code (-1:
-- none); a code is accepted only by UPDATE ... WHERE last_used_step < ?, which is the replay
-- protection. user_id is not a foreign key, as for sessions.
CREATE TABLE IF NOT EXISTS ward_totp_credentials (
    user_id          VARCHAR(64)   NOT NULL,
    confirmed        BOOLEAN       NOT NULL,
    encrypted_secret VARCHAR(512)  NOT NULL,
    key_id           VARCHAR(64)   NOT NULL,
    created_at       BIGINT        NOT NULL,
    confirmed_at     BIGINT,
    last_used_step   BIGINT        NOT NULL,
    CONSTRAINT ward_totp_credentials_pk PRIMARY KEY (user_id, confirmed)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- Second factor: recovery codes, only a slow hash (bcrypt) of each. id is chosen by the caller.
-- A code is used by UPDATE ... WHERE used_at IS NULL. A user's codes are replaced in one
-- transaction that first locks the user's row in recovery_code_sets, so that concurrent
-- replacements run one after the other.
CREATE TABLE IF NOT EXISTS ward_recovery_codes (
    id         VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(64)  NOT NULL,
    code_hash  VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL,
    used_at    BIGINT,
    CONSTRAINT ward_recovery_codes_pk PRIMARY KEY (id),
    INDEX ward_recovery_codes_user_idx (user_id, id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per user whose recovery codes were ever replaced: the lock that orders replacements.
CREATE TABLE IF NOT EXISTS ward_recovery_code_sets (
    user_id      VARCHAR(64)  NOT NULL,
    replacements BIGINT       NOT NULL,
    CONSTRAINT ward_recovery_code_sets_pk PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
