-- DataIVR customer-service database: the one source of the schema (Flyway).
-- Menus are versioned; a published version is never changed, publishing a new one is one transaction.

create table menu (
    id                text primary key check (id ~ '^[a-z0-9-]{1,64}$'),
    published_version integer,
    created_at        timestamptz not null default now(),
    deleted_at        timestamptz
);

create table menu_version (
    menu_id      text        not null references menu (id),
    version      integer     not null check (version > 0),
    languages    text[]      not null,
    title        jsonb       not null,   -- {"zh-CN": "...", "en": "..."}
    published_at timestamptz not null default now(),
    primary key (menu_id, version)
);

alter table menu
    add constraint menu_published_version_fk
        foreign key (id, published_version) references menu_version (menu_id, version);

create table menu_item (
    id          bigserial primary key,
    menu_id     text    not null,
    version     integer not null,
    parent_id   bigint references menu_item (id),
    position    integer not null,
    key         text    not null check (key ~ '^[0-9A-Za-z*#]{1,8}$'),
    kind        text    not null check (kind in ('content', 'submenu', 'voice')),
    label       jsonb   not null,        -- texts per language
    content     jsonb,                   -- kind = content
    voice_queue text,                    -- kind = voice: the Asterisk queue that serves it
    foreign key (menu_id, version) references menu_version (menu_id, version),
    check ((kind = 'content') = (content is not null)),
    check ((kind = 'voice') = (voice_queue is not null))
);

create unique index menu_item_key_per_level
    on menu_item (menu_id, version, coalesce(parent_id, 0), key);

-- Consultation sessions (patent steps 1-8).
create table consultation_session (
    id           uuid primary key,
    menu_id      text        not null,
    menu_version integer     not null,
    language     text        not null,
    client_ref   text,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    end_reason   text,
    foreign key (menu_id, menu_version) references menu_version (menu_id, version)
);

-- Every item the customer chose, when, in which menu version, and whether during a voice call (steps 4, 7).
create table service_item_log (
    id           bigserial primary key,
    session_id   uuid        not null references consultation_session (id),
    seq          integer     not null,
    item_path    text        not null,   -- keys from the root, joined by '/'
    kind         text        not null,
    chosen_at    timestamptz not null,
    during_call  boolean     not null default false,
    unique (session_id, seq)
);

-- Written after the content was sent (claim 2).
create table content_delivery_log (
    id           bigserial primary key,
    session_id   uuid        not null references consultation_session (id),
    item_path    text        not null,
    language     text        not null,
    chars        integer     not null,
    delivered_at timestamptz not null
);

-- Voice calls (steps 6, 7): the call record, the agent and the session point to each other.
create table voice_call (
    id                text primary key,  -- the voice request id
    session_id        uuid        not null references consultation_session (id),
    queue             text        not null,
    requested_at      timestamptz not null,
    caller_channel_id text,              -- Asterisk Uniqueid of the customer's channel
    agent             text,
    ringing_at        timestamptz,
    answered_at       timestamptz,
    ended_at          timestamptz,
    outcome           text
);

-- Step 8: what the session used, stored when it ends.
create table session_end_record (
    session_id    uuid primary key references consultation_session (id),
    ended_at      timestamptz not null,
    reason        text        not null,
    items_chosen  integer     not null,
    contents_sent integer     not null,
    voice_calls   integer     not null
);

create table agent_state_log (
    id         bigserial primary key,
    agent      text        not null,
    from_state text,
    to_state   text        not null,
    reason     text,
    at         timestamptz not null
);
