-- Accounts and audit, invitations (non-response comes from here), and the Board's action plan and KPIs.
create sequence user_id_seq;
create table users (
    user_id integer primary key default nextval('user_id_seq'),
    username varchar not null unique,
    display_name varchar,
    email varchar,
    role varchar not null check (role in ('administrator', 'board', 'carers_org', 'commissioner')),
    org_code varchar,  -- required for carers_org and commissioner accounts
    password_hash varchar,  -- argon2id; null for single sign-on only
    failed_attempts integer not null default 0,
    locked_until timestamp,
    disabled boolean not null default false,
    is_demo boolean not null default false,
    created_at timestamp not null default current_timestamp
);

create sequence audit_id_seq;
create table audit_log (
    audit_id bigint primary key default nextval('audit_id_seq'),
    logged_at timestamp not null default current_timestamp,
    username varchar,
    action varchar not null,
    detail json
);

create sequence invitation_id_seq;
create table invitations (
    invitation_id bigint primary key default nextval('invitation_id_seq'),
    wave_id integer not null,
    token_hash varchar unique,  -- sha256 of the single-use token; the token itself is never stored
    org_code varchar,  -- addressee organisation, or
    sample_ref varchar,  -- a carer's reference in the council's sample
    channel varchar not null check (channel in ('email', 'post', 'limesurvey')),
    sent_at timestamp,
    reminded_at timestamp,
    final_reminder_at timestamp,
    completed_at timestamp,
    is_demo boolean not null default false
);

create sequence action_id_seq;
create table action_plan (
    action_id integer primary key default nextval('action_id_seq'),
    title varchar not null,
    owner varchar not null,
    target_date date,
    measure varchar,
    status varchar not null default 'open' check (status in ('open', 'done', 'dropped')),
    is_demo boolean not null default false
);

create table action_updates (
    action_id integer not null,
    quarter varchar not null,
    rag varchar not null check (rag in ('red', 'amber', 'green')),
    narrative varchar,
    evidence_url varchar,
    updated_by varchar,
    updated_at timestamp not null default current_timestamp,
    is_demo boolean not null default false
);

create table kpis (
    kpi_code varchar primary key,
    name varchar not null,
    unit varchar,
    target double,
    direction varchar not null check (direction in ('up', 'down')),
    source varchar not null,
    is_demo boolean not null default false
);

create table kpi_values (
    kpi_code varchar not null,
    period varchar not null,
    org_code varchar,
    value double,
    target double,
    entered_by varchar,
    entered_at timestamp not null default current_timestamp,
    is_demo boolean not null default false
);
