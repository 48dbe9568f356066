/**
 * JDBC implementations of Ward's stores over a {@link javax.sql.DataSource}, so that any number
 * of application nodes share users, sessions and throttling state through one database
 * (PostgreSQL 14+, MySQL 8, MariaDB 10.11+ or H2 2.x), with a schema script per database.
 * No runtime dependency beyond the JDK: the host brings the driver and the pool.
 */
module dev.ward.store.jdbc {
    requires transitive dev.ward.store;
    requires transitive java.sql;

    exports dev.ward.store.jdbc;
}
