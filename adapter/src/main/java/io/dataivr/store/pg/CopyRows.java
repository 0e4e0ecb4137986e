package io.dataivr.store.pg;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Rows sent with PostgreSQL's {@code COPY … FROM STDIN} (text format): one statement for a whole
 * run of inserts, without a statement to parse and plan per batch of rows. Values may be null,
 * strings, UUIDs, numbers, booleans or timestamps.
 */
final class CopyRows {

    private CopyRows() {
    }

    /** Sends {@code rows} with {@code copy} (e.g. {@code copy t (a, b) from stdin}) on the connection. */
    static long copy(Connection connection, String copy, List<Object[]> rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 96);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, row[i]);
            }
            text.append('\n');
        }
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), "08006", e);
        }
    }

    static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof Timestamp at) {
            text.append(at.toInstant()); // ISO 8601 in UTC, e.g. 2026-11-26T06:30:00.123456Z
        } else if (value instanceof Number || value instanceof UUID) {
            text.append(value);
        } else if (value instanceof String string) {
            escape(text, string);
        } else {
            throw new IllegalArgumentException("no COPY text form for " + value.getClass().getName());
        }
    }

    /** COPY's text format: backslash, tab, newline and carriage return are escaped. */
    private static void escape(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
