package io.dataivr.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How the session journal orders and encodes a batch before PostgreSQL sees it. */
class SessionJournalOrderTests {

    @Test
    void aBatchGroupsInsertsByStatementAfterTheirSessionsAndKeepsUpdatesInOrder() {
        List<JdbcSessionStore.Write> batch = List.of(
                write("insert item", 1, "a"), write("insert delivery", 1, "b"), write("update call", 2, "c"),
                write("insert session", 0, "d"), write("insert item", 1, "e"), write("update session", 2, "f"),
                write("update call", 2, "g"), write("insert delivery", 1, "h"));

        List<JdbcSessionStore.Run> runs = JdbcSessionStore.runs(batch);

        assertThat(runs).extracting(JdbcSessionStore.Run::sql).containsExactly("insert session", "insert item",
                "insert delivery", "update call", "update session", "update call");
        assertThat(runs.get(1).args()).extracting(args -> args[0]).containsExactly("a", "e");
        assertThat(runs.get(2).args()).extracting(args -> args[0]).containsExactly("b", "h");
        assertThat(runs.get(5).args()).extracting(args -> args[0]).containsExactly("g");
    }

    @Test
    void ofTheMovesOfOneSessionInABatchOnlyTheLastIsWritten() {
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<JdbcSessionStore.Write> batch = List.of(
                move(one, "2"), move(other, "1"), write("update call", 2, "c"), move(one, "2/3"), move(one, "2"),
                write("update call", 2, "d"));

        List<JdbcSessionStore.Run> runs = JdbcSessionStore.runs(batch);

        assertThat(runs).extracting(JdbcSessionStore.Run::sql).containsExactly("move", "update call", "move",
                "update call");
        assertThat(runs.get(0).args()).extracting(args -> args[0]).containsExactly("1");
        assertThat(runs.get(2).args()).extracting(args -> args[0] + "@" + args[1]).containsExactly("2@" + one);
    }

    private static JdbcSessionStore.Write move(UUID session, String path) {
        return new JdbcSessionStore.Write("move", 2, null, new Object[] {path, session}, session);
    }

    @Test
    void copyTextEscapesWhatWouldSplitARowAndWritesNullsAndTimes() {
        StringBuilder text = new StringBuilder();
        CopyRows.append(text, "a\tb\\c\nd\re");
        text.append('|');
        CopyRows.append(text, null);
        text.append('|');
        CopyRows.append(text, Timestamp.from(Instant.parse("2026-11-26T06:30:00.123456Z")));
        text.append('|');
        CopyRows.append(text, true);

        assertThat(text.toString()).isEqualTo("a\\tb\\\\c\\nd\\re|\\N|2026-11-26T06:30:00.123456Z|t");
    }

    @Test
    void aFlushDoesNotWaitForTheLingerAndEverythingIsWrittenInOrder() throws Exception {
        List<Integer> written = new CopyOnWriteArrayList<>();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        try (WriteBehindJournal<Integer> journal = new WriteBehindJournal<>("test-journal", 1_000,
                Duration.ofSeconds(20), batch -> {
                    batchSizes.add(batch.size());
                    written.addAll(batch);
                })) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                journal.append(i);
                expected.add(i);
            }
            long start = System.nanoTime();
            journal.flush();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(written).containsExactlyElementsOf(expected);
            assertThat(batchSizes).hasSizeLessThan(10); // written in batches, not one by one
        }
    }

    private static JdbcSessionStore.Write write(String sql, int stage, String marker) {
        return new JdbcSessionStore.Write(sql, stage, null, new Object[] {marker, UUID.randomUUID()});
    }
}
