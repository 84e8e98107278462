-- The landing path: waves, batches, raw submissions (append-only) and rejections (quarantine).
create sequence wave_id_seq;
create table waves (
    wave_id integer primary key default nextval('wave_id_seq'),
    survey_code varchar not null,
    period varchar not null,  -- '2011-Q2' for a quarter, '2011-12' for a financial year
    title varchar not null,
    opens date not null,
    closes date not null,
    closed_at timestamp,  -- set when an administrator closes the wave
    published_at timestamp,  -- set when the Board publishes it
    is_demo boolean not null default false,
    unique (survey_code, period)
);

create sequence batch_id_seq;
create table import_batches (
    batch_id bigint primary key default nextval('batch_id_seq'),
    survey_code varchar not null,
    survey_version integer not null,
    source varchar not null check (source in ('file', 'web', 'paper', 'limesurvey', 'demo')),
    wave_id integer,
    file_name varchar,
    file_checksum varchar,  -- sha256 of the file's bytes
    file_size bigint,
    submitted_by varchar,
    received_at timestamp not null default current_timestamp,
    rows_received bigint not null default 0,
    landed bigint not null default 0,
    new_versions bigint not null default 0,
    quarantined bigint not null default 0,
    already_present bigint not null default 0,
    columns varchar[],  -- the columns as received: the keys of each raw payload's values
    extra_columns varchar[],
    is_demo boolean not null default false
);

create sequence raw_id_seq;
create table raw_submissions (
    raw_id bigint not null default nextval('raw_id_seq'),
    batch_id bigint not null,
    survey_code varchar not null,
    wave_id integer,
    source varchar not null,
    source_id varchar not null,  -- unique with content_hash per survey, wave and source  -- the source's own id, else content hash + ':' + occurrence
    content_hash varchar not null,  -- md5 of the answers (trimmed, blank as missing), not of the layout
    row_number bigint not null,  -- 1-based data row in the file, 1 for a single submission
    payload json not null,  -- the row's values exactly as received, a JSON array in the order of import_batches.columns
    received_at timestamp not null default current_timestamp,
    is_demo boolean not null default false
);

create table rejections (
    raw_id bigint not null,
    batch_id bigint not null,
    row_number bigint not null,
    field varchar not null,
    value varchar,
    reason varchar not null,
    rejected_at timestamp not null default current_timestamp,
    is_demo boolean not null default false
);
