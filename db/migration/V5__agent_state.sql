-- Each agent's latest state, so a restarted adapter knows who was logged in to which queues, who
-- was paused and why (Asterisk's queue members only show the idle ones). Written behind in the
-- same journal as agent_state_log; login, logout, pause and resume wait until it is stored.
create table agent_state (
    agent          text primary key,
    state          text        not null,
    previous_state text,
    queues         text[]      not null default '{}',
    pause_reason   text,
    updated_at     timestamptz not null
);
