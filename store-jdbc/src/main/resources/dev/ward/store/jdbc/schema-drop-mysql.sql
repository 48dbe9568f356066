-- Ward JDBC stores: drops the tables of schema-mysql.sql (MySQL, MariaDB) and all their data.
-- Idempotent: tables that do not exist are skipped.

DROP TABLE IF EXISTS ward_recovery_code_sets;

DROP TABLE IF EXISTS ward_recovery_codes;

DROP TABLE IF EXISTS ward_totp_credentials;

DROP TABLE IF EXISTS ward_one_time_tokens;

DROP TABLE IF EXISTS ward_login_devices;

DROP TABLE IF EXISTS ward_login_attempts;

DROP TABLE IF EXISTS ward_sessions;

DROP TABLE IF EXISTS ward_users;
