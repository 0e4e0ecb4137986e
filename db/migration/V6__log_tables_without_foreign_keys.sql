-- The service-item log and the content-delivery log take one row per navigation message (issue 3's
-- benchmark: about 30,000 messages a second, one log row each). Per row PostgreSQL spent about 4 µs
-- on the foreign key to consultation_session (a lookup of the session row and a key-share lock on it)
-- and about 4 µs on two indexes; together most of the database's cost of a navigation message.
--
-- The foreign keys go. Why no row is lost and none points nowhere:
--  * The adapter is the only writer of these tables, through one ordered journal
--    (store/pg/JdbcSessionStore): a session's row is queued when the session starts, before any of its
--    log rows can be, and every batch writes its session rows before the rows that point to them.
--  * A session row the database refuses (the only way a log row could be left without its session)
--    makes the journal skip that session's log rows too, with an error in the log (see
--    JdbcSessionStore.write), as the foreign key did before.
--  * Nothing deletes sessions.
--  * SessionLogIntegrityIntegrationTests checks after real sessions that no log row is without its
--    session, over the whole table.
--
-- One index per table is kept, the one every read needs (all reads of these tables are by session:
-- the admin API's session record, and restoring a call after a restart, in store/pg/JdbcSessionRecords):
--  * service_item_log: (session_id, seq) becomes the primary key; the index on id (which nothing reads
--    by) goes. id keeps its sequence, so it still gives the order rows were written in.
--  * content_delivery_log: the primary key becomes (session_id, id), which also serves the reads by
--    session (they sort a session's few rows by delivered_at, id); the separate index goes.
-- No data changes: only constraints and indexes.

alter table service_item_log drop constraint service_item_log_session_id_fkey;
alter table content_delivery_log drop constraint content_delivery_log_session_id_fkey;

alter table service_item_log drop constraint service_item_log_pkey;
alter table service_item_log drop constraint service_item_log_session_id_seq_key;
alter table service_item_log add constraint service_item_log_pkey primary key (session_id, seq);

alter table content_delivery_log drop constraint content_delivery_log_pkey;
drop index content_delivery_log_by_session;
alter table content_delivery_log add constraint content_delivery_log_pkey primary key (session_id, id);
