-- The wallboard's figures and the calls CSV (issue 15 item 3) read one day at a time: the voice calls
-- requested that day and the sessions started that day. Without these indexes each read scans every
-- call and session ever stored. consultation_session takes one insert per session; the index on
-- started_at (set once, never updated) costs that insert one index entry.
create index voice_call_by_requested_at on voice_call (requested_at);
create index consultation_session_by_started_at on consultation_session (started_at);
