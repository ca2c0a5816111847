package io.certeus.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class PostgresTestSupportIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    @Test
    void provisionedServerAnswersQueriesInTheClassSchema() throws Exception {
        try (Connection connection = PG.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int PRIMARY KEY)");
            statement.execute("INSERT INTO probe VALUES (42)");
            try (ResultSet rows = statement.executeQuery("SELECT current_schema(), id FROM probe")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(PG.schema());
                assertThat(rows.getInt(2)).isEqualTo(42);
            }
        }
    }

    @Test
    void schemaNameIsAValidDistinctIdentifier() {
        assertThat(PG.schema()).startsWith("t_postgrestestsupportit_").hasSizeLessThanOrEqualTo(63);
        assertThat(PG.settings().getProperty(PostgresTestSupport.SCHEMA_KEY)).isEqualTo(PG.schema());
    }
}
