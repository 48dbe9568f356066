package dev.ward.spring;

import dev.ward.store.StoreException;
import dev.ward.store.jdbc.JdbcSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Ward's tables with {@link JdbcSchema} (which skips tables that exist) when
 * {@code ward.jdbc.initialize-schema} asks for it: {@code always}, or {@code embedded} (the
 * default) on an in-memory H2, HSQLDB or Derby database. The JDBC stores are created after it.
 */
public final class WardSchemaInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(WardSchemaInitializer.class);

    private final boolean created;

    /**
     * Creates the tables now if the setting asks for it.
     *
     * @param dataSource the database
     * @param jdbc the {@code ward.jdbc.*} properties
     * @throws dev.ward.store.StoreException if the database fails
     */
    public WardSchemaInitializer(DataSource dataSource, WardProperties.Jdbc jdbc) {
        boolean create = switch (jdbc.getInitializeSchema()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> isEmbedded(dataSource);
        };
        if (create) {
            JdbcSchema.create(dataSource, jdbc.getTablePrefix());
            LOG.info("Ward's tables (prefix {}) are in place", jdbc.getTablePrefix());
        }
        this.created = create;
    }

    /** @return whether this initializer created (or found) the tables at start-up */
    public boolean created() {
        return created;
    }

    static boolean isEmbedded(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
            return lower.startsWith("jdbc:h2:mem:") || lower.startsWith("jdbc:hsqldb:mem:")
                    || lower.startsWith("jdbc:derby:memory:");
        } catch (SQLException e) {
            throw new StoreException("could not read the database's URL", e);
        }
    }
}
