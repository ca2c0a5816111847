package io.certeus.cli;

import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.provision.PostgresProvisioner;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where offline commands read the ledger: options, else {@code CERTEUS_PG_URL}, {@code CERTEUS_PG_USER},
 * {@code CERTEUS_PG_PASSWORD}. The password is never taken from the command line, where other
 * users could see it.
 *
 * <p>Not thread-safe: filled by picocli, read once.
 */
public final class PostgresOptions {
    @Option(names = "--pg-url", paramLabel = "JDBC_URL", description = "Default: $CERTEUS_PG_URL.")
    String url;

    @Option(names = "--pg-user", paramLabel = "USER", description = "Default: $CERTEUS_PG_USER, else 'postgres'.")
    String user;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "Ledger schema (default: ${DEFAULT-VALUE}).")
    String schema = PostgresSettings.DEFAULT_SCHEMA;

    public String schema() {
        return schema;
    }

    /** What an offline command prints when the schema holds no ledger. */
    public String noLedgerMessage() {
        return "certeus: no CERTEUS ledger in PostgreSQL schema: schema=" + schema
                + " (the schema or its ledger_entry and anchor tables do not exist; --schema names it)";
    }

    public Connection connect() throws SQLException {
        String jdbcUrl = url != null ? url : System.getenv(PostgresProvisioner.ENV_URL);
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("no PostgreSQL given: pass --pg-url or set " + PostgresProvisioner.ENV_URL);
        }
        Properties properties = new Properties();
        String login = user != null ? user : System.getenv(PostgresProvisioner.ENV_USER);
        properties.setProperty("user", login == null || login.isBlank() ? PostgresProvisioner.DEFAULT_USER : login);
        String password = System.getenv(PostgresProvisioner.ENV_PASSWORD);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "certeus-cli");
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
