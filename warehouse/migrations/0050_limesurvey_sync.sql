-- LimeSurvey sync runs (issue 8): one row per sync of one instrument; the last synced response id is
-- the incremental watermark. The password is never stored; the URL and survey id say which server.
create sequence limesurvey_sync_id_seq;
create table limesurvey_sync (
    sync_id bigint primary key default nextval('limesurvey_sync_id_seq'),
    survey_code varchar not null,
    server_url varchar not null,
    limesurvey_survey_id integer not null,
    started_at timestamp not null default current_timestamp,
    finished_at timestamp,
    outcome varchar not null check (outcome in ('ok', 'failed')),
    message varchar,  -- the one-line result or error a person reads
    last_response_id integer,  -- highest LimeSurvey response id read so far (carried over when none new)
    received integer not null default 0,
    landed integer not null default 0,
    new_versions integer not null default 0,
    quarantined integer not null default 0,
    already_present integer not null default 0,
    participants_added integer not null default 0,
    batch_id bigint
);
