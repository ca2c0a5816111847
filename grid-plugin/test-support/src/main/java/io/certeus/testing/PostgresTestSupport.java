package io.certeus.testing;

import io.certeus.postgres.provision.PostgresHandle;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives a test class its own fresh PostgreSQL schema: created before the class's first test and
 * dropped (with everything in it) after its last, so test classes never see each other's rows.
 * The server comes from {@link SharedPostgres} (DESIGN.md resolution order).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresTestSupport PG = new PostgresTestSupport();
 * ...
 * Properties memberProps = PG.settings();   // certeus.pg.url / user / password / schema
 * try (Connection c = PG.connect()) { ... } // search_path = the class's schema
 * }</pre>
 *
 * <p>Thread-safe: the schema name is fixed in {@code beforeAll}; {@link #connect()} may be called
 * from any thread, each call opening a new connection.
 */
public final class PostgresTestSupport implements BeforeAllCallback, AfterAllCallback {
    /** Property keys the PostgreSQL MapStores read (see docs/POSTGRES.md). */
    public static final String URL_KEY = "certeus.pg.url";
    public static final String USER_KEY = "certeus.pg.user";
    public static final String PASSWORD_KEY = "certeus.pg.password";
    public static final String SCHEMA_KEY = "certeus.pg.schema";

    private static final int MAX_IDENTIFIER_CHARS = 63;

    private volatile String schema;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String name = schemaNameFor(context.getRequiredTestClass().getSimpleName());
        try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + quote(name));
        }
        schema = name;
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        String created = schema;
        if (created == null) {
            return;
        }
        try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + quote(created) + " CASCADE");
        }
    }

    /** This class's schema name (lower case, no quoting needed). */
    public String schema() {
        return requireStarted();
    }

    public PostgresHandle server() {
        return SharedPostgres.handle();
    }

    /** The server's JDBC URL (without a schema). */
    public String jdbcUrl() {
        return server().jdbcUrl();
    }

    public String user() {
        return server().user();
    }

    /** May be {@code null} (trust authentication). */
    public String password() {
        return server().password();
    }

    /**
     * The server's JDBC URL with host and port replaced, e.g. to go through a {@link TcpProxy}.
     * Returns {@code [host, port, urlWithReplacement]}.
     */
    public String[] hostPortAndUrlThrough(String newHost, int newPort) {
        java.util.regex.Matcher url = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?(/.*)")
                .matcher(jdbcUrl());
        if (!url.matches()) {
            throw new IllegalStateException("cannot parse host and port: url=" + jdbcUrl());
        }
        String port = url.group(2) == null ? "5432" : url.group(2);
        return new String[] {url.group(1), port, "jdbc:postgresql://" + newHost + ":" + newPort + url.group(3)};
    }

    /** A new connection whose search_path is this class's schema; the caller closes it. */
    public Connection connect() throws SQLException {
        Connection connection = connectToServer();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + quote(requireStarted()));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The server as a {@link javax.sql.DataSource} (connections start in the server's default schema). */
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user());
        if (password() != null) {
            dataSource.setPassword(password());
        }
        return dataSource;
    }

    /** Settings for MapStores and members: server URL, user, password (if any) and this class's schema. */
    public Properties settings() {
        Properties properties = new Properties();
        properties.setProperty(URL_KEY, jdbcUrl());
        properties.setProperty(USER_KEY, user());
        if (password() != null) {
            properties.setProperty(PASSWORD_KEY, password());
        }
        properties.setProperty(SCHEMA_KEY, requireStarted());
        return properties;
    }

    /** Runs one SQL statement in this class's schema and returns the first column of the first row as a long. */
    public long queryLong(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException("query returned no row: sql=" + sql);
            }
            return rows.getLong(1);
        }
    }

    static String schemaNameFor(String testClassName) {
        String base = "t_" + testClassName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String suffix = "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL);
        int room = MAX_IDENTIFIER_CHARS - suffix.length();
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }

    private Connection connectToServer() throws SQLException {
        PostgresHandle server = server();
        Properties credentials = new Properties();
        credentials.setProperty("user", server.user());
        if (server.password() != null) {
            credentials.setProperty("password", server.password());
        }
        return DriverManager.getConnection(server.jdbcUrl(), credentials);
    }

    private String requireStarted() {
        String current = schema;
        if (current == null) {
            throw new IllegalStateException("postgres-test-support: no schema yet; register with @RegisterExtension "
                    + "on a static field so beforeAll runs first");
        }
        return current;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
