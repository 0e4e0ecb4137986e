-- People's page sessions (docs/sign-in.md, "Sessions"): the session of the sign-in form (cookie
-- JSESSIONID) kept by Spring Session JDBC (spring-session-jdbc) instead of the adapter's memory, so a
-- session outlives an adapter restart and every adapter node behind a load balancer knows it.
-- Only people's browser sessions are here: the customer page (/app/), the IP channel, HTTP Basic and the
-- actuator never make one. The tables and columns are the ones Spring Session's
-- JdbcIndexedSessionRepository reads and writes (its default table name, SPRING_SESSION, unquoted: so
-- spring_session here); spring.session.jdbc.initialize-schema is "never": this migration is the one
-- source of the shape. Keep the names and types if Spring Session is upgraded (its release notes say
-- when its schema changes).

create table spring_session (
    -- The row's own id (a UUID), fixed for the session's life; the attributes refer to it.
    primary_id            char(36) not null,
    -- The id in the cookie (Base64 of it, in fact): a UUID, replaced at sign-in (session fixation).
    session_id            char(36) not null,
    -- Milliseconds since 1970 (UTC) of the session's start and of its last request.
    creation_time         bigint   not null,
    last_access_time      bigint   not null,
    -- server.servlet.session.timeout in seconds (8 h by default).
    max_inactive_interval int      not null,
    -- last_access_time + max_inactive_interval, in ms: a session past it is refused when read, and its
    -- row deleted by the cleanup of every node (spring.session.jdbc.cleanup-cron).
    expiry_time           bigint   not null,
    -- The signed-in person's user name (null before signing in: a page asked for, kept for after it);
    -- text, not Spring's varchar(100): the admin's name (dataivr.admin.username) has no length limit.
    principal_name        text,
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

-- The session's attributes, Java-serialized by Spring Session: the security context (who signed in,
-- with which roles) and the page asked for before signing in. Deleted with their session.
create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
