-- Ward JDBC stores: drops the tables of schema-postgresql.sql, their indexes and all their data.
-- Idempotent: tables that do not exist are skipped.

DROP TABLE IF EXISTS ward_one_time_tokens;

DROP TABLE IF EXISTS ward_login_devices;

DROP TABLE IF EXISTS ward_login_attempts;

DROP TABLE IF EXISTS ward_sessions;

DROP TABLE IF EXISTS ward_users;
