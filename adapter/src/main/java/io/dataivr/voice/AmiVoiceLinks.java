package io.dataivr.voice;

import io.dataivr.call.VoiceLinks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.DbDelAction;
import org.asteriskjava.manager.action.DbPutAction;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time voice links in Asterisk's database (AstDB, {@code func_db} in the dialplan): family
 * {@value #FAMILY}, key the voice request's id ({@code vr-…}, what the app dials), value
 * {@code <session>:<queue>:<endpoint>:<written at, epoch ms>} (endpoint empty when the session has no
 * device account). dialplan/extensions.conf takes it ({@code DB_DELETE}) and checks the caller's endpoint
 * as it uses it. The adapter writes it before the app is told the link (DBPut, written and waited for by the
 * voice request's own thread, not the AMI writer's: links of customers tapping at once are written
 * together), deletes it when its request is given up (DBDel), and sweeps away stale ones ({@link #sweep}):
 * at every AMI login (an adapter start, a reconnect, an Asterisk restart: AstDB survives restarts on disk) and
 * every {@link #SWEEP_EVERY}. Stale: not the link of a request still open in this adapter, and written before
 * this adapter started (a previous run's: nobody follows its calls any more) or more than {@link #GRACE}
 * ago (so another adapter's link being dialled, in the tests, is not taken). One adapter per Asterisk:
 * another node's open links would look stale to this one.
 */
final class AmiVoiceLinks implements VoiceLinks {

    static final String FAMILY = "dataivr-link";
    static final Duration GRACE = Duration.ofMinutes(1);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(AmiVoiceLinks.class);

    private final AmiConnections ami;
    private final Clock clock;
    private final long startedAt;
    private volatile Supplier<Set<String>> open = Set::of;

    AmiVoiceLinks(AmiConnections ami, Clock clock) {
        this.ami = ami;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    /** Where the sweep learns which links are still wanted (the voice requests still open). */
    void keepOpen(Supplier<Set<String>> open) {
        this.open = open;
    }

    @Override
    public void open(String requestId, UUID sessionId, String queue, String endpoint) {
        String value = sessionId + ":" + queue + ":" + (endpoint == null ? "" : endpoint) + ":" + clock.millis();
        ManagerResponse response = ami.sendFromCaller(new DbPutAction(FAMILY, requestId, value),
                "open voice link " + requestId);
        if (response instanceof ManagerError) {
            throw new AsteriskUnavailable("open voice link " + requestId,
                    new IllegalStateException("Asterisk refused DBPut: " + response.getMessage()));
        }
    }

    @Override
    public void close(String requestId) {
        // "Database entry not found": the dialplan used it meanwhile, or a sweep took it. No failure.
        ami.sendWithoutWaiting(new DbDelAction(FAMILY, requestId), "close voice link " + requestId, null,
                notSent -> log.info("closing voice link {} not sent ({}): the next sweep deletes it", requestId,
                        notSent));
    }

    /** Deletes every stale link (see the class comment); returns how many. Asterisk away: none, later. */
    int sweep() {
        try {
            Set<String> keep = open.get();
            ManagerResponse response = ami.send(new CommandAction("database show " + FAMILY), "read voice links");
            if (!(response instanceof CommandResponse command) || command.getResult() == null) {
                log.warn("could not read the voice links in Asterisk's database: {}", response.getMessage());
                return 0;
            }
            List<String> stale = stale(command.getResult(), keep, Math.max(startedAt, clock.millis() - GRACE.toMillis()));
            for (String requestId : stale) {
                ami.send(new DbDelAction(FAMILY, requestId), "delete stale voice link " + requestId);
            }
            if (!stale.isEmpty()) {
                log.info("{} stale voice link(s) deleted from Asterisk's database", stale.size());
            }
            return stale.size();
        } catch (AsteriskUnavailable e) {
            log.debug("voice link sweep skipped: {}", e.getMessage());
            return 0;
        }
    }

    /** Of the lines of {@code database show}, the links not in {@code keep} written before {@code before}. */
    static List<String> stale(List<String> lines, Set<String> keep, long before) {
        List<String> stale = new ArrayList<>();
        for (String line : lines) {
            Link link = Link.parse(line);
            if (link != null && !keep.contains(link.requestId()) && link.writtenAt() < before) {
                stale.add(link.requestId());
            }
        }
        return stale;
    }

    /** One line of {@code database show dataivr-link}: {@code /dataivr-link/vr-… : <value>}. */
    record Link(String requestId, long writtenAt) {

        private static final String PREFIX = "/" + FAMILY + "/";

        /** The link on this line, or null for another line (the count at the end); no time: written at 0. */
        static Link parse(String line) {
            String trimmed = line.strip();
            int colon = trimmed.indexOf(':');
            if (!trimmed.startsWith(PREFIX) || colon < 0) {
                return null;
            }
            String requestId = trimmed.substring(PREFIX.length(), colon).strip();
            String[] fields = trimmed.substring(colon + 1).strip().split(":", -1);
            long writtenAt = 0;
            if (fields.length >= 4) {
                try {
                    writtenAt = Long.parseLong(fields[3].strip());
                } catch (NumberFormatException e) {
                    writtenAt = 0;
                }
            }
            return requestId.isEmpty() ? null : new Link(requestId, writtenAt);
        }
    }
}
