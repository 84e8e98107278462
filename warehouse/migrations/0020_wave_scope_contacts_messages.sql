-- Waves' scope (who is asked), organisations' e-mail contacts, the log of every message sent,
-- and paper keyings kept for double entry. Addresses of carers are never stored: only sample references.
create table wave_scope (
    wave_id integer not null,
    org_code varchar,  -- a commissioner or carers' organisation asked to answer, or
    sample_ref varchar,  -- a carer's reference in the council's sample
    area varchar,  -- the sampled carer's council (LA code), for response rates and margins of error
    age_band varchar,  -- the sample's age band code (the survey's AGEBAND codes), when the sample has it
    sex varchar,  -- the sample's sex code (the survey's SEX codes), when the sample has it
    is_demo boolean not null default false,
    check ((org_code is null) <> (sample_ref is null))
);

create table org_contacts (
    org_code varchar not null,
    email varchar not null,
    name varchar,
    is_demo boolean not null default false,
    primary key (org_code, email)
);

create sequence message_id_seq;
create table message_log (
    message_id bigint primary key default nextval('message_id_seq'),
    wave_id integer not null,
    org_code varchar,
    sample_ref varchar,
    channel varchar not null check (channel in ('email', 'post')),
    recipient varchar,  -- the e-mail address written to; null for letters (addresses are not kept)
    template varchar not null check (template in ('invitation', 'reminder', 'final_reminder')),
    sent_at timestamp not null default current_timestamp,
    sent_by varchar,
    is_demo boolean not null default false
);

create sequence keying_id_seq;
create table paper_keyings (
    keying_id bigint primary key default nextval('keying_id_seq'),
    survey_code varchar not null,
    wave_id integer,
    paper_ref varchar not null,  -- the reference printed on the paper return
    entry integer not null check (entry in (1, 2, 3)),  -- first keying, second keying, settled
    answers json not null,  -- {field: answer code as keyed}
    keyed_by varchar not null,
    keyed_at timestamp not null default current_timestamp,
    landed_batch_id bigint  -- set when this keying (the settled or agreed one) went through land()
);
