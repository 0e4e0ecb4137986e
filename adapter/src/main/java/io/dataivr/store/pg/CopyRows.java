package io.dataivr.store.pg;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows sent with PostgreSQL's {@code COPY … FROM STDIN} (text format): one statement for a whole
 * run of inserts, without a statement to parse and plan per batch of rows. Values may be null,
 * strings, UUIDs, numbers, booleans or timestamps.
 *
 * <p>The rows are written as UTF-8 straight into one buffer that is kept for the next batch (the
 * journal writes every few milliseconds; building a string, then a reader, then bytes again cost it
 * a quarter of the adapter's allocations). Not thread-safe: one per journal thread.
 */
final class CopyRows {

    /** Instant.MAX's epoch second is far beyond this; years 1970-9999 are written here, others by Instant. */
    private static final long YEAR_10000 = 253_402_300_800L;

    private byte[] buffer = new byte[16 * 1024];
    private int length;
    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] secondText = new byte[19]; // 2026-11-26T06:30:00

    /** Sends {@code rows} with {@code copy} (e.g. {@code copy t (a, b) from stdin}) on the connection. */
    long copy(Connection connection, String copy, List<Object[]> rows) throws SQLException {
        encode(rows);
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        try {
            in.writeToCopy(buffer, 0, length);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** The rows in COPY's text format, in the buffer. */
    void encode(List<Object[]> rows) {
        length = 0;
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    put('\t');
                }
                append(row[i]);
            }
            put('\n');
        }
    }

    /** What {@link #encode} or {@link #append} wrote since the last encode, as text (for tests). */
    String text() {
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    void append(Object value) {
        if (value == null) {
            put('\\');
            put('N');
        } else if (value instanceof Boolean flag) {
            put(flag ? 't' : 'f');
        } else if (value instanceof Timestamp at) {
            timestamp(at.toInstant());
        } else if (value instanceof Integer || value instanceof Long) {
            digits(((Number) value).longValue());
        } else if (value instanceof UUID uuid) {
            uuid(uuid);
        } else if (value instanceof Number) {
            ascii(value.toString());
        } else if (value instanceof String string) {
            escape(string);
        } else {
            throw new IllegalArgumentException("no COPY text form for " + value.getClass().getName());
        }
    }

    /** As {@link Instant#toString()}: ISO 8601 in UTC, e.g. 2026-11-26T06:30:00.123456Z. */
    private void timestamp(Instant at) {
        long second = at.getEpochSecond();
        if (second < 0 || second >= YEAR_10000) {
            ascii(at.toString());
            return;
        }
        if (second != cachedSecond) {
            LocalDateTime time = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            int at0 = 0;
            at0 = twoDigits(secondText, at0, time.getYear() / 100);
            at0 = twoDigits(secondText, at0, time.getYear() % 100);
            secondText[at0++] = '-';
            at0 = twoDigits(secondText, at0, time.getMonthValue());
            secondText[at0++] = '-';
            at0 = twoDigits(secondText, at0, time.getDayOfMonth());
            secondText[at0++] = 'T';
            at0 = twoDigits(secondText, at0, time.getHour());
            secondText[at0++] = ':';
            at0 = twoDigits(secondText, at0, time.getMinute());
            secondText[at0++] = ':';
            twoDigits(secondText, at0, time.getSecond());
            cachedSecond = second;
        }
        ensure(secondText.length + 11);
        System.arraycopy(secondText, 0, buffer, length, secondText.length);
        length += secondText.length;
        int nano = at.getNano();
        if (nano != 0) {
            put('.');
            if (nano % 1_000_000 == 0) {
                fixedDigits(nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                fixedDigits(nano / 1_000, 6);
            } else {
                fixedDigits(nano, 9);
            }
        }
        put('Z');
    }

    private static int twoDigits(byte[] into, int at, int value) {
        into[at] = (byte) ('0' + value / 10);
        into[at + 1] = (byte) ('0' + value % 10);
        return at + 2;
    }

    private void fixedDigits(long value, int count) {
        ensure(count);
        for (int i = count - 1; i >= 0; i--) {
            buffer[length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
    }

    private void digits(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            put('-');
            value = -value;
        }
        int count = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            count++;
        }
        fixedDigits(value, count);
    }

    private void uuid(UUID uuid) {
        ensure(36);
        hex(uuid.getMostSignificantBits() >>> 32, 8);
        buffer[length++] = '-';
        hex(uuid.getMostSignificantBits() >>> 16, 4);
        buffer[length++] = '-';
        hex(uuid.getMostSignificantBits(), 4);
        buffer[length++] = '-';
        hex(uuid.getLeastSignificantBits() >>> 48, 4);
        buffer[length++] = '-';
        hex(uuid.getLeastSignificantBits(), 12);
    }

    private void hex(long bits, int count) {
        for (int i = count - 1; i >= 0; i--) {
            buffer[length + i] = (byte) Character.forDigit((int) (bits & 0xf), 16);
            bits >>>= 4;
        }
        length += count;
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    /** COPY's text format: backslash, tab, newline and carriage return are escaped; the rest as UTF-8. */
    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> {
                    put('\\');
                    put('\\');
                }
                case '\t' -> {
                    put('\\');
                    put('t');
                }
                case '\n' -> {
                    put('\\');
                    put('n');
                }
                case '\r' -> {
                    put('\\');
                    put('r');
                }
                default -> {
                    if (c < 0x80) {
                        put(c);
                    } else {
                        int end = i + 1;
                        while (end < value.length() && value.charAt(end) >= 0x80) {
                            end++;
                        }
                        byte[] utf8 = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
                        ensure(utf8.length);
                        System.arraycopy(utf8, 0, buffer, length, utf8.length);
                        length += utf8.length;
                        i = end - 1;
                    }
                }
            }
        }
    }

    private void put(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
