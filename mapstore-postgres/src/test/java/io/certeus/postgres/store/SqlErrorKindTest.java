package io.certeus.postgres.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlErrorKindTest {
    private static SqlErrorKind kind(String state) {
        return SqlErrorKind.classify(new SQLException("x", state));
    }

    @Test
    void classifiesBySqlStateNotByMessage() {
        assertThat(kind("23505")).isEqualTo(SqlErrorKind.CONFLICT);
        assertThat(kind("22021")).isEqualTo(SqlErrorKind.DATA);
        assertThat(kind("22008")).isEqualTo(SqlErrorKind.DATA);
        assertThat(kind("23502")).isEqualTo(SqlErrorKind.DATA);
        assertThat(kind("54000")).isEqualTo(SqlErrorKind.DATA);
        assertThat(kind("08006")).isEqualTo(SqlErrorKind.UNAVAILABLE);
        assertThat(kind("57P01")).isEqualTo(SqlErrorKind.UNAVAILABLE);
        assertThat(kind("53300")).isEqualTo(SqlErrorKind.UNAVAILABLE);
        assertThat(kind("40001")).isEqualTo(SqlErrorKind.UNAVAILABLE);
        assertThat(kind("42P01")).isEqualTo(SqlErrorKind.OTHER);
        assertThat(kind(null)).isEqualTo(SqlErrorKind.OTHER);
        assertThat(SqlErrorKind.classify(new SQLTransientConnectionException("pool timeout"))).isEqualTo(SqlErrorKind.UNAVAILABLE);
    }

    @Test
    void findsTheSqlStateAlongTheCauseChain() {
        SQLException outer = new SQLException("wrapper");
        outer.initCause(new SQLException("inner", "08001"));
        assertThat(SqlErrorKind.sqlState(outer)).isEqualTo("08001");
        assertThat(SqlErrorKind.classify(outer)).isEqualTo(SqlErrorKind.UNAVAILABLE);
    }
}
