package io.dataivr.voice;

import java.util.List;
import java.util.Locale;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk's database (AstDB, one SQLite file) set to commit without waiting for the disk: write-ahead
 * logging with {@code synchronous=NORMAL}, where Asterisk leaves SQLite's defaults (a rollback journal,
 * {@code synchronous=FULL}). Asterisk commits at most once a second, on a thread of its own that holds the
 * database's lock through the commit: with the defaults that is two or three fsyncs, and every voice link's
 * DBPut and every {@code DB_DELETE} of the dialplan arriving meanwhile waits for them. On the benchmark
 * machine's disk (fsync 0.8 ms p50, 1.8 ms at worst) ten customers tapping at once had their links' DBPuts
 * answered 2.9-3.4 ms p50 after they reached Asterisk, against 0.3 ms with the database on a RAM disk
 * (bench/sip-call-setup.sh, docs/benchmarks.md). With write-ahead logging and NORMAL a commit appends to the
 * log without an fsync (only the checkpoints, every thousand pages, sync): the database stays consistent
 * whatever stops, and a power cut can lose the writes the system had not yet written back (Linux: up to
 * about 30 s), where Asterisk's own commit once a second already risks the last second.
 *
 * <p>Asterisk has no setting for it, and SQLite refuses to change the safety level inside a transaction,
 * which Asterisk's one connection always holds (its sync thread begins the next one right after each
 * commit). So the change goes through Asterisk's CLI {@code database query}, which runs its SQL on that
 * connection under the database lock: commit, switch, begin again, as the sync thread would. The log mode
 * stays in the file; {@code synchronous} is the connection's, so it is set again at every AMI login (an
 * Asterisk restart opened a new connection). {@code dataivr.voice.astdb-write-ahead: false} leaves
 * Asterisk's database as Asterisk set it.
 */
final class AstDbWriteAhead {

    private static final Logger log = LoggerFactory.getLogger(AstDbWriteAhead.class);
    static final String READ = "database query \"PRAGMA journal_mode; PRAGMA synchronous\"";
    static final String SWITCH =
            "database query \"COMMIT; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; BEGIN TRANSACTION\"";

    /** The two settings as Asterisk's connection reports them ({@code null}: not read). */
    record Mode(String journal, String synchronous) {

        static final Mode WRITE_AHEAD = new Mode("wal", "1");

        /** From the lines of {@link #READ}: {@code journal_mode: wal}, {@code synchronous: 1}. */
        static Mode parse(List<String> lines) {
            String journal = null;
            String synchronous = null;
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (name.equals("journal_mode")) {
                    journal = value.toLowerCase(Locale.ROOT);
                } else if (name.equals("synchronous")) {
                    synchronous = value;
                }
            }
            return new Mode(journal, synchronous);
        }
    }

    private final AmiConnections ami;
    private final boolean enabled;

    AstDbWriteAhead(AmiConnections ami, boolean enabled) {
        this.ami = ami;
        this.enabled = enabled;
    }

    /** Sets the mode if it is not set yet (at each login); returns the mode read at the end, or null. */
    Mode loggedIn() {
        if (!enabled) {
            return null;
        }
        try {
            Mode before = read();
            if (Mode.WRITE_AHEAD.equals(before)) {
                log.debug("Asterisk's database already commits through its write-ahead log");
                return before;
            }
            ami.send(new CommandAction(SWITCH), "switch Asterisk's database to write-ahead logging");
            Mode after = read();
            if (Mode.WRITE_AHEAD.equals(after)) {
                log.info("Asterisk's database now commits through its write-ahead log without waiting for the disk"
                        + " (was journal_mode {}, synchronous {})", before.journal(), before.synchronous());
            } else {
                log.warn("Asterisk's database could not be switched to write-ahead logging (journal_mode {},"
                        + " synchronous {}; see Asterisk's log): its commits keep waiting for the disk",
                        after.journal(), after.synchronous());
            }
            return after;
        } catch (AsteriskUnavailable e) {
            log.debug("Asterisk's database mode not checked: {}", e.getMessage());
            return null;
        }
    }

    private Mode read() {
        ManagerResponse response = ami.send(new CommandAction(READ), "read Asterisk's database mode");
        if (response instanceof CommandResponse command && command.getResult() != null) {
            return Mode.parse(command.getResult());
        }
        return new Mode(null, null);
    }
}
