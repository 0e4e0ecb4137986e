-- A session opened over REST is driven only with its own secret (an Authorization: Bearer token that
-- the POST /api/v1/sessions answer shows once). Its SHA-256 (never the secret) is kept here so that a
-- REST session restored with its call after an adapter restart still answers its app, and nobody else.
-- Null for a WebSocket session (its resume secret is resume_hash, V8), which REST never reaches, and
-- for rows written before this migration.
alter table consultation_session add column rest_secret_hash bytea;
