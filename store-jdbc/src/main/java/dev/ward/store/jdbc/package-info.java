/**
 * JDBC stores for Ward: {@link dev.ward.store.jdbc.JdbcUserRepository},
 * {@link dev.ward.store.jdbc.JdbcTokenStore}, {@link dev.ward.store.jdbc.JdbcLoginAttemptStore},
 * {@link dev.ward.store.jdbc.JdbcOneTimeTokenStore} and
 * {@link dev.ward.store.jdbc.JdbcSecondFactorStore} over a {@link javax.sql.DataSource}, and
 * {@link dev.ward.store.jdbc.JdbcSchema}, which creates their tables.
 *
 * <p>The schema scripts are classpath resources in this package, one pair per database
 * ({@code schema-postgresql.sql}, {@code schema-mysql.sql} for MySQL and MariaDB,
 * {@code schema-h2.sql}, and a {@code schema-drop-*.sql} for each), usable as they are in a
 * Flyway or Liquibase migration. Instants are stored as epoch milliseconds.
 */
package dev.ward.store.jdbc;
