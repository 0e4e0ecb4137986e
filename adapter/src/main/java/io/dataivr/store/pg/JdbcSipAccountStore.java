package io.dataivr.store.pg;

import io.dataivr.session.SipAccount;
import io.dataivr.session.SipAccountStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Device accounts as PJSIP realtime rows (ps_endpoints, ps_auths, ps_aors: one id for all three),
 * which Asterisk reads through res_config_pgsql on every REGISTER and INVITE, so inserting and
 * deleting them takes effect at once. The endpoint options mirror pjsip.conf's customer template.
 */
public class JdbcSipAccountStore implements SipAccountStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PjsipRealtimeProperties properties;

    public JdbcSipAccountStore(JdbcTemplate jdbc, TransactionTemplate transactions,
            PjsipRealtimeProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Override
    public void provision(SipAccount account, UUID sessionId, Instant at) {
        String id = account.username();
        transactions.executeWithoutResult(status -> {
            jdbc.update("""
                    insert into sip_device_account (username, session_id, created_at, expires_at)
                    values (?, ?, ?, ?)""", id, sessionId, Timestamp.from(at), Timestamp.from(account.expiresAt()));
            jdbc.update("""
                    insert into ps_auths (id, auth_type, username, password) values (?, 'userpass', ?, ?)""",
                    id, id, account.password());
            jdbc.update("""
                    insert into ps_aors (id, max_contacts, remove_existing, qualify_frequency, default_expiration,
                                         minimum_expiration)
                    values (?, 1, 'yes', ?, 600, 30)""", id, (int) properties.qualifyFrequency().toSeconds());
            jdbc.update("""
                    insert into ps_endpoints (id, transport, aors, auth, context, disallow, allow, direct_media,
                                              direct_media_method, rtp_symmetric, force_rport, rewrite_contact,
                                              media_encryption, dtmf_mode, callerid)
                    values (?, ?, ?, ?, ?, 'all', ?, 'yes', 'invite', 'yes', 'yes', 'yes', 'no', 'rfc4733', ?)""",
                    id, properties.transport(), id, id, properties.context(), properties.codecs(),
                    "\"DataIVR app\" <" + id + ">");
        });
    }

    @Override
    public boolean revoke(String username, String reason, Instant at) {
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
}
