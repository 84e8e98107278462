-- Each run of a scheduled job (issue 13): the reminders the app sends by itself while it serves
-- (pipelines/outreach/schedule.py). `detail` is a sentence a person can act on, never a traceback:
-- what was sent, or why the run was skipped (mail not set up) or failed (the mail server could not be reached).
create sequence schedule_run_id_seq;
create table schedule_runs (
    run_id bigint primary key default nextval('schedule_run_id_seq'),
    job varchar not null,
    started_at timestamp not null,
    finished_at timestamp not null,
    outcome varchar not null check (outcome in ('ok', 'skipped', 'failed')),
    detail varchar not null
);
