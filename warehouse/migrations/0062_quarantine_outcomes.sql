-- What became of a quarantined row, decided by a person or by trying again (issue 13):
--   retried:   landed again as new_raw_id (which landed, or is quarantined in its turn);
--   corrected: a person's corrected copy landed as new_raw_id, with who and why;
--   rejected:  rejected for good, with the reason; the raw row itself is never edited.
-- A raw row with rejections and no outcome here is open: the review page lists it, and the same row
-- arriving again (a re-import, "try again") is validated anew instead of being skipped as known.
create table quarantine_outcomes (
    raw_id bigint primary key,
    outcome varchar not null check (outcome in ('retried', 'corrected', 'rejected')),
    new_raw_id bigint,
    decided_by varchar,
    reason varchar,
    decided_at timestamp not null default current_timestamp
);
