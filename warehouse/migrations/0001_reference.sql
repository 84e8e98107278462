-- Reference data: real organisations, their successions, and published national figures.
create table organisations (
    code varchar primary key,  -- ODS code (NHS bodies), ONS code (councils), or given by an administrator (carers_org)
    name varchar not null,
    type varchar not null check (type in ('SHA', 'PCT', 'CCG', 'ICB', 'NHS_REGION', 'LA', 'carers_org')),
    parent_code varchar,
    ons_code varchar,
    valid_from date,
    valid_to date,
    is_demo boolean not null default false
);

create table org_successions (
    predecessor_code varchar not null,
    successor_code varchar not null,
    effective_date date not null,
    share double,
    basis varchar,
    primary key (predecessor_code, successor_code, effective_date)
);

create table ref_england_carer_measures (
    wave varchar not null,
    measure varchar not null,
    ascof_code_to_2022_23 varchar,
    ascof_code_from_2023_24 varchar,
    value double,
    unit varchar,
    england_base integer,
    note varchar,
    primary key (wave, measure)
);

create table ref_council_carer_measures (
    wave varchar not null,
    council_code varchar not null,
    council_old_code varchar,
    council_name varchar,
    measure varchar not null,
    ascof_code varchar,
    value double,
    unit varchar,
    base integer,
    numerator double,
    denominator double,
    margin_of_error double,
    note varchar
);
