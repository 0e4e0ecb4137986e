-- PJSIP realtime (asterisk-config/sorcery.conf, extconfig.conf, res_pgsql.conf): the customer devices'
-- SIP accounts, provisioned by the adapter. One device = one row in each of ps_endpoints, ps_auths and
-- ps_aors sharing one id. Column names are the PJSIP option names Asterisk 22 knows; a NULL column
-- means "PJSIP's default" (res_config_pgsql leaves NULLs out). Only the options DataIVR sets, plus a
-- few an admin may want to change per device, are columns: Asterisk refuses a row whose columns it
-- does not know, and warns (requirements = warn) about the many it would accept but does not need.

create table ps_endpoints (
    id                          varchar(40) primary key,
    transport                   varchar(40),
    aors                        varchar(200),
    auth                        varchar(40),
    context                     varchar(40),
    disallow                    varchar(200),
    allow                       varchar(200),
    direct_media                varchar(3) check (direct_media in ('yes', 'no')),
    direct_media_method         varchar(10) check (direct_media_method in ('invite', 'reinvite', 'update')),
    disable_direct_media_on_nat varchar(3) check (disable_direct_media_on_nat in ('yes', 'no')),
    rtp_symmetric               varchar(3) check (rtp_symmetric in ('yes', 'no')),
    force_rport                 varchar(3) check (force_rport in ('yes', 'no')),
    rewrite_contact             varchar(3) check (rewrite_contact in ('yes', 'no')),
    media_encryption            varchar(5) check (media_encryption in ('no', 'sdes', 'dtls')),
    dtmf_mode                   varchar(10),
    callerid                    varchar(80),
    device_state_busy_at        integer,
    allow_subscribe             varchar(3) check (allow_subscribe in ('yes', 'no'))
);

create table ps_auths (
    id        varchar(40) primary key,
    auth_type varchar(10) not null default 'userpass' check (auth_type in ('userpass', 'md5')),
    username  varchar(40),
    password  varchar(80),
    md5_cred  varchar(40),
    realm     varchar(40)
);

create table ps_aors (
    id                 varchar(40) primary key,
    max_contacts       integer,
    remove_existing    varchar(3) check (remove_existing in ('yes', 'no')),
    qualify_frequency  integer,
    default_expiration integer,
    minimum_expiration integer,
    maximum_expiration integer
);

-- The adapter's record of every device account it handed out (never the password): which session it
-- was for, when it expires, and when it was revoked (its ps_* rows deleted).
create table sip_device_account (
    username   varchar(40) primary key,
    session_id uuid        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    revoke_reason text
);

create index sip_device_account_live on sip_device_account (expires_at) where revoked_at is null;

-- The call record names the SIP account the customer called from.
alter table voice_call add column sip_account varchar(40);
