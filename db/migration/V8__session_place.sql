-- Where each open session is, so a restarted adapter restores a session whose call Asterisk still
-- holds at the menu level it was at (its menu version is menu_version, V1), and the app can resume
-- it with the resume token it was given. Both columns are nullable: rows written before this
-- migration restore at the top level and cannot be resumed, as before.

-- The session's menu level: item keys from the root joined by '/', '' at the top. Written behind on
-- every move (a sub-menu chosen, back).
alter table consultation_session add column menu_path text;

-- SHA-256 of the secret part of the session's resume token (never the token itself); null for a
-- session opened without a connection (REST).
alter table consultation_session add column resume_hash bytea;

-- The calls left open: a restarted adapter closes those that ended while no adapter ran (their
-- call is no longer in Asterisk) and looks them up by this index on every start and AMI reconnect.
create index voice_call_open on voice_call (requested_at) where ended_at is null;
