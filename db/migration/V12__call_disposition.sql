-- Issue 15 item 2: after a queue call the agent records its outcome on the console (/agent/): a code from
-- dataivr.agent.dispositions, a free note, who recorded it and when. Shown in the admin's session record
-- and in the day's CSV of calls (columns named exactly disposition and disposition_note).
alter table voice_call add column disposition text check (disposition ~ '^[a-z0-9-]{1,32}$');
alter table voice_call add column disposition_note text check (char_length(disposition_note) <= 2000);
alter table voice_call add column disposed_by text;
alter table voice_call add column disposed_at timestamptz;
