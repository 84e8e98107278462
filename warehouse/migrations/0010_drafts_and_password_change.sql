-- Unfinished carer answers kept server-side for "save and come back later", and a forced password change.
create table drafts (
    code_hash varchar primary key,  -- sha256 of the return code; the code itself is never stored
    survey_code varchar not null,
    wave_id integer,
    invitation_id bigint,  -- the personal invitation the draft came from, if any
    answers json not null,  -- unfinished answers; never a response until submitted through land()
    step varchar,  -- the section code the person was on
    saved_at timestamp not null default current_timestamp,
    expires_at timestamp not null
);

alter table users add column must_change_password boolean default false;
