-- Device SIP accounts provisioned ahead (the adapter's pool, dataivr.sip.pool-size): such an account has
-- no session until a session's first voice request takes it (session_id and assigned_at are then set,
-- and expires_at becomes the account's lifetime from that moment). A pooled account nobody took expires
-- after dataivr.sip.pool-lifetime and is revoked like any other.
alter table sip_device_account alter column session_id drop not null;
alter table sip_device_account add column assigned_at timestamptz;
update sip_device_account set assigned_at = created_at where assigned_at is null;
