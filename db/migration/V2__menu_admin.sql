-- Menu administration: who published or deleted a menu and when, and published versions made
-- immutable by the database itself (not only by the code that writes them).
-- Every new column is nullable or has a default, so writers that predate this migration still work.

-- Soft delete (menu.deleted_at, V1): who did it. A deleted menu starts no session; publishing the
-- same id again brings it back (deleted_at and deleted_by are cleared).
alter table menu add column deleted_by text;

-- Who published each version: an admin user name, "cli:<os user>" or "system" (start-up files).
alter table menu_version add column published_by text not null default 'system';

-- The menu's audit trail: one row per publish or delete, never updated.
create table menu_audit (
    id      bigserial primary key,
    menu_id text        not null references menu (id),
    action  text        not null check (action in ('publish', 'delete')),
    version integer,                     -- publish: the version published; delete: the one in service then
    actor   text        not null,
    at      timestamptz not null default now(),
    foreign key (menu_id, version) references menu_version (menu_id, version)
);

create index menu_audit_by_menu on menu_audit (menu_id, at);

-- Earlier publications, as far as V1 recorded them.
insert into menu_audit (menu_id, action, version, actor, at)
select menu_id, 'publish', version, 'system', published_at from menu_version;

-- A published version, its items and the audit trail are never changed or removed.
create function dataivr_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% rows are immutable: % refused', tg_table_name, tg_op
        using errcode = 'integrity_constraint_violation';
end;
$$;

create trigger menu_version_immutable before update or delete on menu_version
    for each row execute function dataivr_refuse_change();
create trigger menu_item_immutable before update or delete on menu_item
    for each row execute function dataivr_refuse_change();
create trigger menu_audit_immutable before update or delete on menu_audit
    for each row execute function dataivr_refuse_change();

-- An item's parent belongs to the same menu version (V1 only checked that the parent exists).
alter table menu_item add constraint menu_item_parent_same_version
    unique (id, menu_id, version);
alter table menu_item add constraint menu_item_parent_in_version
    foreign key (parent_id, menu_id, version) references menu_item (id, menu_id, version);

-- The admin API reads a session's record by session; these make those reads indexed.
create index content_delivery_log_by_session on content_delivery_log (session_id, delivered_at);
create index voice_call_by_session on voice_call (session_id, requested_at);
