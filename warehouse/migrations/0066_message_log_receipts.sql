-- Receipts: an organisation's contacts are told, with the reference, that its answers arrived.
-- DuckDB cannot change a CHECK constraint in place, so the log is copied into a table that allows 'receipt'.
create table message_log_new (
    message_id bigint primary key default nextval('message_id_seq'),
    wave_id integer not null,
    org_code varchar,
    sample_ref varchar,
    channel varchar not null check (channel in ('email', 'post')),
    recipient varchar,  -- the e-mail address written to; null for letters (addresses are not kept)
    template varchar not null check (template in ('invitation', 'reminder', 'final_reminder', 'receipt')),
    sent_at timestamp not null default current_timestamp,
    sent_by varchar,
    is_demo boolean not null default false
);

insert into message_log_new
select
    message_id,
    wave_id,
    org_code,
    sample_ref,
    channel,
    recipient,
    template,
    sent_at,
    sent_by,
    is_demo
from message_log;

drop table message_log;

alter table message_log_new rename to message_log;
