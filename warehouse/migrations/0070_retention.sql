-- Retention (data protection): waves whose raw rows were purged after the retention period, so the check that
-- every typed answer has its raw row knows those answers lost their raw rows on purpose.
create table retention_purged_waves (
    wave_id integer primary key,
    raw_purged_at timestamp not null default current_timestamp
);
