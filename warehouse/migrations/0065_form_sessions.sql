-- The web forms' state on the server, so that Back, a reload and "save and come back" keep every answer.
-- A journey is found by the hash of its cookie's random value or, once saved, by the hash of its return code;
-- neither secret is stored. Answers here are never a response: they land only through land() when sent.
create sequence form_session_id_seq;

create table form_sessions (
    form_session_id bigint primary key default nextval('form_session_id_seq'),
    session_hash varchar not null,  -- sha256 of the cookie's value
    survey_code varchar not null,
    wave_id integer not null,
    source_id varchar not null,  -- what the answers land under (one journey, or one organisation's return)
    invitation_id bigint,  -- the personal invitation it came from, if any
    org_code varchar,  -- the answering organisation, fixed by its invitation or its account
    subject_code varchar,  -- org_rating: the commissioner being rated
    username varchar,  -- the account that opened it through a signed link, if any
    answers json not null,
    step varchar,  -- the page last shown: where a return code takes the person back to
    return_code_hash varchar,  -- sha256 of the "save and come back" code
    reference varchar,  -- set when the answers have landed
    updated_at timestamp not null default current_timestamp,
    expires_at timestamp not null
);

-- Drafts saved before this release keep working under their return codes.
insert into form_sessions (
    session_hash, survey_code, wave_id, source_id, invitation_id, answers, return_code_hash, updated_at, expires_at
)
select
    code_hash as session_hash,
    survey_code,
    wave_id,
    'draft:' || code_hash,
    invitation_id,
    answers,
    code_hash as return_code_hash,
    saved_at,
    expires_at
from drafts
where wave_id is not null;

drop table drafts;
