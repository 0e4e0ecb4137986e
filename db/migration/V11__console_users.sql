-- People who sign in to the pages (/login) and the agent and wallboard APIs (docs/sign-in.md), managed
-- by ./dataivr user add|remove|list. An agent's user name is its agent name (AgentName: 1-64 of
-- [A-Za-z0-9_-]); the same rule holds for every user. The hash is Spring Security's {id}hash form
-- ({bcrypt}$2a$12$...); the password itself is never stored.
create table console_user (
    name          text primary key check (name ~ '^[A-Za-z0-9_-]{1,64}$'),
    role          text        not null check (role in ('agent', 'supervisor', 'admin')),
    password_hash text        not null,
    created_at    timestamptz not null default now(),
    created_by    text        not null
);

-- Wrong passwords in a row per user name, for the lock-out (dataivr.signin.lockout): shared here so
-- every adapter node agrees. A row exists only while a user has failures or is locked; a successful
-- sign-in deletes it. Names of every source are counted (the table's, the agents' password file, the
-- admin of dataivr.admin), unknown names never.
create table signin_failure (
    name            text primary key,
    failures        integer     not null,
    locked_until    timestamptz,
    last_failure_at timestamptz not null
);
