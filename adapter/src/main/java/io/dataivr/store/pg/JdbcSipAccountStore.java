package io.dataivr.store.pg;

import io.dataivr.session.device.DeviceKind;
import io.dataivr.session.device.SipAccount;
import io.dataivr.session.device.SipAccountStore;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Device accounts as PJSIP realtime rows (ps_endpoints, ps_auths, ps_aors: one id for all three),
 * which Asterisk reads through res_config_pgsql on every REGISTER and INVITE, so inserting and
 * deleting them takes effect at once. The endpoint options mirror pjsip.conf's customer template.
 * Taking a pooled account is written behind, in order, and before any later revocation.
 */
public class JdbcSipAccountStore implements SipAccountStore, AutoCloseable {

    private static final String INSERT_RECORD = """
            insert into sip_device_account (username, session_id, created_at, expires_at, assigned_at, device)
            values (?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_AUTH = """
            insert into ps_auths (id, auth_type, username, password) values (?, 'userpass', ?, ?)""";
    private static final String INSERT_AOR = """
            insert into ps_aors (id, max_contacts, remove_existing, qualify_frequency, default_expiration,
                                 minimum_expiration)
            values (?, 1, 'yes', ?, 600, 30)""";
    private static final String INSERT_ENDPOINT = """
            insert into ps_endpoints (id, transport, aors, auth, context, disallow, allow, direct_media,
                                      direct_media_method, rtp_symmetric, force_rport, rewrite_contact,
                                      media_encryption, dtmf_mode, callerid)
            values (?, ?, ?, ?, ?, 'all', ?, 'yes', 'invite', 'yes', 'yes', 'yes', 'no', 'rfc4733', ?)""";
    /**
     * A browser's endpoint: WebRTC (ICE, DTLS-SRTP with a certificate Asterisk makes, AVPF, rtcp-mux), no
     * direct media (a desk phone speaks plain RTP), rtp_timeout for a browser gone without a BYE. No
     * transport: requests to it go back over its own WebSocket.
     */
    private static final String INSERT_WEBRTC_ENDPOINT = """
            insert into ps_endpoints (id, aors, auth, context, disallow, allow, direct_media, rtp_symmetric,
                                      force_rport, rewrite_contact, media_encryption, webrtc,
                                      dtls_auto_generate_cert, rtp_timeout, dtmf_mode, callerid)
            values (?, ?, ?, ?, 'all', ?, 'no', 'yes', 'yes', 'yes', 'dtls', 'yes', 'yes', ?, 'rfc4733', ?)""";
    private static final String ASSIGN = """
            update sip_device_account set session_id = ?, assigned_at = ?, expires_at = ?
            where username = ? and session_id is null""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PjsipRealtimeProperties properties;
    private final WriteBehindJournal<Object[]> assignments;
    private final AutoCloseable database;

    public JdbcSipAccountStore(JdbcTemplate jdbc, TransactionTemplate transactions,
            PjsipRealtimeProperties properties) {
        this(jdbc, transactions, properties, null);
    }

    /** @param database the connection pool this store owns and closes (null: it shares the adapter's) */
    public JdbcSipAccountStore(JdbcTemplate jdbc, TransactionTemplate transactions,
            PjsipRealtimeProperties properties, AutoCloseable database) {
        this.database = database;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.assignments = new WriteBehindJournal<>("sip-account-journal", 10_000, Duration.ofMillis(5),
                batch -> jdbc.batchUpdate(ASSIGN, batch));
    }

    @Override
    public void provision(SipAccount account, UUID sessionId, Instant at) {
        insert(List.of(account), sessionId, at);
    }

    @Override
    public void provisionUnassigned(List<SipAccount> accounts, Instant at) {
        insert(accounts, null, at);
    }

    private void insert(List<SipAccount> accounts, UUID sessionId, Instant at) {
        List<Object[]> records = new ArrayList<>();
        List<Object[]> auths = new ArrayList<>();
        List<Object[]> aors = new ArrayList<>();
        List<Object[]> endpoints = new ArrayList<>();
        List<Object[]> webrtcEndpoints = new ArrayList<>();
        Timestamp assignedAt = sessionId == null ? null : Timestamp.from(at);
        for (SipAccount account : accounts) {
            String id = account.username();
            records.add(new Object[] {id, sessionId, Timestamp.from(at), Timestamp.from(account.expiresAt()),
                    assignedAt, account.kind().wire()});
            auths.add(new Object[] {id, id, account.password()});
            aors.add(new Object[] {id, (int) properties.qualifyFrequency().toSeconds()});
            if (account.kind() == DeviceKind.WEBRTC) {
                webrtcEndpoints.add(new Object[] {id, id, id, properties.context(), properties.webrtcCodecs(),
                        (int) properties.webrtcRtpTimeout().toSeconds(), "\"DataIVR web\" <" + id + ">"});
            } else {
                endpoints.add(new Object[] {id, properties.transport(), id, id, properties.context(),
                        properties.codecs(), "\"DataIVR app\" <" + id + ">"});
            }
        }
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate(INSERT_RECORD, records);
            jdbc.batchUpdate(INSERT_AUTH, auths);
            jdbc.batchUpdate(INSERT_AOR, aors);
            if (!endpoints.isEmpty()) {
                jdbc.batchUpdate(INSERT_ENDPOINT, endpoints);
            }
            if (!webrtcEndpoints.isEmpty()) {
                jdbc.batchUpdate(INSERT_WEBRTC_ENDPOINT, webrtcEndpoints);
            }
        });
    }

    @Override
    public void assign(String username, UUID sessionId, Instant at, Instant expiresAt) {
        assignments.append(new Object[] {sessionId, Timestamp.from(at), Timestamp.from(expiresAt), username});
    }

    @Override
    public boolean revoke(String username, String reason, Instant at) {
        assignments.flush(); // its assignment, if any, is stored first
        Integer revoked = transactions.execute(status -> {
            jdbc.update("delete from ps_endpoints where id = ?", username);
            jdbc.update("delete from ps_auths where id = ?", username);
            jdbc.update("delete from ps_aors where id = ?", username);
            return jdbc.update("""
                    update sip_device_account set revoked_at = ?, revoke_reason = ?
                    where username = ? and revoked_at is null""", Timestamp.from(at), reason, username);
        });
        return revoked != null && revoked > 0;
    }

    @Override
    public List<String> expiredAt(Instant now) {
        return jdbc.queryForList("""
                select username from sip_device_account where revoked_at is null and expires_at <= ?
                order by expires_at limit 500""", String.class, Timestamp.from(now));
    }

    @Override
    public boolean isLive(String username) {
        Integer live = jdbc.queryForObject("""
                select count(*) from sip_device_account a join ps_endpoints e on e.id = a.username
                where a.username = ? and a.revoked_at is null""", Integer.class, username);
        return live != null && live > 0;
    }

    /** Which of {@code usernames} are browsers' (WebRTC) accounts (the calls report's origin column). */
    Set<String> webrtcAmong(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("""
                select username from sip_device_account where device = 'webrtc' and username = any (?)""",
                String.class, (Object) usernames.toArray(String[]::new)));
    }

    @Override
    public void close() throws Exception {
        try {
            assignments.close();
        } finally {
            if (database != null) {
                database.close(); // after the journal's last writes
            }
        }
    }
}
